package vn.onestop.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.serde.RecordCoder;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.CaseStateCoder;
import vn.onestop.sla.topology.StateAvroTrust;

/**
 * Item 7: CPU time of the engine step ({@link CaseEngine}) alone, in an in-memory loop: no Kafka,
 * no store, no serialization — the cost that bounds every way of running the engine (live, audit
 * replay, KPI recomputation).
 *
 * <p>Workload: n imported service requests submitted from {@link Workload#MONDAY_0800}, 8 hours
 * spread, each due 1 h to 9 h after its submission (order unrelated to the case ids) and assigned
 * 10 minutes after it; events in time order. Before each event at t, every case the in-memory
 * deadline index (a priority queue of next due instants) holds before t gets {@link
 * CaseEngine#onTime} at t, as the punctuator does; after the last event, stream time moves on 60
 * days in one-hour steps, so every case runs its whole ladder (warnings, breach, two escalations).
 * Engine without KPI facts. The loop runs once to warm up, then three times timed; the figures are
 * the median run's thread CPU time divided by the input events (2 per case) and by the engine calls
 * (events + time steps).
 */
final class EngineStepBench {
  private EngineStepBench() {}

  private record Due(long at, int caseIndex) {}

  /** Figures of one run. */
  record Result(int cases, long events, long calls, long alerts, long cpuNs, CaseState[] states) {}

  static Result runOnce(
      int n, CaseEngine engine, List<CaseEvent> events, Map<String, Integer> idx) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    CaseState[] states = new CaseState[n];
    long[] indexed = new long[n];
    PriorityQueue<Due> index = new PriorityQueue<>(Comparator.comparingLong(Due::at));
    long calls = 0;
    long alerts = 0;
    long start = mx.getCurrentThreadCpuTime();
    for (CaseEvent e : events) {
      Instant t = e.getOccurredAt();
      long[] counts = drain(engine, states, indexed, index, t);
      calls += counts[0];
      alerts += counts[1];
      int i = idx.get(e.getCaseId());
      EngineStep step = engine.onEvent(states[i], e, t);
      calls++;
      alerts += step.alerts().size();
      states[i] = step.state();
      reindex(index, indexed, i, step.nextDueAt());
    }
    Instant last = events.get(events.size() - 1).getOccurredAt();
    for (int h = 1; h <= 60 * 24; h++) {
      long[] counts = drain(engine, states, indexed, index, last.plus(Duration.ofHours(h)));
      calls += counts[0];
      alerts += counts[1];
    }
    long cpu = mx.getCurrentThreadCpuTime() - start;
    return new Result(n, events.size(), calls, alerts, cpu, states);
  }

  private static long[] drain(
      CaseEngine engine, CaseState[] states, long[] indexed, PriorityQueue<Due> index, Instant t) {
    long calls = 0;
    long alerts = 0;
    long upTo = CaseEngine.firesUpTo(t).toEpochMilli();
    while (!index.isEmpty() && index.peek().at() <= upTo) {
      Due d = index.poll();
      if (indexed[d.caseIndex()] != d.at()) {
        continue; // moved since
      }
      indexed[d.caseIndex()] = Long.MIN_VALUE;
      EngineStep step = engine.onTime(states[d.caseIndex()], t);
      calls++;
      alerts += step.alerts().size();
      states[d.caseIndex()] = step.state();
      reindex(index, indexed, d.caseIndex(), step.nextDueAt());
    }
    return new long[] {calls, alerts};
  }

  private static void reindex(
      PriorityQueue<Due> index, long[] indexed, int i, Optional<Instant> next) {
    if (next.isEmpty()) {
      indexed[i] = Long.MIN_VALUE;
      return;
    }
    long at = next.get().toEpochMilli();
    if (indexed[i] != at) {
      indexed[i] = at;
      index.add(new Due(at, i));
    }
  }

  /**
   * Runs the item and adds its figures.
   *
   * @param n number of cases
   * @param report the report
   */
  static void run(int n, Report report) {
    StateAvroTrust.install(); // builders read defaults of generated enums
    PolicyBook policies = PolicyBook.defaults();
    Map<String, OrgUnit> units =
        Workload.units().stream()
            .collect(Collectors.toMap(OrgUnit::getUnitId, Function.identity()));
    OrgUnit parent = Workload.parent();
    units.put(parent.getUnitId(), parent);
    OrgDirectory org = (id, at) -> Optional.ofNullable(units.get(id));
    CaseEngine engine = new CaseEngine(policies, org);
    List<CaseEvent> events = new ArrayList<>(2 * n);
    Map<String, Integer> idx = new java.util.HashMap<>(2 * n);
    long spreadMs = Duration.ofHours(8).toMillis();
    long step = Math.max(1, spreadMs / n);
    for (int i = 0; i < n; i++) {
      String id = IndexBench.caseId(i);
      idx.put(id, i);
      Instant submitted = Workload.MONDAY_0800.plusMillis(i * step);
      long slot = (i * 7_919L) % n;
      Instant due = submitted.plus(Duration.ofHours(1)).plusMillis(slot * step);
      events.add(Workload.submitted(id, submitted, due));
      events.add(Workload.assigned(id, submitted.plus(Duration.ofMinutes(10))));
    }
    events.sort(Comparator.comparing(CaseEvent::getOccurredAt));
    runOnce(n, engine, events, idx); // warm-up
    List<Result> runs = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      runs.add(runOnce(n, engine, events, idx));
    }
    runs.sort(Comparator.comparingLong(Result::cpuNs));
    Result m = runs.get(1);
    double perEvent = m.cpuNs() / 1000.0 / m.events();
    double perCall = m.cpuNs() / 1000.0 / m.calls();
    String size = String.format(Locale.ROOT, "N=%,d cases", n);
    report.figure(
        "7",
        size + ": input events, engine calls (events + time steps), alerts",
        String.format(Locale.ROOT, "%,d / %,d / %,d", m.events(), m.calls(), m.alerts()));
    report.figure(
        "7",
        size + ": CPU µs per engine call (median of 3 runs)",
        String.format(Locale.ROOT, "%.2f µs", perCall));
    report.figure(
        "7",
        size + ": events/s per core (input events / CPU time)",
        String.format(Locale.ROOT, "%,.0f", m.events() / (m.cpuNs() / 1e9)));
    report.target(
        "7",
        size + ": CPU µs per input event, CaseEngine in memory (median of 3 runs)",
        String.format(Locale.ROOT, "%.2f µs", perEvent),
        "≤ 1.5 µs",
        perEvent <= 1.5,
        n,
        100_000);
    System.out.printf(
        Locale.ROOT,
        "engine step: %.2f µs CPU per input event, %.2f µs per engine call, %.2f alerts per event%n",
        perEvent,
        perCall,
        (double) m.alerts() / m.events());
    storeValueCodec(m.states(), size, report);
  }

  /**
   * The case store's value coding, on the cases of the run (each after its whole ladder): CPU per
   * encode + decode of one case state with Avro's datum writer and reader (what the store serde
   * used before) and with {@link CaseStateCoder}, alternately A B A B A B in this run, medians.
   */
  private static void storeValueCodec(CaseState[] states, String size, Report report) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    RecordCoder<CaseState> coder = CaseStateCoder.forCurrentSchema().orElseThrow();
    Schema schema = CaseState.getClassSchema();
    SpecificDatumWriter<CaseState> writer =
        new SpecificDatumWriter<>(schema, SpecificData.getForClass(CaseState.class));
    SpecificDatumReader<CaseState> reader =
        new SpecificDatumReader<>(schema, schema, SpecificData.getForClass(CaseState.class));
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    BinaryEncoder[] enc = new BinaryEncoder[1];
    BinaryDecoder[] dec = new BinaryDecoder[1];
    List<Long> avro = new ArrayList<>();
    List<Long> coded = new ArrayList<>();
    long bytes = 0;
    for (int round = 0; round < 7; round++) {
      for (boolean useCoder : new boolean[] {false, true}) {
        long start = mx.getCurrentThreadCpuTime();
        long size0 = 0;
        try {
          for (CaseState s : states) {
            out.reset();
            enc[0] = EncoderFactory.get().binaryEncoder(out, enc[0]);
            if (useCoder) {
              coder.encode(s, enc[0]);
            } else {
              writer.write(s, enc[0]);
            }
            enc[0].flush();
            byte[] b = out.toByteArray();
            size0 += b.length;
            dec[0] = DecoderFactory.get().binaryDecoder(b, dec[0]);
            CaseState back = useCoder ? coder.decode(dec[0]) : reader.read(null, dec[0]);
            if (back.getTransferCount() != s.getTransferCount()) {
              throw new IllegalStateException("round trip changed case " + s.getCaseId());
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        long cpu = mx.getCurrentThreadCpuTime() - start;
        if (round > 0) { // round 0 warms both up
          (useCoder ? coded : avro).add(cpu);
        }
        bytes = size0;
      }
    }
    double a = median(avro) / 1000.0 / states.length;
    double c = median(coded) / 1000.0 / states.length;
    report.figure(
        "7",
        size
            + ": case state encode + decode, Avro datum writer/reader vs CaseStateCoder (CPU µs,"
            + " median of 6 alternating runs)",
        String.format(
            Locale.ROOT,
            "%.2f µs vs %.2f µs (%.1f×), %d bytes per case",
            a,
            c,
            a / c,
            bytes / states.length));
  }

  private static double median(List<Long> xs) {
    List<Long> sorted = new ArrayList<>(xs);
    sorted.sort(null);
    int k = sorted.size();
    return k % 2 == 1 ? sorted.get(k / 2) : (sorted.get(k / 2 - 1) + sorted.get(k / 2)) / 2.0;
  }
}
