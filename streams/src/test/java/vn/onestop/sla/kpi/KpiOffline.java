package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.UnitKpi;
import vn.onestop.sla.engine.CaseEngine;

/**
 * Test harness of the KPI stages over a hand-made case model (no policies): the same {@link
 * KpiFactSource} and {@link KpiAggregator} with the hook order of the engine step, so a scenario
 * whose due instants are given by hand checks the aggregation alone. The engine's own recomputation
 * is {@code vn.onestop.sla.replay.OfflineReplay}, which drives the engine task itself (and is
 * property-tested against the topology); this harness exists only because its case model is not the
 * engine's. As ONE source: stream time = the largest occurredAt seen; before each event every case
 * whose breach instant is before stream time t is checked up to the engine's firing rule ({@link
 * CaseEngine#firesUpTo}), in due order, and a watermark at t is given; then the event is applied.
 *
 * @param <S> the case state type of the {@link CaseModel}
 */
final class KpiOffline<S> {
  /**
   * How cases evolve: the engine's decider (wrapped by the engine's code) or a test model.
   *
   * @param <S> case state
   */
  public interface CaseModel<S> {
    /**
     * @param before state before, null for a new case
     * @param event the event
     * @return the state after, or empty if the event is rejected or a duplicate
     */
    Optional<S> apply(S before, CaseEvent event);

    /**
     * @param state a state
     * @return its KPI view
     */
    KpiCase view(S state);
  }

  private record Due(Instant at, String caseId) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : caseId.compareTo(o.caseId);
    }
  }

  private final CaseModel<S> model;
  private final KpiFactSource facts;
  private final KpiAggregator kpi;
  private final Map<String, S> states = new HashMap<>();
  private final TreeSet<Due> index = new TreeSet<>();
  private final Map<String, Due> indexed = new HashMap<>();
  private final Map<String, UnitKpi> results = new LinkedHashMap<>();
  private Instant streamTime = Instant.EPOCH;

  /**
   * @param model how cases evolve
   */
  public KpiOffline(CaseModel<S> model) {
    this(model, new InMemoryKpiStore(), new InMemoryKpiStore());
  }

  /**
   * @param model how cases evolve
   * @param store where the stage-2 state lives (closed months are kept for 100 years)
   * @param marks where the stage-1 case marks live
   */
  public KpiOffline(CaseModel<S> model, KpiStore store, CaseMarkStore marks) {
    this.model = model;
    this.facts = new KpiFactSource(marks, 0);
    this.kpi = new KpiAggregator(store, 1, 1200);
  }

  /**
   * Convenience: all events, then {@link #finish}.
   *
   * @param events case events in log order (ClockTicks included or not)
   * @param model how cases evolve
   * @param upTo end of the computation (months ending at or before it are closed)
   * @param <S> case state
   * @return the KPI records by key {@code unitId|YYYY-MM}; a month corrected later keeps its last
   *     value
   */
  public static <S> Map<String, UnitKpi> compute(
      Iterable<CaseEvent> events, CaseModel<S> model, Instant upTo) {
    KpiOffline<S> k = new KpiOffline<>(model);
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
    fireUpTo(streamTime);
    if (e.getPayload() instanceof ClockTick) {
      return;
    }
    String caseId = e.getCaseId().toString();
    S before = states.get(caseId);
    Optional<S> after = model.apply(before, e);
    if (after.isEmpty()) {
      return;
    }
    states.put(caseId, after.get());
    KpiCase view = model.view(after.get());
    publish(facts.onApplied(e, before == null ? null : model.view(before), view));
    Due old = indexed.remove(caseId);
    if (old != null) {
      index.remove(old);
    }
    KpiFactSource.breachInstant(view)
        .ifPresent(
            at -> {
              Due d = new Due(at, caseId);
              index.add(d);
              indexed.put(caseId, d);
            });
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
    fireUpTo(streamTime);
    return Map.copyOf(results);
  }

  private void fireUpTo(Instant t) {
    Instant upTo = CaseEngine.firesUpTo(t);
    for (Iterator<Due> it = index.iterator(); it.hasNext(); ) {
      Due d = it.next();
      if (d.at().isAfter(upTo)) {
        break;
      }
      it.remove();
      indexed.remove(d.caseId());
      publish(facts.checkOverdue(model.view(states.get(d.caseId())), upTo));
    }
    publish(List.of(facts.watermark(t)));
  }

  private void publish(List<? extends KpiFact> fs) {
    for (KpiFact f : fs) {
      for (UnitKpi k : kpi.accept(f)) {
        results.put(KpiAggregator.key(k), k);
      }
    }
  }
}
