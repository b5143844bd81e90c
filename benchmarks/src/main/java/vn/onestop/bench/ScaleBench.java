package vn.onestop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import vn.onestop.infra.KafkaStack;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaSerdes;
import vn.onestop.sla.topology.SlaTopics;

/**
 * Item 9: the scaling table. For each case count c (10^4, 10^5, and 10^6 at {@code --scale full})
 * the same workload — the pipeline's {@link EventStream}, 2 events per case (submission due 2 s
 * later, assignment), event times 100 µs apart — goes
 *
 * <ul>
 *   <li>through the offline replay ({@link OfflineReplay}, one thread, KPI facts on, 3 000 units):
 *       the events are serialized with the registry serializer and partitioned as Kafka's default
 *       partitioner does (murmur2 of the key), in chunks of 100 000 so the log never sits in memory
 *       whole; only {@code accept} is timed. One untimed replay of 10^4 cases warms up first;
 *   <li>through the pipeline ({@link PipelineBench}, a fresh engine per size, warm-up as items 1
 *       and 2, no latency run).
 * </ul>
 *
 * Per size: events/s and µs per event of both, growth against the smallest size, records the engine
 * wrote per input event ({@link ScalingTable}). Figures only.
 */
final class ScaleBench {
  private static final int CHUNK = 100_000;

  private ScaleBench() {}

  /**
   * @param sizes case counts, smallest first
   * @param pipelineOn whether the pipeline column is measured (it needs the engine; the replay
   *     needs only the registry)
   */
  static List<ScalingTable.Row> run(
      KafkaStack stack,
      SchemaRegistryClient registry,
      SlaSerdes serdes,
      int partitions,
      List<Integer> sizes,
      boolean pipelineOn,
      Path workDir,
      Report report)
      throws IOException {
    Serializer<CaseEvent> ser =
        new SpecificAvroSerde<>(registry, CaseEvent.class, true).serializer();
    String topic = SlaTopics.DEFAULT.caseEvents();
    replay(serdes, ser, topic, partitions, 10_000); // warm-up, not reported
    List<ScalingTable.Row> rows = new ArrayList<>();
    for (int cases : sizes) {
      long events = 2L * cases;
      System.out.printf(Locale.ROOT, "  %,d cases: offline replay%n", cases);
      double replayRate = replay(serdes, ser, topic, partitions, cases);
      double pipeRate = Double.NaN;
      double rec = Double.NaN;
      double streamCpu = Double.NaN;
      if (pipelineOn) {
        System.out.printf(Locale.ROOT, "  %,d cases: pipeline%n", cases);
        int n = Math.toIntExact(events);
        PipelineBench.Result r =
            PipelineBench.run(
                stack,
                registry,
                partitions,
                p -> new EventStream(p, Duration.ofSeconds(2)),
                n,
                PairedBench.warmEvents(n),
                0,
                workDir,
                report);
        pipeRate = r.rate();
        rec = r.recordsPerEvent();
        streamCpu = r.streamCpuMicrosPerEvent();
      }
      ScalingTable.Row row = new ScalingTable.Row(cases, events, replayRate, pipeRate, rec);
      rows.add(row);
      report.figure(
          "9",
          String.format(
              Locale.ROOT, "%,d cases (%,d events): offline replay; pipeline", cases, events),
          Report.perSecond(replayRate)
              + String.format(
                  Locale.ROOT, " (%.2f µs/event)", ScalingTable.microsPerEvent(replayRate))
              + "; "
              + (Double.isNaN(pipeRate)
                  ? "not run"
                  : Report.perSecond(pipeRate)
                      + String.format(
                          Locale.ROOT,
                          " (%.1f µs/event, %.2f records written/event, stream threads' CPU"
                              + " %.2f µs/event)",
                          ScalingTable.microsPerEvent(pipeRate),
                          rec,
                          streamCpu)));
    }
    report.table(
        "9",
        "Scaling: replay and pipeline by case count (2 events per case)",
        ScalingTable.markdown(rows));
    return rows;
  }

  /**
   * @return events/s of {@link OfflineReplay#accept} over the {@code 2 * cases} events
   */
  private static double replay(
      SlaSerdes serdes, Serializer<CaseEvent> ser, String topic, int partitions, int cases) {
    OfflineReplay replay =
        new OfflineReplay(
            PolicyBook.defaults(),
            CalendarBook.standard(),
            PunctuationSettings.DEFAULT,
            partitions,
            topic,
            serdes.caseEvents(),
            true,
            new OfflineReplay.Listener() {});
    for (OrgUnit u : Workload.units()) {
      replay.orgRecord(u.getUnitId(), u);
    }
    EventStream stream = new EventStream("scale-", Duration.ofSeconds(2));
    long events = 2L * cases;
    Instant base = Instant.parse("2026-03-02T01:00:00Z");
    long[] offsets = new long[partitions];
    long timedNs = 0;
    long timedCpuNs = 0;
    List<OfflineReplay.LogRecord> chunk = new ArrayList<>(CHUNK);
    for (long i = 0; i < events; ) {
      chunk.clear();
      for (int j = 0; j < CHUNK && i < events; j++, i++) {
        Instant at = base.plusNanos(i * PipelineBench.SPACING_MICROS * 1000);
        CaseEvent e = stream.event(i, at);
        byte[] key = e.getCaseId().getBytes(StandardCharsets.UTF_8);
        int p = Utils.toPositive(Utils.murmur2(key)) % partitions;
        chunk.add(
            new OfflineReplay.LogRecord(
                p, offsets[p]++, at.toEpochMilli(), key, ser.serialize(topic, e), null));
      }
      long t0 = System.nanoTime();
      long c0 = THREADS.getCurrentThreadCpuTime();
      for (OfflineReplay.LogRecord r : chunk) {
        replay.accept(r);
      }
      timedCpuNs += THREADS.getCurrentThreadCpuTime() - c0;
      timedNs += System.nanoTime() - t0;
    }
    if (replay.events() != events || replay.rejected() != 0) {
      throw new IllegalStateException(
          "offline replay took "
              + replay.events()
              + " of "
              + events
              + " events (refused or unreadable: "
              + replay.rejected()
              + ")");
    }
    // Thread CPU time leaves out what other tenants of a shared machine take (steal, run queue):
    // the figure to compare between two builds; the rate is wall time.
    System.out.printf(
        Locale.ROOT,
        "  %,d cases: offline replay CPU %.2f µs/event (replay thread's CPU time), wall %.2f"
            + " µs/event%n",
        cases,
        timedCpuNs / 1e3 / events,
        timedNs / 1e3 / events);
    return events / (timedNs / 1e9);
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
}
