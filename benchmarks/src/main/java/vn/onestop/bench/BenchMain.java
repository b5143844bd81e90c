package vn.onestop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.onestop.infra.LocalKafkaStack;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.topology.SlaSerdes;

/**
 * The benchmark driver ({@code ./bench}): starts the local broker and registry, runs the benchmark
 * items (docs/benchmarks.md lists them) and prints figures, then writes them into the report file.
 * Figures only: nothing here asserts a time; a target is reported as met or missed.
 *
 * <p>Items: 1 raw Kafka baseline, 2 pipeline through the SLA engine, 3 punctuation vs naive scan, 4
 * a million simultaneous breaches (engine in a child JVM), 5 offline replay, 6 engine heap and RSS
 * with {@code -Xmx512m} (measured in the same child JVM as item 4), 7 the engine step in memory, 8
 * the three-node cluster (1-3 engine instances, cost of replication, failover, state size), 9 the
 * scaling table (replay and pipeline at 10^4, 10^5 and, at {@code --scale full}, 10^6 cases). Items
 * 1 and 2 run in alternation, A B A B A B ({@link PairedBench}).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Prints the OneStop benchmark figures (docs/benchmarks.md) and writes them to a Markdown report.")
public final class BenchMain implements Callable<Integer> {
  @Option(
      names = "--scale",
      defaultValue = "small",
      description =
          "tiny, small (development) or full (the issue's sizes). Default: ${DEFAULT-VALUE}")
  String scale;

  @Option(
      names = "--items",
      split = ",",
      defaultValue = "1,2,3,4,5,6,7,8,9",
      description = "Items to run, e.g. 1,3. Default: all")
  Set<Integer> items = new LinkedHashSet<>();

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description =
          "Partitions of the case-events topics (= engine tasks). Default: ${DEFAULT-VALUE}")
  int partitions;

  @Option(
      names = "--report",
      description =
          "Markdown file to write the figures into (between markers). Default: docs/benchmarks.md for --scale full, else benchmarks/target/benchmarks-<scale>.md")
  Path reportFile;

  @Option(
      names = "--profile",
      description = "Record JFR during each item and print its hottest methods")
  boolean profile;

  @Option(
      names = "--work-dir",
      defaultValue = "benchmarks/target/bench-work",
      description = "Directory for state stores, JFR files and logs. Default: ${DEFAULT-VALUE}")
  Path workDir;

  @Option(
      names = "--units",
      defaultValue = "3000",
      description =
          "Handling units the cases are spread over (the engine keeps KPIs per unit and month; "
              + "3000 is about Vietnam's 3,321 communes since July 2025). Default: ${DEFAULT-VALUE}")
  int units;

  @Option(
      names = "--pairs",
      defaultValue = "3",
      description =
          "Baseline/pipeline pairs of items 1 and 2, run A B A B A B; the ratio is the median of"
              + " the pairs' ratios. Default: ${DEFAULT-VALUE}")
  int pairs;

  @Option(
      names = "--table-sizes",
      split = ",",
      description =
          "Case counts of the scaling table (item 9). Default: 10000,100000 (tiny: 1000,2000;"
              + " full: 10000,100000,1000000)")
  java.util.List<Integer> tableSizes;

  @Option(
      names = "--pipeline-events",
      description =
          "Override the timed events of each baseline and pipeline run (items 1 and 2); the"
              + " warm-up is a fifth of it")
  Integer pipelineEvents;

  @Option(names = "--storm-cases", description = "Override the number of cases of items 4 and 6")
  Integer stormCases;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Scale s = Scale.named(scale);
    if (stormCases != null) {
      s =
          new Scale(
              s.name(),
              s.baselineEvents(),
              s.pipelineEvents(),
              s.latencySeconds(),
              s.indexSizes(),
              stormCases,
              s.tableSizes());
    }
    if (pipelineEvents != null) {
      if (pipelineEvents < 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--pipeline-events must be >= 1, got " + pipelineEvents);
      }
      s =
          new Scale(
              s.name(),
              pipelineEvents,
              pipelineEvents,
              s.latencySeconds(),
              s.indexSizes(),
              s.stormCases(),
              s.tableSizes());
    }
    if (tableSizes != null) {
      s =
          new Scale(
              s.name(),
              s.baselineEvents(),
              s.pipelineEvents(),
              s.latencySeconds(),
              s.indexSizes(),
              s.stormCases(),
              tableSizes.stream().sorted().toList());
    }
    for (int i : items) {
      if (i < 1 || i > 9) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--items must be among 1..9, got " + i);
      }
    }
    if (pairs < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--pairs must be >= 1, got " + pairs);
    }
    if (units < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--units must be >= 1, got " + units);
    }
    Workload.units = units;
    Path report =
        reportFile != null
            ? reportFile
            : s == Scale.FULL
                ? Path.of("docs/benchmarks.md")
                : Path.of("benchmarks/target/benchmarks-" + s.name() + ".md");
    Files.createDirectories(workDir);
    Path jfrDir = workDir.resolve("jfr");
    Report r = new Report();
    double loadBefore = Machine.load1();
    Instant started = Instant.now();
    System.out.println(Machine.describe());
    System.out.printf(
        Locale.ROOT,
        "scale %s, items %s, %d partitions, %d units, load average %.2f%n",
        s.name(),
        items,
        partitions,
        units,
        loadBefore);

    if (items.contains(7)) {
      System.out.println("== 7. engine step: CaseEngine alone, in memory (no Kafka, no store)");
      try (Profiler p = Profiler.start(profile, jfrDir, "7-engine-step")) {
        EngineStepBench.run(s == Scale.FULL ? 100_000 : s == Scale.TINY ? 2_000 : 20_000, r);
        summarize(r, p, "7 engine step (main thread)", "main");
      }
    }
    vn.onestop.sla.topology.SlaTopics recorded = null;
    boolean brokerItems = items.stream().anyMatch(i -> i != 7);
    // a null resource is not closed: item 7 alone needs no broker
    try (LocalKafkaStack stack = brokerItems ? LocalKafkaStack.start() : null) {
      SchemaRegistryClient registry =
          stack == null ? null : new SchemaRegistryClient(stack.schemaRegistryUrl());
      SlaSerdes serdes = registry == null ? null : SlaSerdes.registry(registry, true);
      if (items.contains(1) || items.contains(2)) {
        System.out.println(
            "== 1/2. baseline (raw produce + consume of the same Avro CaseEvents) and pipeline"
                + " (intake producer -> SLA engine, exactly_once_v2, RocksDB -> alerts), "
                + pairs
                + " pairs A B");
        try (Profiler p = Profiler.start(profile, jfrDir, "2-pipeline")) {
          PairedBench.run(
              stack,
              registry,
              partitions,
              s,
              pairs,
              items.contains(1),
              items.contains(2),
              workDir,
              r);
          summarize(r, p, "2 baseline and pipeline pairs (stream thread)", "StreamThread");
        }
      }
      if (items.contains(3)) {
        System.out.println("== 3. deadline index: one punctuation, engine vs naive scan (RocksDB)");
        IndexBench bench = new IndexBench(serdes, workDir);
        for (int n : s.indexSizes()) {
          try (Profiler p = Profiler.start(profile, jfrDir, "3-index-" + n)) {
            IndexBench.report(bench.run(n, r), r);
            summarize(
                r,
                p,
                "3 punctuation N=" + n + " (main thread: load, engine and naive punctuations)",
                "main");
          }
        }
      }
      if (items.contains(4) || items.contains(6) || items.contains(5)) {
        System.out.println(
            "== 4/6. a million simultaneous breaches; engine heap and RSS (child JVM, -Xmx512m)");
        recorded =
            StormBench.run(
                stack,
                registry,
                partitions,
                s.stormCases(),
                workDir,
                profile,
                items.contains(4),
                r);
      }
      if (items.contains(5)) {
        System.out.println(
            "== 5. offline replay of the recorded case-events through the engine topology");
        try (Profiler p = Profiler.start(profile, jfrDir, "5-replay")) {
          ReplayBench.run(stack, serdes, recorded, partitions, s.stormCases(), workDir, r);
          summarize(r, p, "5 replay (main thread)", "main");
        }
      }
      if (items.contains(9)) {
        System.out.println(
            "== 9. scaling table: offline replay and pipeline at " + s.tableSizes() + " cases");
        try (Profiler p = Profiler.start(profile, jfrDir, "9-scaling")) {
          ScaleBench.run(stack, registry, serdes, partitions, s.tableSizes(), true, workDir, r);
          summarize(r, p, "9 scaling (all threads)", null);
        }
      }
      if (items.contains(8)) {
        System.out.println(
            "== 8. three-node cluster: 1-3 engine instances, cost of replication, failover, state"
                + " size");
        try {
          ClusterBench.run(stack, registry, s, workDir, r);
        } catch (RuntimeException e) {
          // what was measured before the failure is still written
          r.note("8", "the item stopped early: " + e);
          e.printStackTrace();
        }
      }
    }
    double loadAfter = Machine.load1();
    String header =
        String.format(
            Locale.ROOT,
            "Run %2$s (UTC) with `--scale %1$s`, %3$s, items %4$s, %5$d partitions; "
                + "cases spread over %6$d units; load average (1 min) %7$.2f before, %8$.2f after.",
            s.name(),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneId.of("UTC"))
                .format(started),
            formatDuration(Duration.between(started, Instant.now())),
            items,
            partitions,
            units,
            loadBefore,
            loadAfter);
    r.writeInto(report, r.markdown(Machine.describe(), header));
    System.out.println("figures written to " + report.toAbsolutePath());
    return 0;
  }

  private static void summarize(Report r, Profiler p, String title, String threadFilter) {
    if (p.file() != null) {
      p.close();
      r.profile(title, Profiler.summarize(p.file(), threadFilter, 12));
    }
  }

  private static String formatDuration(Duration d) {
    return String.format(Locale.ROOT, "took %d min %02d s", d.toMinutes(), d.toSecondsPart());
  }
}
