package vn.onestop.sla.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.Assigned;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.IdentityRevealed;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Rejected;
import vn.onestop.schema.Reopened;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Resumed;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.Withdrawn;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.policy.ClockType;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.policy.PolicyException;
import vn.onestop.sla.policy.SlaPolicy;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseClockKind;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.CaseStatus;
import vn.onestop.sla.state.ClockDecision;

/**
 * The case state machine: applies one {@link CaseEvent} to the current {@link CaseState} (pure, no
 * I/O, deterministic: the result depends only on the state, the event and the policy book).
 *
 * <p>Transitions (each handler below names its legal source or says it is a documented policy
 * choice):
 *
 * <pre>
 *  (none)     --Submitted-------------------------------&gt; SUBMITTED  acceptance clock (or the source's due date)
 *  SUBMITTED  --Accepted (thụ lý)-----------------------&gt; ACCEPTED/ASSIGNED  resolution clock from thụ lý
 *  SUBMITTED  --Rejected (không thụ lý)-----------------&gt; REJECTED   clocks stop (closed)
 *  open       --Assigned--------------------------------&gt; same status, or ASSIGNED when ACCEPTED
 *  open       --Transferred-----------------------------&gt; same status (ASSIGNED becomes ACCEPTED), clocks continue
 *  in progress--Suspended (decision number)-------------&gt; SUSPENDED  clock paused
 *  SUSPENDED  --Resumed---------------------------------&gt; status before the suspension, due recomputed
 *  in progress/SUSPENDED --DeadlineExtended (decision)--&gt; same status, due + n calendar days
 *  SUBMITTED/in progress --Resolved---------------------&gt; RESOLVED   clocks stop
 *  RESOLVED   --Reopened--------------------------------&gt; ACCEPTED/ASSIGNED  new full resolution clock
 *  open       --Withdrawn-------------------------------&gt; WITHDRAWN  clocks stop (closed)
 *  RESOLVED   --Rated (1..5, once per resolution)-------&gt; RESOLVED
 * </pre>
 *
 * "Open" = SUBMITTED, ACCEPTED, ASSIGNED, SUSPENDED; "in progress" = ACCEPTED, ASSIGNED, or
 * SUBMITTED with a resolution clock (categories without an acceptance step, e.g. imported service
 * requests).
 *
 * <p>An {@link IdentityRevealed} (audit record of a controlled reveal) is {@link Decision.Ignored}:
 * it changes no state, whatever the state is.
 *
 * <p>Checks made before any transition, in this order: a {@link ClockTick} is refused (ticks are
 * handled by the processor, never given to {@code decide}); without state only {@link Submitted} is
 * possible; the event's case id must equal the state's; an event id already applied gives {@link
 * Decision.Duplicate}; an event that occurred before the case's last applied event is refused
 * (documented policy choice: clocks never run backwards).
 *
 * <p>An event kind this version does not model (a payload type added to the schema later) is
 * applied to an open case as a no-op for status and deadlines: its id is recorded, nothing else
 * changes. Every refusal carries a stable {@link RefusalCode}.
 *
 * <p>Each applied event records its id in {@code processedEventIds} (all kept: a case has tens of
 * events) and sets {@code lastEventAt}. Refused events change nothing. No complainant data is
 * copied into the state. The decider reads the org directory for one thing only, through {@link
 * UnitCalendars}: a clock (acceptance at the submission, resolution at thụ lý or a reopening) runs
 * on the handling unit's working calendar ({@code OrgUnit.calendarId} of its version in force at
 * the clock's start, e.g. a one-stop counter open on Saturday mornings) when the unit has one, else
 * on the policy's; the clock keeps that calendar for its life (a transfer does not change a running
 * clock). Like the recipients of alerts, this uses the effective-dated directory, so a replay with
 * the same directory gives the same states. An unknown target unit of a transfer is accepted and
 * its alerts are addressed to the unit id with no official.
 *
 * <p>Thread-safe if the policy book is (it is immutable).
 */
public final class CaseDecider {

  /** Id of the policy used when a submission carries the source system's due date. */
  public static final String SOURCE_PROVIDED_POLICY = "SOURCE_PROVIDED";

  /**
   * Date from which a khiếu nại may be suspended (Luật sửa đổi Luật Tiếp công dân, Luật Khiếu nại,
   * Luật Tố cáo, 10/12/2025).
   */
  public static final LocalDate KHIEU_NAI_SUSPENSION_FROM = LocalDate.of(2026, 7, 1);

  private static final String KHIEU_NAI_SUSPENSION_FROM_TEXT = "01/07/2026";

  /** Lowest and highest satisfaction score. */
  static final int MIN_SCORE = 1;

  static final int MAX_SCORE = 5;

  private final PolicyBook policies;
  private final CalendarBook calendars;
  private final UnitCalendars unitCalendars;

  /**
   * A decider on the bundled calendars where no unit has a calendar of its own (tests, tools).
   *
   * @param policies the effective-dated SLA policies
   * @throws NullPointerException if policies is null
   */
  public CaseDecider(PolicyBook policies) {
    this(policies, CalendarBook.standard(), UnitCalendars.none());
  }

  /**
   * @param policies the effective-dated SLA policies
   * @param calendars the working calendars the policies and units name
   * @param unitCalendars the calendar each handling unit keeps (a clock starts on it when the unit
   *     has one the book knows, else on the policy's)
   * @throws NullPointerException if an argument is null
   */
  public CaseDecider(PolicyBook policies, CalendarBook calendars, UnitCalendars unitCalendars) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.calendars = Objects.requireNonNull(calendars, "calendars");
    this.unitCalendars = Objects.requireNonNull(unitCalendars, "unitCalendars");
  }

  /**
   * Decides what an event does to a case.
   *
   * @param current the stored state, or null when the case does not exist yet
   * @param event a case event (never a {@link ClockTick})
   * @return {@link Decision.Applied} with a new state object (the current one is not modified),
   *     {@link Decision.Duplicate} for an already applied event id, or {@link Decision.Rejected}
   *     with a reason naming the state
   * @throws NullPointerException if event is null
   * @throws IllegalStateException if the state names a policy id the book does not contain (a
   *     configuration error: policies must never be removed while cases use them)
   */
  public Decision decide(CaseState current, CaseEvent event) {
    Objects.requireNonNull(event, "event");
    Object payload = event.getPayload();
    String stateName = current == null ? "NONE" : current.getStatus().name();
    if (payload instanceof ClockTick) {
      return new Decision.Rejected(
          RefusalCode.NOT_A_CASE_EVENT,
          "ClockTick is not a case event: ticks advance stream time and are "
              + "handled by the processor, never by the state machine",
          stateName);
    }
    if (payload instanceof IdentityRevealed) {
      // Audit trail of a controlled reveal: no legal effect on the periods, not a refusal either.
      // It does not move lastEventAt, so history imported later with earlier event times still
      // applies.
      return new Decision.Ignored("IdentityRevealed records who read an identity; no clock effect");
    }
    if (current == null) {
      if (payload instanceof Submitted s) {
        return submitted(event, s);
      }
      return new Decision.Rejected(
          RefusalCode.UNKNOWN_CASE,
          name(payload)
              + " for case "
              + event.getCaseId()
              + " that does not exist: the first event of a case must be Submitted",
          stateName);
    }
    if (!current.getCaseId().equals(event.getCaseId())) {
      return new Decision.Rejected(
          RefusalCode.CASE_ID_MISMATCH,
          "event for case "
              + event.getCaseId()
              + " given to the state of case "
              + current.getCaseId(),
          stateName);
    }
    if (current.getProcessedEventIds().contains(event.getEventId())) {
      return new Decision.Duplicate();
    }
    if (event.getOccurredAt().isBefore(current.getLastEventAt())) {
      return new Decision.Rejected(
          RefusalCode.OUT_OF_ORDER,
          name(payload)
              + " occurred at "
              + event.getOccurredAt()
              + ", before the case's last applied event at "
              + current.getLastEventAt()
              + " (state "
              + stateName
              + "): clocks never run backwards",
          stateName);
    }
    if (StateFields.CLOSED.contains(current.getStatus())) {
      return refuse(
          RefusalCode.CASE_CLOSED,
          current,
          payload,
          "the case was closed at "
              + current.getClosedAt()
              + " and accepts no further event"
              + (current.getStatus() == CaseStatus.WITHDRAWN
                  ? " (withdrawal terminates the case: Luật Khiếu nại 2011 Điều 10; Luật Tố cáo 2018 Điều 33)"
                  : " (refusal to accept, không thụ lý, ends the case; a new submission is a new case)"));
    }
    if (payload instanceof Submitted) {
      return refuse(
          RefusalCode.ALREADY_EXISTS,
          current,
          payload,
          "case " + current.getCaseId() + " already exists");
    } else if (payload instanceof Accepted a) {
      return accepted(current, event, a);
    } else if (payload instanceof Rejected r) {
      return rejected(current, event, r);
    } else if (payload instanceof Assigned a) {
      return assigned(current, event, a);
    } else if (payload instanceof Transferred t) {
      return transferred(current, event, t);
    } else if (payload instanceof Suspended s) {
      return suspended(current, event, s);
    } else if (payload instanceof Resumed r) {
      return resumed(current, event, r);
    } else if (payload instanceof DeadlineExtended d) {
      return extended(current, event, d);
    } else if (payload instanceof Resolved r) {
      return resolved(current, event, r);
    } else if (payload instanceof Reopened r) {
      return reopened(current, event, r);
    } else if (payload instanceof Withdrawn w) {
      return withdrawn(current, event, w);
    } else if (payload instanceof Rated r) {
      return rated(current, event, r);
    }
    // An event kind this version does not model (e.g. a kind added to the schema later): recorded
    // as applied (its id guards against duplicates), with no effect on status or clocks.
    return applied(StateCopies.copy(current), event);
  }

  /**
   * Submitted: creates the case in SUBMITTED.
   *
   * <p>Policy: the explicit {@code policyId}, else {@value #SOURCE_PROVIDED_POLICY} when the source
   * gave a due date, else {@link PolicyBook#select} by category, complaint level and the filing
   * date in Asia/Ho_Chi_Minh (the rule in force when the case was filed). Clock: the policy's
   * acceptance clock from receipt (Luật Khiếu nại 2011 Điều 27: 10 days; Luật Tố cáo 2018 Điều 24),
   * computed per Civil Code arts. 147–148; for a due date from the source: a RESOLUTION clock with
   * that due instant and no acceptance step; a source-provided policy without a due date: no clock
   * (documented choice: the case is tracked, no alert can be computed); a policy without an
   * acceptance clock: its resolution clock from receipt.
   */
  private Decision submitted(CaseEvent e, Submitted s) {
    Instant at = e.getOccurredAt();
    if (s.getUnitId() == null || s.getUnitId().isBlank()) {
      return new Decision.Rejected(
          RefusalCode.MISSING_FIELD,
          "Submitted.unitId is blank: a case needs a handling unit",
          "NONE");
    }
    if (s.getCategory() == Category.KHIEU_NAI
        && (s.getComplaintLevel() == null
            || s.getComplaintLevel() < 1
            || s.getComplaintLevel() > 2)) {
      return new Decision.Rejected(
          RefusalCode.INVALID_VALUE,
          "Submitted.complaintLevel must be 1 (lần đầu) or 2 (lần hai) for "
              + "KHIEU_NAI, was "
              + s.getComplaintLevel()
              + " (Luật Khiếu nại 2011 Điều 27, 36)",
          "NONE");
    }
    SlaPolicy policy;
    try {
      policy = choosePolicy(s, DeadlineArithmetic.dayOf(at));
    } catch (PolicyException ex) {
      return new Decision.Rejected(
          RefusalCode.UNKNOWN_POLICY, "Submitted: " + ex.getMessage(), "NONE");
    }
    if (policy == null) {
      return new Decision.Rejected(
          RefusalCode.UNKNOWN_POLICY,
          "Submitted.policyId '"
              + (s.getPolicyId() != null ? s.getPolicyId() : SOURCE_PROVIDED_POLICY)
              + "' is not a known SLA policy",
          "NONE");
    }
    // sourceDueAt == occurredAt is a zero-length period, due immediately (Boston rows with
    // TARGET_DT == OPEN_DT, labelled OVERDUE when closed later); only a due date before receipt is
    // bad.
    if (policy.dueDateFromSource()
        && s.getSourceDueAt() != null
        && s.getSourceDueAt().isBefore(at)) {
      return new Decision.Rejected(
          RefusalCode.SOURCE_DUE_BEFORE_RECEIPT,
          "Submitted.sourceDueAt "
              + s.getSourceDueAt()
              + " is before occurredAt "
              + at
              + ": a source due date cannot precede the receipt",
          "NONE");
    }
    Complexity complexity = s.getComplexity() == null ? Complexity.NORMAL : s.getComplexity();
    CaseState.Builder b =
        CaseState.newBuilder()
            .setCaseId(e.getCaseId())
            .setStatus(CaseStatus.SUBMITTED)
            .setCategory(s.getCategory().name())
            .setComplaintLevel(s.getCategory() == Category.KHIEU_NAI ? s.getComplaintLevel() : null)
            .setComplexity(complexity.name())
            .setRemoteArea(s.getRemoteArea())
            .setPolicyId(policy.policyId())
            .setUnitId(s.getUnitId())
            .setSubjectOfficialId(s.getSubjectOfficialId())
            .setOfficerId(null)
            .setSubmittedAt(at)
            .setSourceDueAt(s.getSourceDueAt())
            .setTrackingCode(s.getTrackingCode())
            .setServiceCode(s.getServiceCode())
            // the cockpit shows a title only when the content may be public: never a tố cáo's
            .setPublicTitle(vn.onestop.schema.ContentSecrecy.contentPublic(s) ? s.getTitle() : null)
            .setProcessedEventIds(new ArrayList<>())
            .setEmittedAlertKeys(new ArrayList<>())
            .setDecisions(new ArrayList<>())
            .setLastEventAt(at);
    ActiveClock clock;
    String calendarId = calendarFor(s.getUnitId(), at, policy);
    if (policy.dueDateFromSource()) {
      clock =
          s.getSourceDueAt() == null
              ? null
              : clock(
                  CaseClockKind.RESOLUTION,
                  at,
                  null,
                  s.getSourceDueAt(),
                  calendarId,
                  policy.legalBasis(ClockType.RESOLUTION, complexity, s.getRemoteArea()));
    } else if (policy.acceptance().isPresent()) {
      Period p = policy.acceptancePeriod().orElseThrow();
      clock =
          clock(
              CaseClockKind.ACCEPTANCE,
              at,
              p,
              DeadlineArithmetic.dueAt(at, p, calendars.get(calendarId)),
              calendarId,
              policy.legalBasis(ClockType.ACCEPTANCE, complexity, s.getRemoteArea()));
    } else {
      clock = resolutionClock(policy, at, complexity, s.getRemoteArea(), calendarId);
    }
    b.setClock(clock);
    return applied(b.build(), e);
  }

  /**
   * Accepted (thụ lý): only from SUBMITTED. Starts the resolution clock from the thụ lý instant
   * with the policy's period for the (possibly reclassified) complexity and the remote-area flag
   * (Luật Khiếu nại 2011 Điều 28, 37; Luật Tố cáo 2018 Điều 30). A case whose resolution clock
   * already runs (source due date, or a policy without an acceptance step) keeps that clock. A late
   * acceptance is allowed; its acceptance-clock alerts were already emitted.
   */
  private Decision accepted(CaseState s, CaseEvent e, Accepted a) {
    if (s.getStatus() != CaseStatus.SUBMITTED) {
      return refuse(
          RefusalCode.NOT_SUBMITTED,
          s,
          a,
          "only a SUBMITTED case can be accepted (thụ lý happens once, Luật Khiếu nại "
              + "2011 Điều 27)");
    }
    Complexity complexity =
        a.getComplexity() != null ? a.getComplexity() : StateFields.complexity(s);
    CaseState n = StateCopies.copy(s);
    n.setComplexity(complexity.name());
    n.setAcceptedAt(e.getOccurredAt());
    n.setStatus(s.getOfficerId() != null ? CaseStatus.ASSIGNED : CaseStatus.ACCEPTED);
    ActiveClock c = s.getClock();
    if (c == null || c.getKind() != CaseClockKind.RESOLUTION) {
      SlaPolicy policy = policy(s);
      n.setClock(
          policy.dueDateFromSource()
              ? null
              : resolutionClock(
                  policy,
                  e.getOccurredAt(),
                  complexity,
                  s.getRemoteArea(),
                  calendarFor(s.getUnitId(), e.getOccurredAt(), policy)));
      n.setEscalationLevel(0);
    }
    return applied(n, e);
  }

  /**
   * Rejected (không thụ lý, refusal with reasons): only from SUBMITTED; closes the case and stops
   * the clocks (Luật Khiếu nại 2011 Điều 27 — written refusal instead of thụ lý; Luật Tố cáo 2018
   * Điều 29).
   */
  private Decision rejected(CaseState s, CaseEvent e, Rejected r) {
    if (s.getStatus() != CaseStatus.SUBMITTED) {
      return refuse(
          RefusalCode.NOT_SUBMITTED,
          s,
          r,
          "only a SUBMITTED case can be refused (không thụ lý is the alternative to "
              + "thụ lý, Luật Khiếu nại 2011 Điều 27); an accepted case ends by Resolved or Withdrawn");
    }
    return applied(closed(s, CaseStatus.REJECTED, e.getOccurredAt()), e);
  }

  /**
   * Assigned: any open status. An ACCEPTED case becomes ASSIGNED; SUBMITTED (officer examining
   * admissibility), ASSIGNED (re-assignment) and SUSPENDED keep their status. Clocks are
   * unaffected. Internal organisation of the unit: no legal effect on the periods (documented
   * policy choice).
   */
  private Decision assigned(CaseState s, CaseEvent e, Assigned a) {
    if (!StateFields.isOpen(s)) {
      return refuse(
          RefusalCode.NOT_OPEN,
          s,
          a,
          "only an open case (SUBMITTED, ACCEPTED, ASSIGNED, SUSPENDED) can be assigned");
    }
    if (a.getOfficerId() == null || a.getOfficerId().isBlank()) {
      return refuse(RefusalCode.MISSING_FIELD, s, a, "Assigned.officerId is blank");
    }
    CaseState n = StateCopies.copy(s);
    n.setOfficerId(a.getOfficerId());
    if (s.getStatus() == CaseStatus.ACCEPTED) {
      n.setStatus(CaseStatus.ASSIGNED);
    }
    return applied(n, e);
  }

  /**
   * Transferred (chuyển đơn within the administration): any open status; the case moves to {@code
   * toUnitId}, the assigned officer (of the old unit) is cleared, so ASSIGNED becomes ACCEPTED.
   *
   * <p>Documented policy choice: the running clock <b>continues</b> unchanged (same start, same due
   * instant, same extensions and suspension). Neither Luật Khiếu nại 2011 nor Luật Tố cáo 2018
   * restarts a period because the file moves between units of the same responsible body; a transfer
   * to another competent body that re-accepts (thụ lý) the matter is a new case there. From the
   * transfer on, alerts are addressed to the new unit's hierarchy (recipients are resolved at fire
   * time).
   */
  private Decision transferred(CaseState s, CaseEvent e, Transferred t) {
    if (!StateFields.isOpen(s)) {
      return refuse(
          RefusalCode.NOT_OPEN,
          s,
          t,
          "only an open case (SUBMITTED, ACCEPTED, ASSIGNED, SUSPENDED) can be transferred");
    }
    if (t.getToUnitId() == null || t.getToUnitId().isBlank()) {
      return refuse(RefusalCode.MISSING_FIELD, s, t, "Transferred.toUnitId is blank");
    }
    if (t.getToUnitId().equals(s.getUnitId())) {
      return refuse(
          RefusalCode.SAME_UNIT,
          s,
          t,
          "Transferred.toUnitId '" + t.getToUnitId() + "' is already the handling unit");
    }
    CaseState n = StateCopies.copy(s);
    n.setUnitId(t.getToUnitId());
    n.setOfficerId(null);
    n.setTransferCount(s.getTransferCount() + 1);
    if (s.getStatus() == CaseStatus.ASSIGNED) {
      n.setStatus(CaseStatus.ACCEPTED);
    }
    return applied(n, e);
  }

  /**
   * Suspended (tạm đình chỉ): only while the resolution clock runs (ACCEPTED, ASSIGNED, or
   * SUBMITTED with a resolution clock); needs a decision number. The clock pauses; suspended time
   * is not counted. Legal basis: Luật Tố cáo 2018 Điều 34; for khiếu nại only from 01/07/2026
   * (amending law of 10/12/2025) — a khiếu nại suspension dated earlier is refused. For phản ánh,
   * kiến nghị and service requests it is a documented policy choice ("waiting for the citizen",
   * docs/law.md, Suspension).
   */
  private Decision suspended(CaseState s, CaseEvent e, Suspended x) {
    if (!inProgress(s)) {
      return refuse(
          RefusalCode.NOT_IN_PROGRESS,
          s,
          x,
          "only a case whose resolution clock runs (ACCEPTED or ASSIGNED) can be suspended"
              + (s.getStatus() == CaseStatus.SUSPENDED
                  ? "; it is already suspended by decision " + s.getClock().getSuspensionDecision()
                  : "")
              + " (tạm đình chỉ applies to the resolution, Luật Tố cáo 2018 Điều 34)");
    }
    if (x.getDecisionNumber() == null || x.getDecisionNumber().isBlank()) {
      return refuse(
          RefusalCode.MISSING_FIELD,
          s,
          x,
          "Suspended.decisionNumber is blank: a suspension needs a written decision "
              + "(Luật Tố cáo 2018 Điều 34)");
    }
    LocalDate day = DeadlineArithmetic.dayOf(e.getOccurredAt());
    if (StateFields.category(s) == Category.KHIEU_NAI && day.isBefore(KHIEU_NAI_SUSPENSION_FROM)) {
      return refuse(
          RefusalCode.SUSPENSION_NOT_IN_FORCE,
          s,
          x,
          "a khiếu nại cannot be suspended before "
              + KHIEU_NAI_SUSPENSION_FROM_TEXT
              + ": tạm đình chỉ of a complaint exists only from the amending law in force on that date "
              + "(Luật Khiếu nại 2011 as amended 10/12/2025)");
    }
    CaseState n = StateCopies.copy(s);
    n.getClock().setSuspendedAt(e.getOccurredAt());
    n.getClock().setSuspensionDecision(x.getDecisionNumber());
    n.setStatus(CaseStatus.SUSPENDED);
    decision(n, "SUSPENSION", x.getDecisionNumber(), e, null);
    return applied(n, e);
  }

  /**
   * Resumed: only from SUSPENDED. The due instant is recomputed with {@link
   * DeadlineArithmetic#resumedDueAt} (suspended time not counted, Luật Tố cáo 2018 Điều 34); the
   * status returns to what it was (ACCEPTED, ASSIGNED, or SUBMITTED for a case without an
   * acceptance step).
   */
  private Decision resumed(CaseState s, CaseEvent e, Resumed r) {
    if (s.getStatus() != CaseStatus.SUSPENDED) {
      return refuse(RefusalCode.NOT_SUSPENDED, s, r, "only a SUSPENDED case can be resumed");
    }
    ActiveClock old = s.getClock();
    Instant due =
        DeadlineArithmetic.resumedDueAt(
            old.getDueAt(),
            old.getSuspendedAt(),
            e.getOccurredAt(),
            StateFields.period(old),
            calendars.get(old.getCalendarId()));
    CaseState n = StateCopies.copy(s);
    ActiveClock c = n.getClock();
    c.setDueAt(due);
    c.setArmedAt(e.getOccurredAt());
    c.setSuspendedAt(null);
    c.setSuspensionDecision(null);
    n.setStatus(runningStatus(s));
    n.setEscalationLevel(due.equals(old.getDueAt()) ? s.getEscalationLevel() : 0);
    decision(n, "RESUMPTION", r.getDecisionNumber(), e, null);
    return applied(n, e);
  }

  /**
   * DeadlineExtended (gia hạn): only on a resolution clock (ACCEPTED, ASSIGNED, SUSPENDED, or
   * SUBMITTED with a resolution clock); needs a decision number; allowed count and length come from
   * the policy's {@link vn.onestop.sla.policy.ExtensionRule} for the case's complexity — tố cáo:
   * one extension of at most 30 days for a complex case, two for an especially complex one (Luật Tố
   * cáo 2018 Điều 30); khiếu nại: none (a longer period follows from classifying the case as
   * complex, Luật Khiếu nại 2011 Điều 28, 37). The due instant moves by the given calendar days
   * counted from the old last day, the last day rolled forward to a working day (Civil Code arts.
   * 147–148). During a suspension the paused due instant is extended; the resumption then counts
   * from it. An extension whose new due instant is not after the decision (or, while suspended,
   * after the suspension) is refused (documented policy choice: it would not give any time still to
   * run, and its alerts would be dated in the past).
   */
  private Decision extended(CaseState s, CaseEvent e, DeadlineExtended d) {
    ActiveClock c = s.getClock();
    boolean onResolution =
        c != null
            && c.getKind() == CaseClockKind.RESOLUTION
            && (inProgress(s) || s.getStatus() == CaseStatus.SUSPENDED);
    if (!onResolution) {
      return refuse(
          RefusalCode.NOT_ON_RESOLUTION_CLOCK,
          s,
          d,
          "only a running or suspended resolution clock can be extended"
              + (s.getStatus() == CaseStatus.SUBMITTED
                  ? " (the case is not accepted yet: the acceptance " + "period has no extension)"
                  : ""));
    }
    if (d.getDecisionNumber() == null || d.getDecisionNumber().isBlank()) {
      return refuse(
          RefusalCode.MISSING_FIELD,
          s,
          d,
          "DeadlineExtended.decisionNumber is blank: an extension needs a written decision "
              + "(Luật Tố cáo 2018 Điều 30)");
    }
    if (d.getDays() < 1) {
      return refuse(
          RefusalCode.INVALID_VALUE,
          s,
          d,
          "DeadlineExtended.days must be at least 1, was " + d.getDays());
    }
    Period requested;
    try {
      requested = Period.calendarDays(d.getDays());
    } catch (IllegalArgumentException ex) {
      return refuse(RefusalCode.INVALID_VALUE, s, d, "DeadlineExtended.days: " + ex.getMessage());
    }
    SlaPolicy policy = policy(s);
    var reason =
        policy
            .extensions()
            .rejectionReason(
                StateFields.complexity(s), c.getExtensionsUsed(), requested, d.getDecisionNumber());
    if (reason.isPresent()) {
      return refuse(
          RefusalCode.EXTENSION_NOT_ALLOWED,
          s,
          d,
          reason.get() + " [policy " + policy.policyId() + "]");
    }
    Instant due =
        DeadlineArithmetic.dueAt(c.getDueAt(), requested, calendars.get(c.getCalendarId()));
    Instant floor = c.getSuspendedAt() != null ? c.getSuspendedAt() : e.getOccurredAt();
    if (!due.isAfter(floor)) {
      return refuse(
          RefusalCode.EXTENSION_IN_PAST,
          s,
          d,
          "the extended period would end at "
              + due
              + ", not after "
              + (c.getSuspendedAt() != null ? "the suspension at " : "the decision at ")
              + floor
              + ": an extension must give time that is still to run (documented policy choice)");
    }
    CaseState n = StateCopies.copy(s);
    ActiveClock nc = n.getClock();
    nc.setDueAt(due);
    nc.setArmedAt(e.getOccurredAt());
    nc.setExtensionsUsed(c.getExtensionsUsed() + 1);
    nc.setExtensionDays(c.getExtensionDays() + d.getDays());
    n.setEscalationLevel(0);
    decision(n, "EXTENSION", d.getDecisionNumber(), e, d.getDays());
    return applied(n, e);
  }

  /**
   * Resolved: from ACCEPTED or ASSIGNED; from SUBMITTED only for categories without a formal thụ lý
   * (phản ánh, kiến nghị, service requests — e.g. 311 imports have no acceptance step). Stops the
   * clocks.
   *
   * <p>Refused for a SUBMITTED khiếu nại / tố cáo: their resolution runs from thụ lý (Luật Khiếu
   * nại 2011 Điều 27–28; Luật Tố cáo 2018 Điều 30), so an Accepted event must come first. Refused
   * while SUSPENDED (documented policy choice): a suspension ends when its ground ends (Luật Tố cáo
   * 2018 Điều 34), which must be recorded by a Resumed event first, so the suspended time and the
   * resolution instant stay auditable. A case that ends without a resolution while suspended ends
   * by Withdrawn.
   */
  private Decision resolved(CaseState s, CaseEvent e, Resolved r) {
    if (s.getStatus() == CaseStatus.SUSPENDED) {
      return refuse(
          RefusalCode.SUSPENDED,
          s,
          r,
          "the case is suspended by decision "
              + s.getClock().getSuspensionDecision()
              + ": record its end with a Resumed event before the resolution (Luật Tố cáo 2018 Điều 34)");
    }
    if (s.getStatus() == CaseStatus.SUBMITTED) {
      Category cat = StateFields.category(s);
      if (cat == Category.KHIEU_NAI || cat == Category.TO_CAO) {
        return refuse(
            RefusalCode.NOT_ACCEPTED,
            s,
            r,
            "a "
                + cat
                + " case must be accepted (thụ lý) before it is resolved: the "
                + "resolution period runs from thụ lý (Luật Khiếu nại 2011 Điều 27–28; Luật Tố cáo 2018 "
                + "Điều 30)");
      }
    } else if (!StateFields.isOpen(s)) {
      return refuse(
          RefusalCode.NOT_OPEN,
          s,
          r,
          "only an open case can be resolved"
              + (s.getStatus() == CaseStatus.RESOLVED
                  ? " (it was resolved at " + s.getResolvedAt() + "; reopen it first)"
                  : ""));
    }
    CaseState n = StateCopies.copy(s);
    n.setStatus(CaseStatus.RESOLVED);
    n.setResolvedAt(e.getOccurredAt());
    n.setOutcome(r.getOutcome() == null ? null : r.getOutcome().name());
    n.setClock(null);
    return applied(n, e);
  }

  /**
   * Reopened: only from RESOLVED. Documented policy choice (no statute defines reopening; a
   * second-level khiếu nại is a new case): the resolution clock restarts at the reopening instant
   * with the policy's <b>full</b> resolution period for the current complexity and area, with no
   * extension used; the rating of the previous resolution is cleared; status ASSIGNED if an officer
   * is still assigned, else ACCEPTED (SUBMITTED if the case was never accepted). A source-provided
   * due date is not renewed: the reopened case has no clock.
   */
  private Decision reopened(CaseState s, CaseEvent e, Reopened r) {
    if (s.getStatus() != CaseStatus.RESOLVED) {
      return refuse(RefusalCode.NOT_RESOLVED, s, r, "only a RESOLVED case can be reopened");
    }
    SlaPolicy policy = policy(s);
    ActiveClock c =
        policy.dueDateFromSource()
            ? null
            : resolutionClock(
                policy,
                e.getOccurredAt(),
                StateFields.complexity(s),
                s.getRemoteArea(),
                calendarFor(s.getUnitId(), e.getOccurredAt(), policy));
    CaseState n = StateCopies.copy(s);
    n.setStatus(runningStatus(s));
    n.setResolvedAt(null);
    n.setOutcome(null);
    n.setRating(null);
    n.setReopenCount(s.getReopenCount() + 1);
    n.setEscalationLevel(0);
    n.setClock(c);
    return applied(n, e);
  }

  /**
   * Withdrawn (rút đơn): any open status, including SUSPENDED; closes the case and stops the clocks
   * (Luật Khiếu nại 2011 Điều 10; Luật Tố cáo 2018 Điều 33). Not after a resolution (nothing left
   * to withdraw).
   */
  private Decision withdrawn(CaseState s, CaseEvent e, Withdrawn w) {
    if (!StateFields.isOpen(s)) {
      return refuse(
          RefusalCode.NOT_OPEN,
          s,
          w,
          "only an open case (SUBMITTED, ACCEPTED, ASSIGNED, SUSPENDED) can be withdrawn");
    }
    return applied(closed(s, CaseStatus.WITHDRAWN, e.getOccurredAt()), e);
  }

  /**
   * Rated: only RESOLVED, score 1–5, once per resolution (a second rating is refused so
   * satisfaction figures count each resolution once; a reopening clears the rating). Documented
   * policy choice after the city's satisfaction index practice (docs/law.md, Indicators).
   */
  private Decision rated(CaseState s, CaseEvent e, Rated r) {
    if (s.getStatus() != CaseStatus.RESOLVED) {
      return refuse(RefusalCode.NOT_RESOLVED, s, r, "only a RESOLVED case can be rated");
    }
    if (r.getScore() < MIN_SCORE || r.getScore() > MAX_SCORE) {
      return refuse(
          RefusalCode.INVALID_VALUE, s, r, "Rated.score must be 1 to 5, was " + r.getScore());
    }
    if (s.getRating() != null) {
      return refuse(
          RefusalCode.ALREADY_RATED, s, r, "the resolution was already rated " + s.getRating());
    }
    CaseState n = StateCopies.copy(s);
    n.setRating(r.getScore());
    return applied(n, e);
  }

  private SlaPolicy choosePolicy(Submitted s, LocalDate filedOn) {
    if (s.getPolicyId() != null) {
      return policies.byId(s.getPolicyId()).orElse(null);
    }
    if (s.getSourceDueAt() != null) {
      return policies.byId(SOURCE_PROVIDED_POLICY).orElse(null);
    }
    return policies.select(s.getCategory(), s.getComplaintLevel(), filedOn);
  }

  private SlaPolicy policy(CaseState s) {
    return policies.inUse(s.getPolicyId(), s.getCaseId());
  }

  /**
   * The calendar a clock of the unit starting at {@code at} runs on: the unit's own (its version in
   * force then) when it has one this book knows, else the policy's.
   */
  private String calendarFor(String unitId, Instant at, SlaPolicy policy) {
    return unitCalendars
        .calendarOf(unitId, at)
        .filter(calendars::contains)
        .orElse(policy.calendarId());
  }

  private ActiveClock resolutionClock(
      SlaPolicy policy, Instant start, Complexity complexity, boolean remote, String calendarId) {
    Period p = policy.resolutionPeriod(complexity, remote);
    return clock(
        CaseClockKind.RESOLUTION,
        start,
        p,
        DeadlineArithmetic.dueAt(start, p, calendars.get(calendarId)),
        calendarId,
        policy.legalBasis(ClockType.RESOLUTION, complexity, remote));
  }

  private static ActiveClock clock(
      CaseClockKind kind,
      Instant start,
      Period p,
      Instant due,
      String calendarId,
      String legalBasis) {
    return ActiveClock.newBuilder()
        .setKind(kind)
        .setStartedAt(start)
        .setPeriodAmount(p == null ? null : p.amount())
        .setPeriodUnit(p == null ? null : p.unit().name())
        .setDueAt(due)
        .setArmedAt(start)
        .setCalendarId(calendarId)
        .setLegalBasis(legalBasis)
        .setSuspendedAt(null)
        .setSuspensionDecision(null)
        .setExtensionsUsed(0)
        .setExtensionDays(0)
        .build();
  }

  /** ACCEPTED/ASSIGNED, or SUBMITTED with a running resolution clock (no acceptance step). */
  private static boolean inProgress(CaseState s) {
    return switch (s.getStatus()) {
      case ACCEPTED, ASSIGNED -> true;
      case SUBMITTED -> s.getClock() != null && s.getClock().getKind() == CaseClockKind.RESOLUTION;
      default -> false;
    };
  }

  /** Status of a case whose clock runs again (after a suspension or a reopening). */
  private static CaseStatus runningStatus(CaseState s) {
    if (s.getAcceptedAt() == null) {
      return CaseStatus.SUBMITTED;
    }
    return s.getOfficerId() != null ? CaseStatus.ASSIGNED : CaseStatus.ACCEPTED;
  }

  /** Appends a clock decision to a state that is already a private copy. */
  private static void decision(CaseState n, String kind, String number, CaseEvent e, Integer days) {
    List<ClockDecision> all = new ArrayList<>(n.getDecisions());
    all.add(
        ClockDecision.newBuilder()
            .setKind(kind)
            .setDecisionNumber(number)
            .setDecidedAt(e.getOccurredAt())
            .setDays(days)
            .build());
    n.setDecisions(all);
  }

  /** Records the event id and time on a state that is already a private copy. */
  private static Decision applied(CaseState n, CaseEvent e) {
    List<String> ids = new ArrayList<>(n.getProcessedEventIds());
    ids.add(e.getEventId());
    n.setProcessedEventIds(ids);
    n.setLastEventAt(e.getOccurredAt());
    return new Decision.Applied(n);
  }

  private static CaseState closed(CaseState s, CaseStatus status, Instant at) {
    CaseState n = StateCopies.copy(s);
    n.setStatus(status);
    n.setClosedAt(at);
    n.setClock(null);
    return n;
  }

  private static Decision refuse(RefusalCode code, CaseState s, Object payload, String why) {
    return new Decision.Rejected(
        code,
        name(payload) + " refused in state " + s.getStatus() + ": " + why,
        s.getStatus().name());
  }

  private static String name(Object payload) {
    return payload == null ? "null payload" : payload.getClass().getSimpleName();
  }
}
