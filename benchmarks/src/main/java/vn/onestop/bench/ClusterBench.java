package vn.onestop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.ReplicatedKafkaStack;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.topology.SlaTopics;

/**
 * Item 8: the three-node cluster ({@link ReplicatedKafkaStack}: three KRaft nodes in child JVMs,
 * replication factor 3, {@code min.insync.replicas=2}, its own registry) against the single
 * in-process broker of the other items, in one run. Every engine instance is an {@link EngineChild}
 * JVM ({@code -Xmx512m}, engine defaults, its own state directory) of one {@code application.id}
 * per measurement; topics have 6 partitions (the product's count), so 1, 2 and 3 instances hold 6,
 * 3 and 2 active tasks.
 *
 * <ul>
 *   <li>Throughput: the item-1 baseline (raw produce + {@code read_committed} consume) and the
 *       item-2 throughput run (N events of the {@link EventStream} mix, event times 100 µs apart;
 *       rate = N / (the group committed the last input offset − first send)) on the single broker
 *       with one instance and on the cluster with 1, 2 and 3 instances (one standby replica when
 *       more than one, the product's default). The configurations run in rounds, every other round
 *       in reverse order, so a slow phase of the shared machine does not fall on one configuration
 *       only; medians over the rounds.
 *   <li>Failover: 3 instances on the cluster with 0 or 1 standby replica, a paced load with
 *       wall-clock event times (every case due 2 s after submission, so alerts flow on every
 *       partition), {@code session.timeout.ms=6000} as in the fault tests; one instance holding
 *       active tasks is killed with SIGKILL; failover = for the partitions it held, the largest gap
 *       between the last alert a {@code read_committed} consumer saw before the kill and the first
 *       one after it.
 *   <li>State size: N open cases (submitted Monday 08:00, due 16:00: nothing fires) into one
 *       instance on the single broker; after a clean close of the engine (RocksDB flushed), the
 *       bytes of its state directory per store, and the bytes of its changelog topics (one replica,
 *       from the broker's log directories); both scaled to 10^6 open cases.
 * </ul>
 */
final class ClusterBench {
  private ClusterBench() {}

  /** Partitions of every topic of this item (the product's count). */
  static final int PARTITIONS = 6;

  /** Failure detection of the failover runs, as in the fault tests (Kafka's default is 45 s). */
  static final List<String> FAST_FAILURE_DETECTION =
      List.of("session.timeout.ms=6000", "heartbeat.interval.ms=1500");

  /**
   * Sizes of item 8 at one scale.
   *
   * @param events events of each pipeline throughput measurement
   * @param baselineEvents events of each baseline measurement (more than the pipeline's: at a few
   *     100 000 the consumer's group join would weigh in the raw rate)
   * @param rounds rounds of the throughput configurations
   * @param instanceCounts engine instance counts on the cluster
   * @param failoverRounds rounds of the failover (each with 0 and 1 standby); 0 skips it
   * @param paceEventsPerSecond input rate during a failover run
   * @param openCases open cases of the state-size measurement
   */
  record Sizes(
      int events,
      int baselineEvents,
      int rounds,
      List<Integer> instanceCounts,
      int failoverRounds,
      int paceEventsPerSecond,
      int openCases) {
    static Sizes of(Scale s) {
      return switch (s.name()) {
        case "tiny" -> new Sizes(2_000, 2_000, 1, List.of(1), 0, 50, 1_000);
        case "small" -> new Sizes(5_000, 50_000, 1, List.of(1, 2, 3), 1, 50, 20_000);
        default -> new Sizes(10_000, 200_000, 2, List.of(1, 2, 3), 1, 50, 200_000);
      };
    }
  }

  /** One configuration of the throughput rounds. */
  private record Config(String label, boolean cluster, int instances) {
    boolean baseline() {
      return instances == 0;
    }
  }

  /**
   * Runs item 8: starts the cluster (stopped before returning, also on failure), uses {@code
   * single} for the single-broker figures.
   */
  static void run(
      KafkaStack single,
      SchemaRegistryClient singleRegistry,
      Scale scale,
      Path workDir,
      Report report)
      throws Exception {
    Sizes sizes = Sizes.of(scale);
    long t0 = System.nanoTime();
    try (ReplicatedKafkaStack cluster = ReplicatedKafkaStack.start()) {
      System.out.printf(
          Locale.ROOT,
          "  cluster of %d nodes and its registry ready in %.1f s%n",
          cluster.cluster().size(),
          (System.nanoTime() - t0) / 1e9);
      SchemaRegistryClient clusterRegistry = new SchemaRegistryClient(cluster.schemaRegistryUrl());
      try {
        stateSize(single, singleRegistry, sizes.openCases(), workDir, report);
      } catch (RuntimeException e) {
        report.figure("8", "state size per 10^6 open cases", "failed: " + e.getMessage());
      }
      if (sizes.failoverRounds() > 0) {
        failover(cluster, clusterRegistry, sizes, workDir, report);
      }
      throughput(single, singleRegistry, cluster, clusterRegistry, sizes, workDir, report);
    }
  }

  private static void throughput(
      KafkaStack single,
      SchemaRegistryClient singleRegistry,
      KafkaStack cluster,
      SchemaRegistryClient clusterRegistry,
      Sizes sizes,
      Path workDir,
      Report report)
      throws Exception {
    List<Config> configs = new ArrayList<>();
    configs.add(new Config("single broker: baseline (produce + consume)", false, 0));
    configs.add(new Config("cluster: baseline (produce + consume)", true, 0));
    configs.add(new Config("single broker: pipeline, 1 instance", false, 1));
    for (int k : sizes.instanceCounts()) {
      configs.add(
          new Config("cluster: pipeline, " + k + (k == 1 ? " instance" : " instances"), true, k));
    }
    Map<Config, List<Long>> rates = new LinkedHashMap<>();
    configs.forEach(c -> rates.put(c, new ArrayList<>()));
    int rebalances = 0;
    for (int round = 0; round < sizes.rounds(); round++) {
      List<Config> order = new ArrayList<>(configs);
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (Config c : order) {
        KafkaStack stack = c.cluster() ? cluster : single;
        SchemaRegistryClient registry = c.cluster() ? clusterRegistry : singleRegistry;
        double rate;
        try {
          rate = measure(c, stack, registry, sizes, workDir);
        } catch (RuntimeException ex) {
          // seen on the busy 2-core machine: the in-process broker refusing an idempotent
          // producer's batches (OutOfOrderSequenceException) until they expire; measured again once
          String msg = ex.getMessage();
          System.out.println("  " + c.label() + " failed, measured again: " + msg);
          report.note(
              "8",
              "round "
                  + (round + 1)
                  + ", "
                  + c.label()
                  + ": failed once ("
                  + msg
                  + "), measured again");
          try {
            rate = measure(c, stack, registry, sizes, workDir);
          } catch (RuntimeException again) {
            report.note(
                "8", "round " + (round + 1) + ", " + c.label() + ": failed twice, left out");
            continue;
          }
        }
        if (!c.baseline()) {
          rebalances += lastRebalances;
        }
        rates.get(c).add(Math.round(rate));
        System.out.printf(
            Locale.ROOT, "  round %d: %-48s %,.0f events/s%n", round + 1, c.label(), rate);
      }
    }
    Map<Config, Long> median = new LinkedHashMap<>();
    rates.forEach(
        (c, l) -> median.put(c, new Stats(l.stream().mapToLong(x -> x).toArray()).median()));
    String of = sizes.rounds() == 1 ? "1 run" : "median of " + sizes.rounds() + " rounds";
    for (Config c : configs) {
      report.figure(
          "8",
          String.format(
              Locale.ROOT,
              "%s, %,d events, 6 partitions (%s)",
              c.label(),
              c.baseline() ? sizes.baselineEvents() : sizes.events(),
              of),
          (median.get(c) < 0 ? "not measured (see the notes)" : Report.perSecond(median.get(c)))
              + (sizes.rounds() == 1 || rates.get(c).isEmpty()
                  ? ""
                  : " (" + joined(rates.get(c), v -> String.format(Locale.ROOT, "%,d", v)) + ")"));
    }
    Config singleBase = configs.get(0);
    Config clusterBase = configs.get(1);
    Config singlePipe = configs.get(2);
    Config clusterPipe1 = configs.get(3);
    report.figure(
        "8",
        "cost of replication: cluster / single broker, baseline and pipeline (1 instance)",
        percent(median.get(clusterBase), median.get(singleBase), "%.0f %%")
            + " / "
            + percent(median.get(clusterPipe1), median.get(singlePipe), "%.0f %%"));
    if (sizes.instanceCounts().size() > 1) {
      report.figure(
          "8",
          "scaling on the cluster: pipeline with "
              + sizes.instanceCounts().stream()
                  .map(String::valueOf)
                  .collect(Collectors.joining(", "))
              + " instances / 1 instance",
          configs.subList(3, configs.size()).stream()
              .map(
                  c ->
                      median.get(c) <= 0 || median.get(clusterPipe1) <= 0
                          ? "—"
                          : String.format(
                              Locale.ROOT,
                              "%.2f",
                              (double) median.get(c) / median.get(clusterPipe1)))
              .collect(Collectors.joining(" / ")));
    }
    report.figure(
        "8",
        "pipeline / baseline on the cluster, 1 instance (single broker, 1 instance)",
        percent(median.get(clusterPipe1), median.get(clusterBase), "%.1f %%")
            + " ("
            + percent(median.get(singlePipe), median.get(singleBase), "%.1f %%")
            + ")");
    report.figure(
        "8",
        "rebalances during the timed parts of the pipeline runs (all rounds)",
        Integer.toString(rebalances));
  }

  private static int lastRebalances;

  private static double measure(
      Config c, KafkaStack stack, SchemaRegistryClient registry, Sizes sizes, Path workDir) {
    if (c.baseline()) {
      return BaselineBench.run(
              stack,
              registry,
              PARTITIONS,
              sizes.baselineEvents(),
              PairedBench.warmEvents(sizes.baselineEvents()))
          .rate();
    }
    try {
      PipelineRun p =
          pipeline(
              stack,
              registry,
              c.cluster() ? (short) 3 : (short) 1,
              c.instances(),
              sizes.events(),
              workDir);
      lastRebalances = p.rebalances();
      return p.rate();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }

  /** Result of one throughput measurement. */
  private record PipelineRun(double rate, int rebalances) {}

  private static PipelineRun pipeline(
      KafkaStack stack,
      SchemaRegistryClient registry,
      short replication,
      int instances,
      int n,
      Path workDir)
      throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    SlaTopics topics = SlaTopics.DEFAULT.withPrefix("clu-" + run + "-");
    EngineRun.prepare(stack.bootstrapServers(), registry, topics, PARTITIONS, replication);
    String appId = "bench-cluster-" + run;
    List<String> props = List.of("num.standby.replicas=" + (instances > 1 ? 1 : 0));
    try (Fleet fleet = new Fleet(stack, appId, topics, instances, props, workDir, "thr");
        Admin admin = Clients.admin(stack.bootstrapServers());
        KafkaProducer<String, CaseEvent> producer =
            Clients.caseEventProducer(stack.bootstrapServers(), registry, "bench-cluster")) {
      SendErrors cb = new SendErrors();
      long spacingMicros = 100;
      Instant base = Instant.now().minusSeconds(60 + n * spacingMicros / 1_000_000);
      // warm-up: every task processes a few hundred events before the timed part
      EventStream warm = new EventStream("warm-", Duration.ofSeconds(2));
      for (int i = 0; i < 600; i++) {
        send(producer, topics, warm.event(i, base.plusNanos(i * spacingMicros * 1000)), cb);
      }
      producer.flush();
      EngineRun.awaitCaughtUp(admin, appId, topics.caseEvents(), PARTITIONS, Duration.ofMinutes(3));
      fleet.awaitSettled(Duration.ofMinutes(2));
      int rebalancesBefore = fleet.rebalances();
      EventStream stream = new EventStream("thr-", Duration.ofSeconds(2));
      Instant thrBase = base.plusSeconds(1);
      long t0 = System.nanoTime();
      for (long i = 0; i < n; i++) {
        send(producer, topics, stream.event(i, thrBase.plusNanos(i * spacingMicros * 1000)), cb);
      }
      producer.flush();
      long t1 =
          EngineRun.awaitCaughtUp(
              admin, appId, topics.caseEvents(), PARTITIONS, Duration.ofMinutes(10));
      cb.check("producer");
      return new PipelineRun(n / ((t1 - t0) / 1e9), fleet.rebalances() - rebalancesBefore);
    }
  }

  /** 100·a/b formatted, or "—" when either was not measured (a median of no value is -1). */
  private static String percent(long a, long b, String format) {
    return a <= 0 || b <= 0 ? "—" : String.format(Locale.ROOT, format, 100.0 * a / b);
  }

  /** The values formatted and joined by {@code " / "}. */
  private static String joined(
      List<Long> values, java.util.function.Function<Long, String> format) {
    return values.stream().map(format).collect(Collectors.joining(" / "));
  }

  private static void send(
      KafkaProducer<String, CaseEvent> producer, SlaTopics topics, CaseEvent e, Callback cb) {
    producer.send(
        new ProducerRecord<>(
            topics.caseEvents(), null, e.getOccurredAt().toEpochMilli(), e.getCaseId(), e),
        cb);
  }

  private static void failover(
      ReplicatedKafkaStack cluster,
      SchemaRegistryClient registry,
      Sizes sizes,
      Path workDir,
      Report report)
      throws Exception {
    Map<Integer, List<Long>> gaps = new TreeMap<>();
    Map<Integer, long[]> counts = new TreeMap<>(); // standbys -> {records, distinct ids}
    for (int round = 0; round < sizes.failoverRounds(); round++) {
      List<Integer> order = round % 2 == 0 ? List.of(0, 1) : List.of(1, 0);
      for (int standbys : order) {
        long[] r;
        try {
          r = failoverOnce(cluster, registry, standbys, sizes.paceEventsPerSecond(), workDir);
        } catch (RuntimeException ex) {
          // a failed failover run is reported, not fatal: the other figures of the item stay
          report.figure(
              "8",
              String.format(Locale.ROOT, "failover run %d with %d standby", round + 1, standbys),
              "failed: " + ex.getMessage());
          continue;
        }
        gaps.computeIfAbsent(standbys, k -> new ArrayList<>()).add(r[0]);
        counts.merge(
            standbys, new long[] {r[1], r[2]}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        System.out.printf(
            Locale.ROOT,
            "  failover round %d, %d standby: %,d ms (alerts read %,d, distinct %,d)%n",
            round + 1,
            standbys,
            r[0],
            r[1],
            r[2]);
      }
    }
    for (var e : gaps.entrySet()) {
      Stats s = new Stats(e.getValue().stream().mapToLong(x -> x).toArray());
      long[] c = counts.get(e.getKey());
      report.figure(
          "8",
          String.format(
              Locale.ROOT,
              "failover, kill -9 one of 3 instances, %d standby replica%s: last alert before → first"
                  + " after, moved partitions (%s)",
              e.getKey(),
              e.getKey() == 1 ? "" : "s",
              e.getValue().size() == 1 ? "1 run" : "median of " + e.getValue().size()),
          String.format(Locale.ROOT, "%,.1f s", s.median() / 1000.0)
              + (e.getValue().size() == 1
                  ? ""
                  : " ("
                      + joined(e.getValue(), v -> String.format(Locale.ROOT, "%,.1f", v / 1000.0))
                      + " s)"));
      report.figure(
          "8",
          String.format(
              Locale.ROOT,
              "… alert records read / distinct alert ids in those runs (%d standby)",
              e.getKey()),
          String.format(Locale.ROOT, "%,d / %,d", c[0], c[1]));
    }
  }

  /**
   * @return {failover ms, alert records read, distinct alert ids}
   */
  private static long[] failoverOnce(
      KafkaStack stack, SchemaRegistryClient registry, int standbys, int pace, Path workDir)
      throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    SlaTopics topics = SlaTopics.DEFAULT.withPrefix("fo-" + run + "-");
    EngineRun.prepare(stack.bootstrapServers(), registry, topics, PARTITIONS, (short) 3);
    String appId = "bench-failover-" + run;
    List<String> props = new ArrayList<>(FAST_FAILURE_DETECTION);
    props.add("num.standby.replicas=" + standbys);
    ConcurrentLinkedQueue<long[]> seen = new ConcurrentLinkedQueue<>(); // {partition, nanos}
    Set<String> ids = ConcurrentHashMap.newKeySet();
    long[] records = new long[1];
    try (Fleet fleet = new Fleet(stack, appId, topics, 3, props, workDir, "fo");
        Admin admin = Clients.admin(stack.bootstrapServers());
        KafkaProducer<String, CaseEvent> producer =
            Clients.caseEventProducer(stack.bootstrapServers(), registry, "bench-failover");
        AlertWatcher alerts =
            new AlertWatcher(
                stack.bootstrapServers(),
                registry,
                topics.caseAlerts(),
                a -> {
                  seen.add(new long[] {a.partition(), a.visibleAtNanos()});
                  ids.add(a.alert().getAlertId().toString());
                })) {
      SendErrors cb = new SendErrors();
      EventStream stream = new EventStream("fo-", Duration.ofSeconds(2));
      // warm-up until every partition has emitted alerts
      long limit = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      Pacer pacer = new Pacer(producer, topics, stream, pace, cb);
      while (partitionsWithAlerts(seen) < PARTITIONS && System.nanoTime() < limit) {
        pacer.sendFor(Duration.ofMillis(500));
      }
      fleet.awaitSettled(Duration.ofMinutes(2));
      pacer.sendFor(Duration.ofSeconds(3));
      ChildEngine victim = fleet.busiest();
      Set<Integer> moved = victim.activePartitions();
      long fault = System.nanoTime();
      victim.kill();
      long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < end && !allResumed(seen, moved, fault)) {
        pacer.sendFor(Duration.ofMillis(500));
      }
      pacer.sendFor(Duration.ofSeconds(1));
      cb.check("producer");
      long gap = -1;
      for (int p : moved) {
        long before = Long.MIN_VALUE;
        long after = Long.MAX_VALUE;
        for (long[] s : seen) {
          if (s[0] != p) {
            continue;
          }
          if (s[1] <= fault) {
            before = Math.max(before, s[1]);
          } else {
            after = Math.min(after, s[1]);
          }
        }
        if (before != Long.MIN_VALUE && after != Long.MAX_VALUE) {
          gap = Math.max(gap, (after - before) / 1_000_000);
        }
      }
      records[0] = seen.size();
      return new long[] {gap, records[0], ids.size()};
    }
  }

  private static int partitionsWithAlerts(ConcurrentLinkedQueue<long[]> seen) {
    Set<Long> parts = new HashSet<>();
    seen.forEach(s -> parts.add(s[0]));
    return parts.size();
  }

  private static boolean allResumed(
      ConcurrentLinkedQueue<long[]> seen, Set<Integer> moved, long fault) {
    Set<Integer> resumed = new HashSet<>();
    for (long[] s : seen) {
      if (s[1] > fault) {
        resumed.add((int) s[0]);
      }
    }
    return resumed.containsAll(moved);
  }

  /** Sends the {@link EventStream} mix with wall-clock event times at a fixed rate. */
  private static final class Pacer {
    private final KafkaProducer<String, CaseEvent> producer;
    private final SlaTopics topics;
    private final EventStream stream;
    private final double perSecond;
    private final Callback cb;
    private long next;

    Pacer(
        KafkaProducer<String, CaseEvent> producer,
        SlaTopics topics,
        EventStream stream,
        double perSecond,
        Callback cb) {
      this.producer = producer;
      this.topics = topics;
      this.stream = stream;
      this.perSecond = perSecond;
      this.cb = cb;
    }

    void sendFor(Duration d) {
      long start = System.nanoTime();
      long count = (long) (perSecond * d.toNanos() / 1e9);
      for (long i = 0; i < count; i++) {
        long due = start + (long) (i * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          EngineRun.sleep(Math.max(1, wait / 1_000_000));
        }
        send(producer, topics, stream.event(next++, Instant.now()), cb);
      }
    }
  }

  private static void stateSize(
      KafkaStack stack, SchemaRegistryClient registry, int n, Path workDir, Report report)
      throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    SlaTopics topics = SlaTopics.DEFAULT.withPrefix("size-" + run + "-");
    EngineRun.prepare(stack.bootstrapServers(), registry, topics, PARTITIONS, (short) 1);
    String appId = "bench-size-" + run;
    Path stateDir = Files.createTempDirectory(workDir, "size-state-");
    String nLabel = String.format(Locale.ROOT, "%,d", n);
    try {
      long t0;
      long t1;
      try (ChildEngine child =
              new ChildEngine(
                  stack.bootstrapServers(),
                  stack.schemaRegistryUrl(),
                  appId,
                  stateDir,
                  "size-" + run + "-",
                  workDir,
                  false,
                  "size-engine",
                  List.of());
          Admin admin = Clients.admin(stack.bootstrapServers());
          KafkaProducer<String, CaseEvent> producer =
              Clients.caseEventProducer(stack.bootstrapServers(), registry, "bench-size")) {
        child.awaitRunning(Duration.ofSeconds(120));
        SendErrors cb = new SendErrors();
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          CaseEvent e =
              Workload.submitted(
                  IndexBench.caseId(i).replace("SR-", "SZ-"), StormBench.SUBMITTED, StormBench.DUE);
          send(producer, topics, e, cb);
        }
        producer.flush();
        t1 =
            EngineRun.awaitCaughtUp(
                admin, appId, topics.caseEvents(), PARTITIONS, Duration.ofMinutes(15));
        cb.check("producer");
        child.close(); // clean close: stores flushed to disk
        Map<String, Long> changelogs = changelogBytes(admin, appId);
        long changelog = changelogs.values().stream().mapToLong(Long::longValue).sum();
        report.figure(
            "8",
            "state size: " + nLabel + " open cases loaded into 1 instance (single broker)",
            Report.perSecond(n / ((t1 - t0) / 1e9)));
        report.figure(
            "8",
            "changelog topics after loading " + nLabel + " cases, one replica (× 3 on the cluster)",
            Report.mib(changelog)
                + " → "
                + Report.mib(per(changelog, n))
                + " per 10^6 open cases ("
                + changelogs.entrySet().stream()
                    .map(e -> e.getKey() + " " + Report.mib(e.getValue()))
                    .collect(Collectors.joining(", "))
                + ")");
      }
      Map<String, long[]> byStore = storeBytes(stateDir);
      long total = byStore.values().stream().mapToLong(v -> v[0]).sum();
      long perCase =
          byStore.entrySet().stream()
              .filter(e -> PER_CASE_STORES.contains(e.getKey()))
              .mapToLong(e -> e.getValue()[0])
              .sum();
      long perCaseSst =
          byStore.entrySet().stream()
              .filter(e -> PER_CASE_STORES.contains(e.getKey()))
              .mapToLong(e -> e.getValue()[1])
              .sum();
      report.figure(
          "8",
          "state directory after a clean close, all stores, "
              + nLabel
              + " open cases (RocksDB files)",
          Report.mib(total)
              + " ("
              + byStore.entrySet().stream()
                  .map(e -> e.getKey() + " " + Report.mib(e.getValue()[0]))
                  .collect(Collectors.joining(", "))
              + ")");
      report.figure(
          "8",
          "per-case stores (case-store + deadline-index) per 10^6 open cases: all files / SST files",
          Report.mib(per(perCase, n)) + " / " + Report.mib(per(perCaseSst, n)));
    } finally {
      IndexBench.deleteTree(stateDir);
    }
  }

  /** The stores whose size grows with the open cases (one entry per case). */
  static final Set<String> PER_CASE_STORES = Set.of("case-store", "deadline-index");

  private static long per(long bytes, int n) {
    return Math.round(bytes * (1_000_000.0 / n));
  }

  /**
   * @return store name → {all bytes, SST bytes}, over every task directory; files outside a store's
   *     directory count under "(other)"
   */
  static Map<String, long[]> storeBytes(Path stateDir) throws IOException {
    Map<String, long[]> by = new TreeMap<>();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              f -> {
                Path rel = stateDir.relativize(f);
                String store = "(other)";
                for (int i = 0; i + 1 < rel.getNameCount(); i++) {
                  if (rel.getName(i).toString().equals("rocksdb") && i + 2 < rel.getNameCount()) {
                    store = rel.getName(i + 1).toString();
                    break;
                  }
                }
                long size;
                try {
                  size = Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                long[] v = by.computeIfAbsent(store, k -> new long[2]);
                v[0] += size;
                if (f.getFileName().toString().endsWith(".sst")) {
                  v[1] += size;
                }
              });
    }
    return by;
  }

  /**
   * @return store name → bytes of its changelog topic on the brokers (sum over replicas)
   */
  private static Map<String, Long> changelogBytes(Admin admin, String appId) throws Exception {
    Set<Integer> brokers =
        admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
            .map(org.apache.kafka.common.Node::id)
            .collect(Collectors.toSet());
    Map<String, Long> bytes = new TreeMap<>();
    Map<Integer, Map<String, LogDirDescription>> dirs =
        admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS);
    for (Map<String, LogDirDescription> perBroker : dirs.values()) {
      for (LogDirDescription d : perBroker.values()) {
        for (Map.Entry<org.apache.kafka.common.TopicPartition, ReplicaInfo> r :
            d.replicaInfos().entrySet()) {
          String t = r.getKey().topic();
          if (t.startsWith(appId + "-") && t.endsWith("-changelog")) {
            String store = t.substring(appId.length() + 1, t.length() - "-changelog".length());
            bytes.merge(store, r.getValue().size(), Long::sum);
          }
        }
      }
    }
    return bytes;
  }

  /**
   * Several {@link EngineChild} instances of one application id, each with its own state directory
   * under {@code workDir}; closed together (in parallel), their state directories deleted.
   */
  private static final class Fleet implements AutoCloseable {
    private final List<ChildEngine> engines = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    Fleet(
        KafkaStack stack,
        String appId,
        SlaTopics topics,
        int n,
        List<String> props,
        Path workDir,
        String name)
        throws IOException {
      String prefix = topics.caseEvents().substring(0, topics.caseEvents().indexOf("case-events"));
      try {
        for (int i = 1; i <= n; i++) {
          Path dir = Files.createTempDirectory(workDir, "cluster-state-");
          stateDirs.add(dir);
          engines.add(
              new ChildEngine(
                  stack.bootstrapServers(),
                  stack.schemaRegistryUrl(),
                  appId,
                  dir,
                  prefix,
                  workDir,
                  false,
                  "cluster-engine-" + name + "-" + i,
                  props));
        }
        for (ChildEngine e : engines) {
          e.awaitRunning(Duration.ofMinutes(2));
        }
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    /**
     * Waits until every instance is RUNNING and together they hold each input partition exactly
     * once as an active task.
     */
    void awaitSettled(Duration limit) {
      long end = System.nanoTime() + limit.toNanos();
      while (true) {
        List<Integer> all = new ArrayList<>();
        boolean running = true;
        for (ChildEngine e : engines) {
          running &= e.state().equals("RUNNING");
          all.addAll(e.activePartitions());
        }
        if (running && all.size() == PARTITIONS && new HashSet<>(all).size() == PARTITIONS) {
          return;
        }
        if (System.nanoTime() > end) {
          throw new IllegalStateException(
              "engine instances not settled after " + limit + ": active partitions " + all);
        }
        EngineRun.sleep(100);
      }
    }

    int rebalances() {
      return engines.stream().mapToInt(ChildEngine::rebalances).sum();
    }

    /**
     * @return the instance with the most active tasks (the first of them)
     */
    ChildEngine busiest() {
      ChildEngine best = engines.get(0);
      for (ChildEngine e : engines) {
        if (e.activePartitions().size() > best.activePartitions().size()) {
          best = e;
        }
      }
      return best;
    }

    @Override
    public void close() {
      List<Thread> stoppers = new ArrayList<>();
      for (ChildEngine e : engines) {
        Thread t = new Thread(e::close, "bench-stop-engine");
        t.start();
        stoppers.add(t);
      }
      for (Thread t : stoppers) {
        try {
          t.join();
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
      for (Path d : stateDirs) {
        try {
          IndexBench.deleteTree(d);
        } catch (RuntimeException ex) {
          System.err.println("could not delete " + d + ": " + ex);
        }
      }
    }
  }
}
