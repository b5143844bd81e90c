package vn.onestop.sla.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.UnitKpi;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.kpi.InMemoryKpiStore;
import vn.onestop.sla.kpi.KpiAggregator;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.kpi.KpiFactSource;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;

/**
 * Recomputes the monthly KPIs from a recorded list of case events alone, with the engine step
 * ({@link CaseEngine}, KPI facts on) and the engine's {@link KpiAggregator}, as ONE source (for
 * {@code onestop kpi report} reconciliation and tests): stream time = the largest occurredAt seen;
 * before each event every case the in-memory deadline index holds before stream time gets {@link
 * CaseEngine#onTime} at stream time and a watermark at stream time is given; then the event gets
 * {@link CaseEngine#onEvent} at its occurredAt. Alerts are computed and dropped (only KPIs are
 * wanted); the org directory matters for the handling units' calendars.
 *
 * <p>Not thread-safe; one instance per computation.
 */
public final class OfflineKpis {
  private record Due(Instant at, String caseId) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : caseId.compareTo(o.caseId);
    }
  }

  private final CaseEngine engine;
  private final KpiFactSource facts;
  private final KpiAggregator kpi;
  private final Map<String, CaseState> states = new HashMap<>();
  private final TreeSet<Due> index = new TreeSet<>();
  private final Map<String, Due> indexed = new HashMap<>();
  private final Map<String, UnitKpi> results = new LinkedHashMap<>();
  private Instant streamTime = Instant.EPOCH;

  /**
   * @param policies the SLA policies (the engine's)
   * @param calendars the working calendars (the engine's)
   * @param org the org directory (the handling units' calendars; recipients are not needed)
   */
  public OfflineKpis(PolicyBook policies, CalendarBook calendars, OrgDirectory org) {
    this.facts = new KpiFactSource(new InMemoryKpiStore(), 0, calendars);
    this.engine = new CaseEngine(policies, calendars, org, facts);
    this.kpi = new KpiAggregator(new InMemoryKpiStore(), 1, 1200);
  }

  /**
   * Convenience: all events, then {@link #finish}.
   *
   * @param events case events in log order (ClockTicks included or not)
   * @param policies the SLA policies
   * @param org the org directory (every version of every unit)
   * @param upTo end of the computation (months ending at or before it are closed)
   * @return the KPI records by key {@code unitId|YYYY-MM}; a month corrected later keeps its last
   *     value
   */
  public static Map<String, UnitKpi> compute(
      Iterable<CaseEvent> events, PolicyBook policies, OrgDirectory org, Instant upTo) {
    OfflineKpis k = new OfflineKpis(policies, CalendarBook.standard(), org);
    for (CaseEvent e : events) {
      k.accept(e);
    }
    return k.finish(upTo);
  }

  /**
   * Feeds one event.
   *
   * @param e the next event of the log
   */
  public void accept(CaseEvent e) {
    if (e.getOccurredAt().isAfter(streamTime)) {
      streamTime = e.getOccurredAt();
    }
    advance(streamTime);
    if (e.getPayload() instanceof ClockTick) {
      return;
    }
    String caseId = e.getCaseId();
    EngineStep step = engine.onEvent(states.get(caseId), e, e.getOccurredAt());
    publish(step.facts());
    if (step.state() != null) {
      states.put(caseId, step.state());
      reindex(caseId, step.nextDueAt());
    }
  }

  /**
   * Ends the computation.
   *
   * @param upTo instant up to which stream time is advanced
   * @return the KPI records by key {@code unitId|YYYY-MM}
   */
  public Map<String, UnitKpi> finish(Instant upTo) {
    if (upTo.isAfter(streamTime)) {
      streamTime = upTo;
    }
    advance(streamTime);
    return Map.copyOf(results);
  }

  private void advance(Instant t) {
    Instant upTo = CaseEngine.firesUpTo(t);
    while (!index.isEmpty() && !index.first().at().isAfter(upTo)) {
      Due d = index.pollFirst();
      indexed.remove(d.caseId());
      EngineStep step = engine.onTime(states.get(d.caseId()), t);
      publish(step.facts());
      states.put(d.caseId(), step.state());
      reindex(d.caseId(), step.nextDueAt());
    }
    publish(List.of(facts.watermark(t)));
  }

  private void reindex(String caseId, Optional<Instant> next) {
    Due old = indexed.remove(caseId);
    if (old != null) {
      index.remove(old);
    }
    next.ifPresent(
        at -> {
          Due d = new Due(at, caseId);
          index.add(d);
          indexed.put(caseId, d);
        });
  }

  private void publish(List<? extends KpiFact> fs) {
    for (KpiFact f : fs) {
      for (UnitKpi k : kpi.accept(f)) {
        results.put(KpiAggregator.key(k), k);
      }
    }
  }
}
