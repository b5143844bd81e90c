package vn.onestop.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.onestop.infra.KafkaStack;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Items 1 and 2 together: the raw produce + consume baseline (A) and the pipeline (B) measured in
 * alternation, A B A B A B, each pipeline run followed by the pipeline on the workload of realistic
 * alert density (B', {@link ResolvingStream}, about 0.7 alerts per event) against the same pair's
 * baseline. Each side warms up with the same number of events of the same generator and event-time
 * spacing ({@link #warmEvents}). The ratio against the target is the median of the pairs' ratios
 * ({@link PairedRuns#medianRatio}); every pair is printed, with the records the engine wrote per
 * input event beside its ratio. The latency run follows the last standard pipeline run.
 */
final class PairedBench {
  /** The pipeline target: this fraction of the baseline (see docs/benchmarks.md). */
  static final double TARGET_RATIO = 0.50;

  /** The size the pipeline target is stated for: 10^6 input events. */
  static final long TARGET_EVENTS = 1_000_000;

  private PairedBench() {}

  /**
   * @param n timed events of a run
   * @return warm-up events of both the baseline and the pipeline: a fifth of {@code n}, at least 1
   *     000
   */
  static int warmEvents(int n) {
    return Math.max(1_000, n / 5);
  }

  /**
   * Runs the pairs and reports items 1 and 2.
   *
   * @param baselineOn whether item 1 runs (without it: no ratio)
   * @param pipelineOn whether item 2 runs
   * @param pairs number of pairs, at least 1
   */
  static void run(
      KafkaStack stack,
      SchemaRegistryClient registry,
      int partitions,
      Scale scale,
      int pairs,
      boolean baselineOn,
      boolean pipelineOn,
      Path workDir,
      Report report)
      throws IOException {
    int n = scale.pipelineEvents();
    int warm = warmEvents(n);
    List<PairedRuns.Pair> done = new ArrayList<>();
    List<BaselineBench.Result> baselines = new ArrayList<>();
    PipelineBench.Result lastStandard = null;
    PipelineBench.Result lastRealistic = null;
    List<PipelineBench.Result> standards = new ArrayList<>();
    List<PipelineBench.Result> realistics = new ArrayList<>();
    for (int k = 1; k <= pairs; k++) {
      double a = Double.NaN;
      if (baselineOn) {
        System.out.printf(Locale.ROOT, "  pair %d/%d: A baseline%n", k, pairs);
        BaselineBench.Result br = BaselineBench.run(stack, registry, partitions, n, warm);
        baselines.add(br);
        a = br.rate();
      }
      if (!pipelineOn) {
        continue;
      }
      System.out.printf(Locale.ROOT, "  pair %d/%d: B pipeline, 1 alert per event%n", k, pairs);
      PipelineBench.Result b =
          PipelineBench.run(
              stack,
              registry,
              partitions,
              p -> new EventStream(p, Duration.ofSeconds(2)),
              n,
              warm,
              k == pairs ? scale.latencySeconds() : 0,
              workDir,
              report);
      standards.add(b);
      lastStandard = b;
      System.out.printf(
          Locale.ROOT, "  pair %d/%d: B' pipeline, realistic alert density%n", k, pairs);
      PipelineBench.Result r =
          PipelineBench.run(
              stack,
              registry,
              partitions,
              p -> new ResolvingStream(p, Duration.ofSeconds(2)),
              n,
              warm,
              0,
              workDir,
              report);
      realistics.add(r);
      lastRealistic = r;
      PairedRuns.Pair pair =
          new PairedRuns.Pair(k, a, b.rate(), b.recordsPerEvent(), r.rate(), r.recordsPerEvent());
      done.add(pair);
      if (baselineOn) {
        System.out.println("  " + pair.line());
      }
    }
    String nl = String.format(Locale.ROOT, "%,d", n);
    String wl = String.format(Locale.ROOT, "%,d", warm);
    if (baselineOn) {
      for (int i = 0; i < baselines.size(); i++) {
        report.figure(
            "1",
            String.format(
                Locale.ROOT,
                "run %d (pair %d): produce + read_committed consume of %s, after %s warm-up"
                    + " events; produce only",
                i + 1,
                i + 1,
                nl,
                wl),
            Report.perSecond(baselines.get(i).rate())
                + "; "
                + Report.perSecond(baselines.get(i).produceRate()));
      }
      report.figure(
          "1",
          "baseline: median of " + baselines.size() + " runs",
          Report.perSecond(
              PairedRuns.median(
                  baselines.stream().mapToDouble(BaselineBench.Result::rate).toArray())));
    }
    if (!pipelineOn) {
      return;
    }
    for (PairedRuns.Pair p : done) {
      PipelineBench.Result b = standards.get(p.index() - 1);
      PipelineBench.Result r = realistics.get(p.index() - 1);
      report.figure(
          "2",
          String.format(
              Locale.ROOT,
              "pair %d: pipeline (1 alert/event) / realistic (≈0.7 alerts/event), %s events after"
                  + " %s warm-up",
              p.index(),
              nl,
              wl),
          Report.perSecond(b.rate()) + " / " + Report.perSecond(r.rate()));
      if (baselineOn) {
        report.figure(
            "2",
            String.format(
                Locale.ROOT,
                "pair %d: ratio to the pair's baseline (%s), records written per input event",
                p.index(),
                Report.perSecond(p.baseline())),
            String.format(
                Locale.ROOT,
                "%.1f %% (%.2f rec/event) / %.1f %% (%.2f rec/event)",
                100 * p.ratio(),
                p.recordsPerEvent(),
                100 * p.realisticRatio(),
                p.realisticRecordsPerEvent()));
      }
    }
    if (baselineOn) {
      double m = PairedRuns.medianRatio(done);
      double mr = PairedRuns.medianRealisticRatio(done);
      double rec =
          PairedRuns.median(done.stream().mapToDouble(PairedRuns.Pair::recordsPerEvent).toArray());
      double recR =
          PairedRuns.median(
              done.stream().mapToDouble(PairedRuns.Pair::realisticRecordsPerEvent).toArray());
      report.target(
          "2",
          String.format(
              Locale.ROOT,
              "ratio pipeline / baseline, median of %d pairs (A B A B A B); records written per"
                  + " input event (median)",
              done.size()),
          String.format(Locale.ROOT, "%.1f %% (%.2f rec/event)", 100 * m, rec),
          "≥ 50 %",
          m >= TARGET_RATIO,
          n,
          TARGET_EVENTS);
      report.target(
          "2",
          String.format(
              Locale.ROOT,
              "ratio, realistic alert density (≈0.7 alerts/event), median of %d pairs; records"
                  + " written per input event (median)",
              done.size()),
          String.format(Locale.ROOT, "%.1f %% (%.2f rec/event)", 100 * mr, recR),
          "≥ 50 %",
          mr >= TARGET_RATIO,
          n,
          TARGET_EVENTS);
    }
    report.figure(
        "2",
        "alerts committed during the timed part / implied by warm-up + timed events, alerts per"
            + " input event (last pair: 1 alert/event; realistic)",
        String.format(
            Locale.ROOT,
            "%,d / %,d, %.2f; %,d / %,d, %.2f",
            lastStandard.alertsInRun(),
            lastStandard.expectedAlerts(),
            lastStandard.alertsPerEvent(),
            lastRealistic.alertsInRun(),
            lastRealistic.expectedAlerts(),
            lastRealistic.alertsPerEvent()));
    report.figure(
        "2",
        "rebalances during the pipeline runs (all pairs)",
        Integer.toString(
            standards.stream().mapToInt(PipelineBench.Result::rebalances).sum()
                + realistics.stream().mapToInt(PipelineBench.Result::rebalances).sum()));
    report.note(
        "2",
        "records written per input event by topic, last pair (1 alert/event): "
            + byTopic(lastStandard)
            + "; realistic: "
            + byTopic(lastRealistic));
  }

  private static String byTopic(PipelineBench.Result r) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : r.writes().entrySet()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(
          String.format(Locale.ROOT, "`%s` %.3f", e.getKey(), e.getValue() / (double) r.events()));
    }
    return b.append(String.format(Locale.ROOT, " (total %.2f)", r.recordsPerEvent())).toString();
  }
}
