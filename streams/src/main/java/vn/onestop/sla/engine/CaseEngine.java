package vn.onestop.sla.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.cases.CaseDecider;
import vn.onestop.sla.cases.Decision;
import vn.onestop.sla.cases.RefusalCode;
import vn.onestop.sla.cases.Refusals;
import vn.onestop.sla.cases.StateCopies;
import vn.onestop.sla.escalation.EscalationLadder;
import vn.onestop.sla.escalation.Fired;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.kpi.CaseMarkStore;
import vn.onestop.sla.kpi.CaseStateKpi;
import vn.onestop.sla.kpi.KpiCase;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.kpi.KpiFactSource;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.NextDue;

/**
 * The SLA engine's step for one case, as a domain function (no Kafka, no stores): the live
 * processor, the audit replay, KPI recomputation, the given/when/then fixture and the benchmarks
 * all call it, so the sequence below exists once.
 *
 * <p><b>Firing rule</b> (a period ends at 24:00 of its last day, Bộ luật Dân sự 2015 Điều 148;
 * docs/law.md): something due at d fires once stream time t passes d, i.e. a step at t handles
 * everything due up to {@link #firesUpTo firesUpTo(t)} = t − 1 ms. A resolution at exactly the due
 * instant is on time, gets no breach alert and is not counted overdue.
 *
 * <p><b>Order of a step</b> for an event at t (its record timestamp; {@link #onEvent(CaseState,
 * CaseEvent)} takes the event's {@code occurredAt}):
 *
 * <ol>
 *   <li>fire: every alert of the stored case due up to t − 1 ms ({@link EscalationLadder#fire}),
 *       then the KPI breach check up to t − 1 ms ({@link KpiFactSource#checkOverdue}) — what fell
 *       due before the event is never lost, whatever the punctuation timing; skipped, as it would
 *       do nothing, when the next due instant recorded in the case ({@link #indexedAt}) is after t
 *       − 1 ms;
 *   <li>decide: {@link CaseDecider#decide}; a refusal carries a stable {@link RefusalCode};
 *   <li>KPI facts of the applied event ({@link KpiFactSource#onApplied});
 *   <li>next due instant of the resulting case (where the deadline index must hold it), recorded in
 *       the case ({@code CaseState.nextDue}).
 * </ol>
 *
 * A time step ({@link #onTime}) is steps 1 and 4 only.
 *
 * <p>Recipients are looked up in the {@link OrgDirectory} at each alert's {@code decidedAt}. A
 * failure of a KPI hook is logged and gives no fact: the alerting goes on. A failure while deciding
 * is a refusal with {@link RefusalCode#ENGINE_ERROR}; a failure while firing is thrown (the caller
 * decides: the processor leaves the case unindexed until its next event).
 *
 * <p><b>KPI marks</b> (what the KPIs count of a case, {@link KpiFactSource}) live in the case state
 * ({@code CaseState.kpiMark}, through {@link StateMarks}): a step that changes a mark returns a
 * state carrying it, so the caller writes one record per case and has no second store to keep.
 *
 * <p>Not thread-safe: one engine per stream task or replay partition, used by its thread only.
 */
public final class CaseEngine {
  private static final Logger LOG = LoggerFactory.getLogger(CaseEngine.class);

  private final CaseDecider decider;
  private final EscalationLadder ladder;
  private final OrgDirectory org;
  private final KpiFactSource kpi;
  private final StateMarks marks;

  /**
   * An engine on the bundled calendars without KPI facts.
   *
   * @param policies the SLA policies
   * @param org the org directory, read at each alert's decidedAt
   * @throws NullPointerException if an argument is null
   */
  public CaseEngine(PolicyBook policies, OrgDirectory org) {
    this(policies, CalendarBook.standard(), org);
  }

  /**
   * An engine without KPI facts.
   *
   * @param policies the SLA policies
   * @param calendars the working calendars the policies and the units name
   * @param org the org directory: each alert's recipients at its decidedAt, and the handling unit's
   *     calendar ({@code OrgUnit.calendarId}) at a clock's start
   * @throws NullPointerException if an argument is null
   */
  public CaseEngine(PolicyBook policies, CalendarBook calendars, OrgDirectory org) {
    this(policies, calendars, org, null, null, false);
  }

  /**
   * An engine with KPI facts (stage 1 of the KPIs, {@link KpiFactSource}), its marks in the case
   * state.
   *
   * @param policies the SLA policies
   * @param calendars the working calendars the policies and the units name
   * @param org the org directory, as above
   * @param kpiSource number of this fact source (the {@code case-events} partition) in the KPI
   *     watermarks
   * @param legacyMarks marks of cases stored before {@code CaseState.kpiMark} existed (the former
   *     {@code kpi-marks} store), or null when there are none
   * @throws NullPointerException if policies, calendars or org is null
   */
  public CaseEngine(
      PolicyBook policies,
      CalendarBook calendars,
      OrgDirectory org,
      int kpiSource,
      CaseMarkStore legacyMarks) {
    this(policies, calendars, org, kpiSource, legacyMarks, true);
  }

  private CaseEngine(
      PolicyBook policies,
      CalendarBook calendars,
      OrgDirectory org,
      Integer kpiSource,
      CaseMarkStore legacyMarks,
      boolean withKpi) {
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(calendars, "calendars");
    this.org = Objects.requireNonNull(org, "org");
    this.decider =
        new CaseDecider(
            policies, calendars, (unitId, at) -> org.unit(unitId, at).map(OrgUnit::getCalendarId));
    this.ladder = new EscalationLadder(policies, calendars);
    this.marks = withKpi ? new StateMarks(legacyMarks) : null;
    this.kpi = withKpi ? new KpiFactSource(marks, kpiSource, calendars) : null;
  }

  /**
   * This source's KPI watermark (hook 3 of {@link KpiFactSource}).
   *
   * @param upTo instant up to which this source has reported every breach and event (UTC)
   * @return the watermark fact, empty for an engine without KPI facts
   */
  public Optional<KpiFact.Watermark> watermark(Instant upTo) {
    return kpi == null ? Optional.empty() : Optional.of(kpi.watermark(upTo));
  }

  /**
   * The firing rule, the only place it is written: a step at stream time t handles what is due up
   * to and including the returned instant.
   *
   * @param t stream time (UTC)
   * @return t − 1 ms
   */
  public static Instant firesUpTo(Instant t) {
    return t.minusMillis(1);
  }

  /**
   * {@link #onEvent(CaseState, CaseEvent, Instant)} at the event's {@code occurredAt} (the record
   * timestamp the producers write).
   *
   * @param current the stored case, null when none exists
   * @param event a case event (not a tick)
   * @return the step
   */
  public EngineStep onEvent(CaseState current, CaseEvent event) {
    return onEvent(current, event, event.getOccurredAt());
  }

  /**
   * One event: fire what is due before t, decide, KPI facts, next due instant (see the class
   * description).
   *
   * @param current the stored case, null when none exists
   * @param event a case event (not a tick: ticks only advance stream time, see {@link #onTime})
   * @param t the instant the event is processed at: its record timestamp (UTC)
   * @return the step; its state is null only when no case existed and none was created
   * @throws NullPointerException if event or t is null
   * @throws IllegalStateException if the stored case names a policy the book does not contain
   */
  public EngineStep onEvent(CaseState current, CaseEvent event, Instant t) {
    Objects.requireNonNull(event, "event");
    Instant upTo = firesUpTo(t);
    List<CaseAlert> alerts = List.of();
    List<KpiFact> facts = new ArrayList<>(2);
    CaseState state = current;
    if (current != null && mayBeDue(current, upTo)) {
      Fired fired = fire(current, upTo, facts);
      alerts = fired.alerts();
      state = fired.state();
    }
    Decision d;
    try {
      d = decider.decide(state, event);
    } catch (RuntimeException e) {
      LOG.error(
          "case {}: deciding event {} failed; refused", event.getCaseId(), event.getEventId(), e);
      Refusal r =
          new Refusal(
              RefusalCode.ENGINE_ERROR,
              "engine error while deciding: " + e,
              state == null ? "NONE" : state.getStatus().name());
      return step(
          EngineStep.Outcome.REFUSED,
          current,
          refused(state, event, r),
          alerts,
          Optional.of(r),
          facts);
    }
    if (d instanceof Decision.Applied a) {
      CaseState before = state;
      CaseState after =
          kpiHook(
              a.state(),
              a.state() != before && a.state() != current,
              before != null,
              "event " + event.getEventId(),
              s ->
                  kpi.onApplied(
                      event,
                      before == null ? null : CaseStateKpi.view(before),
                      CaseStateKpi.view(s)),
              facts);
      return step(EngineStep.Outcome.APPLIED, current, after, alerts, Optional.empty(), facts);
    }
    if (d instanceof Decision.Rejected r) {
      Refusal refusal = new Refusal(r.code(), r.reason(), r.stateName());
      return step(
          EngineStep.Outcome.REFUSED,
          current,
          refused(state, event, refusal),
          alerts,
          Optional.of(refusal),
          facts);
    }
    if (d instanceof Decision.Ignored) {
      return step(EngineStep.Outcome.IGNORED, current, state, alerts, Optional.empty(), facts);
    }
    return step(EngineStep.Outcome.DUPLICATE, current, state, alerts, Optional.empty(), facts);
  }

  /**
   * Stream time reached t with no event of this case: fire what is due before t (alerts, then the
   * KPI breach check), next due instant.
   *
   * @param current the stored case
   * @param t stream time (UTC)
   * @return the step ({@link EngineStep.Outcome#TIME})
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the case names a policy the book does not contain
   */
  public EngineStep onTime(CaseState current, Instant t) {
    return onDue(current, firesUpTo(t));
  }

  /**
   * A time step bounded by a due instant rather than by stream time: fires what is due up to and
   * including {@code upTo} (alerts, then the KPI breach check), next due instant. The punctuator
   * calls it with the due instant of the deadline-index entry it handles (at most {@link #firesUpTo
   * firesUpTo(t)} of its stream time t), so that within one punctuation alerts leave in the order
   * they became due across cases ({@link EngineTask#punctuate}); {@link #onTime} is this with
   * {@code upTo = firesUpTo(t)}.
   *
   * @param current the stored case
   * @param upTo the last instant (UTC, inclusive) whose due alerts and breach fire
   * @return the step ({@link EngineStep.Outcome#TIME})
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the case names a policy the book does not contain
   */
  public EngineStep onDue(CaseState current, Instant upTo) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(upTo, "upTo");
    List<KpiFact> facts = new ArrayList<>(1);
    Fired fired = fire(current, upTo, facts);
    return step(
        EngineStep.Outcome.TIME, current, fired.state(), fired.alerts(), Optional.empty(), facts);
  }

  /**
   * Step 1 of every step: the stored case's alerts due up to {@code upTo}, then its KPI breach
   * check up to {@code upTo} (facts added to {@code facts}).
   *
   * @return the case after both (the input object when neither changed it) and the alerts
   */
  private Fired fire(CaseState current, Instant upTo, List<KpiFact> facts) {
    Fired fired = ladder.fire(current, upTo, org);
    CaseState state =
        kpiHook(
            fired.state(),
            fired.state() != current,
            true,
            "breach check",
            s -> kpi.checkOverdue(CaseStateKpi.view(s), upTo),
            facts);
    return new Fired(state, fired.alerts());
  }

  /**
   * Where the deadline index must hold a case.
   *
   * @param s a case
   * @return the earlier of its next alert and (KPI facts on) its KPI breach not yet counted; empty
   *     when neither is pending
   * @throws IllegalStateException if the case names a policy the book does not contain
   */
  public Optional<Instant> nextDueAt(CaseState s) {
    Optional<Instant> alert = ladder.nextDueAt(s);
    if (kpi == null) {
      return alert;
    }
    Optional<Instant> breach;
    try {
      KpiCase view = CaseStateKpi.view(s);
      marks.bind(s, true);
      breach = kpi.pendingBreach(view);
    } catch (RuntimeException e) {
      LOG.error("case {}: KPI view failed; indexed for its alerts only", s.getCaseId(), e);
      return alert;
    }
    if (alert.isEmpty()) {
      return breach;
    }
    return breach.isPresent() && breach.get().isBefore(alert.get()) ? breach : alert;
  }

  /**
   * The state after a refusal: the case keeps the latest refused event ({@link Refusals}), so the
   * status query can answer the refused action with the engine's reason; no case, or an event of
   * another case id, leaves the state as it is.
   */
  private static CaseState refused(CaseState state, CaseEvent event, Refusal r) {
    if (state == null || !state.getCaseId().equals(event.getCaseId())) {
      return state;
    }
    return Refusals.recorded(state, event, r.code() + ": " + r.reason());
  }

  /**
   * The step's result: its state records its next due instant ({@code CaseState.nextDue}), set in
   * place when the state was made by this step, in a copy when it is the caller's {@code current}.
   */
  private EngineStep step(
      EngineStep.Outcome outcome,
      CaseState current,
      CaseState state,
      List<CaseAlert> alerts,
      Optional<Refusal> refusal,
      List<KpiFact> facts) {
    if (state == null) {
      return new EngineStep(outcome, null, alerts, refusal, facts, Optional.empty());
    }
    Optional<Instant> next = nextDueAt(state);
    NextDue recorded = state.getNextDue();
    Instant at = next.orElse(null);
    boolean withKpi = kpi != null;
    if (recorded == null
        || recorded.getWithKpi() != withKpi
        || !Objects.equals(recorded.getAt(), at)) {
      CaseState out = state == current ? StateCopies.copy(state) : state;
      out.setNextDue(new NextDue(at, withKpi));
      state = out;
    }
    return new EngineStep(outcome, state, alerts, refusal, facts, next);
  }

  /**
   * Where the deadline index holds a stored case: the next due instant the engine recorded in it
   * when it last stepped it ({@code CaseState.nextDue}), else (a case stored before that field, or
   * by an engine with other KPI settings) {@link #nextDueAt} computed now.
   *
   * @param s a stored case
   * @return its index entry's instant, empty when it has none
   * @throws IllegalStateException if it must be computed and the case names a policy the book does
   *     not contain
   */
  public Optional<Instant> indexedAt(CaseState s) {
    NextDue recorded = s.getNextDue();
    if (recorded == null || recorded.getWithKpi() != (kpi != null)) {
      return nextDueAt(s);
    }
    return Optional.ofNullable(recorded.getAt());
  }

  /**
   * Whether anything of the stored case can fall due up to {@code upTo}: false only when its
   * recorded next due instant ({@link #indexedAt}) is later or absent, so firing would emit nothing
   * and count no breach (both are bounded below by that instant).
   */
  private boolean mayBeDue(CaseState s, Instant upTo) {
    NextDue recorded = s.getNextDue();
    if (recorded == null || recorded.getWithKpi() != (kpi != null)) {
      return true;
    }
    return recorded.getAt() != null && !recorded.getAt().isAfter(upTo);
  }

  /**
   * Runs a KPI hook on case {@code s} (bound in {@link #marks}) and adds its facts to {@code out}.
   *
   * @param fresh whether {@code s} was made by this step (not the caller's object): it may then
   *     take the mark in place instead of in a copy
   * @param stored whether {@code s} descends from a stored case (may have a legacy mark)
   * @return {@code s}, or a copy carrying the mark the hook wrote; {@code s} when the hook failed
   *     (no facts and no mark: the failure is logged)
   */
  private CaseState kpiHook(
      CaseState s,
      boolean fresh,
      boolean stored,
      String what,
      Function<CaseState, List<KpiFact>> hook,
      List<KpiFact> out) {
    if (kpi == null) {
      return s;
    }
    marks.bind(s, stored);
    List<KpiFact> facts;
    try {
      facts = hook.apply(s);
    } catch (RuntimeException e) {
      LOG.error(
          "case {}: KPI {} failed; the KPIs of its unit may be incomplete", s.getCaseId(), what, e);
      marks.bind(s, stored); // forget a mark the failed hook may have written
      return s;
    }
    out.addAll(facts);
    return marks.apply(s, fresh);
  }
}
