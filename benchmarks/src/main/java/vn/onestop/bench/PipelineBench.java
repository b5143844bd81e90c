package vn.onestop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
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
  /** Event time between two consecutive events of a throughput run (and of the baseline's). */
  static final long SPACING_MICROS = 100;

  private PipelineBench() {}

  /**
   * One throughput measurement.
   *
   * @param rate input events / (engine committed the last input offset - first send), events/s
   * @param producerRate the producer alone (sends + flush), events/s
   * @param events timed input events
   * @param alertsInRun alerts committed between the first timed send and the input committed
   * @param expectedAlerts alerts the warm-up and timed events imply once all are due
   * @param writes topic (without the run's prefix) → records the engine's producer wrote in the
   *     same interval (changelogs, repartition, alerts, unit KPIs; transaction markers not counted)
   * @param rebalances REBALANCING after RUNNING during the whole run
   */
  record Result(
      double rate,
      double producerRate,
      long events,
      long alertsInRun,
      long expectedAlerts,
      Map<String, Long> writes,
      int rebalances,
      long streamCpuNs) {
    /**
     * @return the stream threads' CPU time per timed input event (µs; thread CPU time, so what
     *     other tenants of a shared machine take is left out)
     */
    double streamCpuMicrosPerEvent() {
      return streamCpuNs / 1000.0 / events;
    }

    /**
     * @return records the engine wrote per timed input event (the input itself not counted)
     */
    double recordsPerEvent() {
      return writes.values().stream().mapToLong(Long::longValue).sum() / (double) events;
    }

    /**
     * @return alerts committed during the timed interval per timed input event
     */
    double alertsPerEvent() {
      return alertsInRun / (double) events;
    }
  }

  /**
   * Starts a fresh engine (its own topics, application id and state directory), sends {@code warm}
   * events and waits until they are committed, then times {@code n} events of the same workload;
   * with {@code latencySeconds > 0} a paced latency run follows, whose figures go to {@code
   * report}.
   *
   * @param workload builds the workload from a case-id prefix (the warm-up and the timed events are
   *     two sources of the same kind)
   * @param n timed events
   * @param warm warm-up events (the baseline's warm-up count)
   * @param latencySeconds length of the latency run, 0 for none
   * @return the throughput measurement
   */
  static Result run(
      KafkaStack stack,
      SchemaRegistryClient registry,
      int partitions,
      Function<String, CaseEventSource> workload,
      int n,
      int warm,
      int latencySeconds,
      Path workDir,
      Report report)
      throws IOException {
    String run = Long.toString(System.nanoTime(), 36);
    String prefix = "pipe-" + run + "-";
    SlaTopics topics = SlaTopics.DEFAULT.withPrefix(prefix);
    EngineRun.prepare(stack.bootstrapServers(), registry, topics, partitions);
    Path stateDir = Files.createTempDirectory(workDir, "pipeline-state-");
    String appId = "bench-pipeline-" + run;
    SlaEngineConfig config =
        SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
            .applicationId(appId)
            .stateDir(stateDir)
            .topics(topics)
            .build();
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
        // cases per second of event time, like an import of a busy hotline day), all in the past,
        // so a case's warning and breach fire 15 000 and 20 000 events after its submission,
        // inside the run, and the paced latency run afterwards (wall-clock event times) starts
        // after all of them.
        long spacingNanos = SPACING_MICROS * 1000;
        Instant base =
            Instant.now().minusSeconds(60 + ((long) warm + n) * SPACING_MICROS / 1_000_000);
        CaseEventSource warmSource = workload.apply("warm-");
        for (long i = 0; i < warm; i++) {
          publisher.send(warmSource.event(i, base.plusNanos(i * spacingNanos)), null, cb);
        }
        publisher.flush();
        EngineRun.awaitCaughtUp(
            admin, appId, topics.caseEvents(), partitions, Duration.ofMinutes(5));

        // throughput
        CaseEventSource stream = workload.apply("thr-");
        Instant thrBase = base.plusNanos(warm * spacingNanos).plusSeconds(1);
        Map<String, Long> before = WriteCount.sent(engine);
        long alertsBefore = alerts.total();
        long cpu0 = EngineRun.streamThreadsCpuNs();
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) {
          publisher.send(stream.event(i, thrBase.plusNanos(i * spacingNanos)), null, cb);
        }
        publisher.flush();
        long sentAt = System.nanoTime();
        long t1 =
            EngineRun.awaitCaughtUp(
                admin, appId, topics.caseEvents(), partitions, Duration.ofMinutes(15));
        long streamCpu = EngineRun.streamThreadsCpuNs() - cpu0;
        Map<String, Long> after = WriteCount.sent(engine);
        long alertsInRun = alerts.total() - alertsBefore;
        cb.check("pipeline producer");
        Map<String, Long> writes = new TreeMap<>();
        after.forEach(
            (topic, count) -> {
              long d = count - before.getOrDefault(topic, 0L);
              if (d > 0) {
                writes.put(WriteCount.shortName(topic, appId, prefix), d);
              }
            });
        long expectedAll = warmSource.expectedAlerts() + stream.expectedAlerts();
        Result result =
            new Result(
                n / ((t1 - t0) / 1e9),
                n / ((sentAt - t0) / 1e9),
                n,
                alertsInRun,
                expectedAll,
                writes,
                0,
                streamCpu);
        if (latencySeconds <= 0) {
          return new Result(
              result.rate(),
              result.producerRate(),
              n,
              alertsInRun,
              expectedAll,
              writes,
              rebalances.count(),
              streamCpu);
        }
        double rate = result.rate();
        // the tail: ticks at wall-clock time fire the rest before the latency run
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
        long count = (long) (paced * latencySeconds);
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
                latencySeconds),
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
            "2",
            "alerts emitted during the whole pipeline run (throughput, tail and latency run)",
            String.format(Locale.ROOT, "%,d", alerts.total()));
        return new Result(
            result.rate(),
            result.producerRate(),
            n,
            alertsInRun,
            expectedAll,
            writes,
            rebalances.count(),
            streamCpu);
      }
    } finally {
      IndexBench.deleteTree(stateDir);
    }
  }
}
