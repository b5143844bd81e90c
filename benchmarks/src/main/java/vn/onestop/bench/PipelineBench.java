package vn.onestop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import vn.onestop.infra.KafkaStack;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.SlaTopics;

/**
 * Item 2: the SLA engine as deployed (its defaults: exactly_once_v2, registry serdes, RocksDB, one
 * stream thread, punctuation every 1 s of stream time) in this JVM, fed by the intake's publisher
 * ({@link CaseEventPublisher#send}, acks=all, idempotent, linger 5 ms) with wall-clock event times,
 * as the web intake writes them.
 *
 * <ul>
 *   <li>Throughput: {@code n} events of the {@link EventStream} mix sent as fast as the producer
 *       goes; rate = {@code n / (engine committed the last input offset - first send)}.
 *   <li>Latency: events paced at half that rate; every case is due 2 s after submission, so the
 *       engine emits a 75 % warning and a breach per case while the load runs. Latency of an alert
 *       = the wall-clock instant a {@code read_committed} consumer receives it minus the instant it
 *       became due ({@code decidedAt}; event time is wall-clock time here), i.e. what a supervisor
 *       waits.
 * </ul>
 */
final class PipelineBench {
  private PipelineBench() {}

  /**
   * @return sustained pipeline events/s
   */
  static double run(
      KafkaStack stack,
      SchemaRegistryClient registry,
      int partitions,
      Scale scale,
      Path workDir,
      double baseline,
      Report report)
      throws IOException {
    String run = Long.toString(System.nanoTime(), 36);
    SlaTopics topics = SlaTopics.DEFAULT.withPrefix("pipe-" + run + "-");
    EngineRun.prepare(stack.bootstrapServers(), registry, topics, partitions);
    Path stateDir = Files.createTempDirectory(workDir, "pipeline-state-");
    String appId = "bench-pipeline-" + run;
    SlaEngineConfig config =
        SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
            .applicationId(appId)
            .stateDir(stateDir)
            .topics(topics)
            .build();
    double rate = Double.NaN;
    ConcurrentLinkedQueue<long[]> latencies =
        new ConcurrentLinkedQueue<>(); // {visible - decidedAt, decidedAt}
    try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults());
        Admin admin = Clients.admin(stack.bootstrapServers());
        AlertWatcher alerts =
            new AlertWatcher(
                stack.bootstrapServers(),
                registry,
                topics.caseAlerts(),
                seen -> {
                  if (seen.alert().getCaseId().startsWith("lat-")) {
                    latencies.add(
                        new long[] {
                          seen.visibleAtMs() - seen.alert().getDecidedAt().toEpochMilli(),
                          seen.alert().getDecidedAt().toEpochMilli()
                        });
                  }
                })) {
      EngineRun.Rebalances rebalances = EngineRun.watch(engine);
      engine.start();
      EngineRun.awaitRunning(rebalances, Duration.ofSeconds(60));
      KafkaProducer<String, CaseEvent> producer =
          Clients.caseEventProducer(stack.bootstrapServers(), registry, "bench-pipeline");
      try (CaseEventPublisher publisher =
          new CaseEventPublisher(producer, 60_000, topics.caseEvents())) {
        SendErrors cb = new SendErrors();
        // Event times of the warm-up and throughput events: 100 µs apart (10 000 events = 5 000 new
        // cases
        // per second of event time, like an import of a busy hotline day), all in the past, so a
        // case's
        // warning and breach fire 15 000 and 20 000 events after its submission, inside the run,
        // and the
        // paced latency run afterwards (wall-clock event times) starts after all of them.
        int n = scale.pipelineEvents();
        long spacingMicros = 100;
        Instant base = Instant.now().minusSeconds(60 + n * spacingMicros / 1_000_000);
        // warm-up: a few hundred events so the tasks, serdes and JIT are ready
        EventStream warm = new EventStream("warm-", Duration.ofSeconds(2));
        int warmEvents = 500;
        for (int i = 0; i < warmEvents; i++) {
          publisher.send(warm.event(i, base.plusNanos(i * spacingMicros * 1000)), null, cb);
        }
        publisher.flush();
        EngineRun.awaitCaughtUp(
            admin, appId, topics.caseEvents(), partitions, Duration.ofMinutes(2));

        // throughput
        EventStream stream = new EventStream("thr-", Duration.ofSeconds(2));
        Instant thrBase = base.plusSeconds(1);
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
          publisher.send(stream.event(i, thrBase.plusNanos(i * spacingMicros * 1000)), null, cb);
        }
        publisher.flush();
        long sentAt = System.nanoTime();
        long t1 =
            EngineRun.awaitCaughtUp(
                admin, appId, topics.caseEvents(), partitions, Duration.ofMinutes(10));
        cb.check("pipeline producer");
        long alertsInRun = alerts.total();
        rate = n / ((t1 - t0) / 1e9);
        report.figure(
            "2",
            String.format(
                Locale.ROOT, "producer alone during the pipeline run (%,d sends + flush)", n),
            Report.perSecond(n / ((sentAt - t0) / 1e9)));
        report.target(
            "2",
            String.format(
                Locale.ROOT, "pipeline: %,d events through the engine (input committed)", n),
            Report.perSecond(rate),
            "≥ 25 % of baseline",
            !Double.isNaN(baseline) && rate >= 0.25 * baseline);
        if (!Double.isNaN(baseline)) {
          report.target(
              "2",
              "ratio pipeline / baseline",
              String.format(Locale.ROOT, "%.1f %%", 100 * rate / baseline),
              "≥ 25 %",
              rate >= 0.25 * baseline);
        }
        report.figure(
            "2",
            "alerts committed with those events (2 per case; the last 2 s of event time fire later)",
            String.format(Locale.ROOT, "%,d of %,d", alertsInRun, 2L * ((warmEvents + n) / 2)));
        // the tail: ticks at wall-clock time fire the rest before the latency run
        long expectedAll = 2L * ((warmEvents + n) / 2);
        long tailEnd = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (alerts.total() < expectedAll && System.nanoTime() < tailEnd) {
          for (int p = 0; p < partitions; p++) {
            publisher.send(Workload.tick(p, Instant.now()), p, cb);
          }
          EngineRun.sleep(100);
        }

        // latency at half the sustained rate
        double paced = Math.max(50, rate / 2);
        EventStream lat = new EventStream("lat-", Duration.ofSeconds(2));
        long count = (long) (paced * scale.latencySeconds());
        long start = System.nanoTime();
        long submittedCases = 0;
        for (long i = 0; i < count; i++) {
          long due = start + (long) (i * 1e9 / paced);
          while (System.nanoTime() < due) {
            Thread.onSpinWait();
          }
          CaseEvent e = lat.event(i, Instant.now());
          if (e.getPayload() instanceof vn.onestop.schema.Submitted) {
            submittedCases++;
          }
          publisher.send(e, null, cb);
        }
        // ticks (as the live ticker writes them) so the last cases' alerts fire without more input
        long expected = 2 * submittedCases; // 75 % warning + breach per case
        long loadEndMs = System.currentTimeMillis();
        long waitEnd = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (latencies.size() < expected && System.nanoTime() < waitEnd) {
          for (int p = 0; p < partitions; p++) {
            publisher.send(Workload.tick(p, Instant.now()), p, cb);
          }
          EngineRun.sleep(100);
        }
        // alerts due after the paced load stopped wait for the ticks above, not for the pipeline:
        // left out
        long[] l = latencies.stream().filter(a -> a[1] <= loadEndMs).mapToLong(a -> a[0]).toArray();
        Stats s = new Stats(l);
        report.figure(
            "2",
            String.format(
                Locale.ROOT,
                "latency run: %,.0f events/s for %d s, alerts seen / expected",
                paced,
                scale.latencySeconds()),
            String.format(
                Locale.ROOT,
                "%,d / %,d (%,d due while the load ran)",
                latencies.size(),
                expected,
                s.count()));
        report.figure(
            "2",
            "alert latency due → visible (read_committed) p50 / p99 / max",
            String.format(
                Locale.ROOT, "%,d ms / %,d ms / %,d ms", s.median(), s.percentile(99), s.max()));
        report.figure(
            "2", "rebalances during the pipeline run", Integer.toString(rebalances.count()));
        report.figure(
            "2",
            "alerts emitted during the whole pipeline run",
            String.format(Locale.ROOT, "%,d", alerts.total()));
      }
    } finally {
      IndexBench.deleteTree(stateDir);
    }
    return rate;
  }
}
