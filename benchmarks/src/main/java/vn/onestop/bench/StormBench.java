package vn.onestop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import vn.onestop.infra.KafkaStack;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.topology.SlaTopics;

/**
 * Items 4 and 6, on one engine running alone in a child JVM with {@code -Xmx512m} (engine defaults:
 * exactly_once_v2, RocksDB, one stream thread, punctuation every 1 s of stream time, budget 10 000
 * entries per punctuation and task).
 *
 * <ol>
 *   <li>Load: {@code n} imported service requests, all submitted Monday 08:00 (UTC+7) and all due
 *       at 16:00 the same day, so every case has the same alert instants (75 % warning at 14:00,
 *       breach at 16:00). Item 6 reads the child's heap after a full GC and its RSS at this point:
 *       n open cases.
 *   <li>Storm: clock ticks (as the ticker writes them, to every partition) from 16:00:01 on, one
 *       second of stream time apart, sent every 20 ms so the engine, not the tick rate, sets the
 *       pace. Each case fires its warning and its breach. Measured: wall time from the first tick
 *       until a {@code read_committed} consumer has seen all n BREACH alerts; the longest single
 *       punctuation (Kafka Streams' {@code punctuate-latency-max}); transitions to REBALANCING.
 * </ol>
 *
 * The recorded {@code case-events} topic is kept for the offline replay (item 5).
 */
final class StormBench {
  /** The size the storm and memory targets are stated for: 10^6 open cases. */
  static final long TARGET_CASES = 1_000_000;

  private StormBench() {}

  static final Instant SUBMITTED = Workload.MONDAY_0800;
  static final Instant DUE = SUBMITTED.plus(Duration.ofHours(8));

  /**
   * @return the topics of the run (case-events holds the recorded load and ticks)
   */
  static SlaTopics run(
      KafkaStack stack,
      SchemaRegistryClient registry,
      int partitions,
      int n,
      Path workDir,
      boolean profile,
      boolean storm,
      Report report)
      throws IOException, InterruptedException {
    String run = Long.toString(System.nanoTime(), 36);
    SlaTopics topics = SlaTopics.DEFAULT.withPrefix("storm-" + run + "-");
    EngineRun.prepare(stack.bootstrapServers(), registry, topics, partitions);
    Path stateDir = Files.createTempDirectory(workDir, "storm-state-");
    String appId = "bench-storm-" + run;
    String nLabel = String.format(Locale.ROOT, "%,d", n);
    try (ChildEngine child =
            new ChildEngine(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                appId,
                stateDir,
                "storm-" + run + "-",
                workDir,
                profile);
        Admin admin = Clients.admin(stack.bootstrapServers());
        KafkaProducer<String, CaseEvent> producer =
            Clients.caseEventProducer(stack.bootstrapServers(), registry, "bench-storm");
        AlertWatcher alerts =
            new AlertWatcher(stack.bootstrapServers(), registry, topics.caseAlerts(), null)) {
      child.awaitRunning(Duration.ofSeconds(90));
      SendErrors cb = new SendErrors();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        CaseEvent e =
            Workload.submitted(IndexBench.caseId(i).replace("SR-", "ST-"), SUBMITTED, DUE);
        producer.send(
            new ProducerRecord<>(
                topics.caseEvents(), null, SUBMITTED.toEpochMilli(), e.getCaseId(), e),
            cb);
      }
      producer.flush();
      long t1 =
          EngineRun.awaitCaughtUp(
              admin, appId, topics.caseEvents(), partitions, Duration.ofMinutes(10));
      cb.check("storm producer");
      report.figure(
          "4",
          "load: " + nLabel + " cases into the engine (child JVM, -Xmx512m)",
          Report.perSecond(n / ((t1 - t0) / 1e9)));
      long[] gc = child.fullGc();
      report.target(
          "6",
          "heap in use after a full GC with " + nLabel + " open cases",
          Report.mib(gc[0]),
          "< 512 MB",
          gc[0] < 512L * 1024 * 1024,
          n,
          TARGET_CASES);
      report.figure(
          "6",
          "RSS (VmRSS) with " + nLabel + " open cases / peak so far (VmHWM)",
          Report.mib(gc[1]) + " / " + Report.mib(gc[2]));
      if (storm) {
        child.resetPunctuationMax();
        long limit = System.nanoTime() + Duration.ofMinutes(12).toNanos();
        long s0 = System.nanoTime();
        long k = 0;
        while (alerts.breaches() < n && System.nanoTime() < limit) {
          Instant at = DUE.plusSeconds(1 + k++);
          for (int p = 0; p < partitions; p++) {
            producer.send(
                new ProducerRecord<>(
                    topics.caseEvents(),
                    p,
                    at.toEpochMilli(),
                    Workload.tick(p, at).getCaseId(),
                    Workload.tick(p, at)),
                cb);
          }
          producer.flush();
          EngineRun.sleep(20);
        }
        long s1 = alerts.breaches() >= n ? alerts.lastAlertNanos() : System.nanoTime();
        EngineRun.sleep(1000); // one more status line from the child
        report.target(
            "4",
            nLabel + " simultaneous breaches: first tick → all BREACH alerts visible",
            alerts.breaches() >= n
                ? Report.nanos(s1 - s0)
                : "NOT DONE in 12 min (" + alerts.breaches() + " breaches)",
            "all escalated",
            alerts.breaches() >= n,
            n,
            TARGET_CASES);
        report.figure(
            "4",
            "alerts emitted in the storm (warning + breach per case)",
            String.format(Locale.ROOT, "%,d", alerts.total()));
        report.figure(
            "4",
            "tick rounds sent (one second of stream time each, every 20 ms)",
            Long.toString(k));
        report.figure(
            "4",
            "longest single punctuation (punctuate-latency-max)",
            String.format(Locale.ROOT, "%,.1f ms", child.punctuationMaxMs()));
        report.target(
            "4",
            "rebalances during load and storm (REBALANCING after RUNNING)",
            Integer.toString(child.rebalances()),
            "0",
            child.rebalances() == 0,
            n,
            TARGET_CASES);
      }
      report.figure(
          "6",
          "engine child peak RSS (VmHWM) over the whole run",
          Report.mib(Math.max(gc[2], child.hwm())));
      child.close();
      GcLog g = GcLog.read(child.gcLog());
      report.figure(
          "6",
          "GC log: collections, peak heap before GC / max after GC / capacity",
          String.format(
              Locale.ROOT,
              "%d (%d full), %d MB / %d MB / %d MB, pauses %.0f ms total",
              g.collections(),
              g.fullGcs(),
              g.maxBeforeMb(),
              g.maxAfterMb(),
              g.maxCapacityMb(),
              g.pauseMs()));
      boolean oom =
          Files.readString(workDir.resolve("engine-child.stderr")).contains("OutOfMemoryError")
              || Files.readString(workDir.resolve("engine-child.log")).contains("OutOfMemoryError");
      report.target(
          "6",
          "OutOfMemoryError in the engine child",
          oom ? "yes" : "none",
          "none",
          !oom,
          n,
          TARGET_CASES);
      if (child.jfr() != null) {
        report.profile(
            "4/6 engine child (stream thread)",
            Profiler.summarize(child.jfr(), "StreamThread", 12));
      }
    } finally {
      IndexBench.deleteTree(stateDir);
    }
    return topics;
  }
}
