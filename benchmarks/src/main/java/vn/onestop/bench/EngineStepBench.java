package vn.onestop.bench;

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
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
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
  record Result(int cases, long events, long calls, long alerts, long cpuNs) {}

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
    return new Result(n, events.size(), calls, alerts, cpu);
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
  }
}
