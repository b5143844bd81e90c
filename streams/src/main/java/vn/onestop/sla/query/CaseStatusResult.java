package vn.onestop.sla.query;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.sla.cases.StateFields;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseClockKind;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.Refusal;

/**
 * What the intake API shows about one case: its status, handling unit and legal clock. Contains no
 * personal data (the case store holds none). Instants are UTC.
 *
 * @param caseId case id
 * @param status life-cycle status (SUBMITTED, ACCEPTED, ASSIGNED, SUSPENDED, RESOLVED, REJECTED,
 *     WITHDRAWN)
 * @param category legal category symbol (KHIEU_NAI, TO_CAO, PHAN_ANH, KIEN_NGHI, SERVICE_REQUEST)
 * @param unitId current handling unit
 * @param policyId SLA policy applied since submission
 * @param activeClock ACCEPTANCE or RESOLUTION, empty when no clock runs (closed or resolved)
 * @param clockStartedAt start of the active clock
 * @param dueAt due instant of the active clock (while suspended: the due instant when it paused)
 * @param nextAlertAt next instant an alert becomes due, empty if none is pending (e.g. suspended)
 * @param escalationLevel highest alert level reached on the active clock: 0 none or warnings only,
 *     1 breach (head of the handling unit), 2 parent unit, 3 top unit
 * @param suspended whether the clock is paused (tạm đình chỉ)
 * @param legalBasis law and article of the active period, if known
 * @param submittedAt receipt instant
 * @param acceptedAt thụ lý instant, if accepted
 * @param resolvedAt latest resolution, if resolved
 * @param closedAt rejection or withdrawal, if closed
 * @param complaintLevel khiếu nại level (1 lần đầu, 2 lần hai), empty for other categories
 * @param complexity complexity symbol (NORMAL, COMPLEX, ESPECIALLY_COMPLEX)
 * @param legalStep the legal step reached ({@link StateFields#legalStep}), e.g. THU_LY for a case
 *     accepted after it was assigned
 * @param officerId assigned case officer, if any
 * @param acceptanceDueAt due instant of the acceptance (thụ lý) decision: the running acceptance
 *     clock's, or computed from receipt with the policy's acceptance period once the case moved on;
 *     empty for policies without an acceptance step
 * @param resolutionDueAt due instant of the resolution clock, if one runs (or is paused)
 * @param outcome Outcome symbol of the latest resolution, if resolved
 * @param decisions extension, suspension and resumption decisions, oldest first
 * @param lastRefusal the latest event the engine refused, if any
 * @param processedEventIds ids of every event applied to the case (the intake checks whether the
 *     action it wrote was applied)
 */
public record CaseStatusResult(
    String caseId,
    String status,
    String category,
    String unitId,
    String policyId,
    Optional<String> activeClock,
    Optional<Instant> clockStartedAt,
    Optional<Instant> dueAt,
    Optional<Instant> nextAlertAt,
    int escalationLevel,
    boolean suspended,
    Optional<String> legalBasis,
    Instant submittedAt,
    Optional<Instant> acceptedAt,
    Optional<Instant> resolvedAt,
    Optional<Instant> closedAt,
    Optional<Integer> complaintLevel,
    String complexity,
    String legalStep,
    Optional<String> officerId,
    Optional<Instant> acceptanceDueAt,
    Optional<Instant> resolutionDueAt,
    Optional<String> outcome,
    List<ClockDecisionView> decisions,
    Optional<RefusalView> lastRefusal,
    List<String> processedEventIds) {

  /**
   * A decision that changed the resolution clock.
   *
   * @param kind EXTENSION, SUSPENSION or RESUMPTION
   * @param decisionNumber number of the decision, if given
   * @param decidedAt occurredAt of the event (UTC)
   * @param days calendar days added by an extension, empty otherwise
   */
  public record ClockDecisionView(
      String kind, Optional<String> decisionNumber, Instant decidedAt, Optional<Integer> days) {}

  /**
   * An event the engine refused.
   *
   * @param eventId id of the refused event
   * @param action its payload type, e.g. Accepted
   * @param reason the engine's reason
   * @param occurredAt occurredAt of the refused event (UTC)
   */
  public record RefusalView(String eventId, String action, String reason, Instant occurredAt) {}

  /**
   * Copies the lists.
   *
   * @param caseId see the record description
   * @param status see the record description
   * @param category see the record description
   * @param unitId see the record description
   * @param policyId see the record description
   * @param activeClock see the record description
   * @param clockStartedAt see the record description
   * @param dueAt see the record description
   * @param nextAlertAt see the record description
   * @param escalationLevel see the record description
   * @param suspended see the record description
   * @param legalBasis see the record description
   * @param submittedAt see the record description
   * @param acceptedAt see the record description
   * @param resolvedAt see the record description
   * @param closedAt see the record description
   * @param complaintLevel see the record description
   * @param complexity see the record description
   * @param legalStep see the record description
   * @param officerId see the record description
   * @param acceptanceDueAt see the record description
   * @param resolutionDueAt see the record description
   * @param outcome see the record description
   * @param decisions see the record description
   * @param lastRefusal see the record description
   * @param processedEventIds see the record description
   */
  public CaseStatusResult {
    decisions = List.copyOf(decisions);
    processedEventIds = List.copyOf(processedEventIds);
  }

  /**
   * @param s stored state
   * @param nextAlertAt next alert instant computed by the escalation ladder
   * @return the status view of the state, without the acceptance due date of a case whose
   *     acceptance clock has stopped (see {@link #of(CaseState, Optional, Optional)})
   */
  public static CaseStatusResult of(CaseState s, Optional<Instant> nextAlertAt) {
    return of(s, nextAlertAt, Optional.empty());
  }

  /**
   * @param s stored state
   * @param nextAlertAt next alert instant computed by the escalation ladder
   * @param acceptanceDueFromPolicy the acceptance due instant computed from receipt and the policy
   *     (used when no acceptance clock runs any more)
   * @return the status view of the state
   */
  public static CaseStatusResult of(
      CaseState s, Optional<Instant> nextAlertAt, Optional<Instant> acceptanceDueFromPolicy) {
    Objects.requireNonNull(s, "state");
    Optional<ActiveClock> clock = Optional.ofNullable(s.getClock());
    boolean acceptance = clock.map(c -> c.getKind() == CaseClockKind.ACCEPTANCE).orElse(false);
    boolean resolution = clock.map(c -> c.getKind() == CaseClockKind.RESOLUTION).orElse(false);
    Refusal r = s.getLastRefusal();
    return new CaseStatusResult(
        s.getCaseId(),
        s.getStatus().name(),
        s.getCategory(),
        s.getUnitId(),
        s.getPolicyId(),
        clock.map(c -> c.getKind().name()),
        clock.map(ActiveClock::getStartedAt),
        clock.map(ActiveClock::getDueAt),
        Objects.requireNonNull(nextAlertAt, "nextAlertAt"),
        s.getEscalationLevel(),
        clock.map(c -> c.getSuspendedAt() != null).orElse(false),
        clock.map(ActiveClock::getLegalBasis),
        s.getSubmittedAt(),
        Optional.ofNullable(s.getAcceptedAt()),
        Optional.ofNullable(s.getResolvedAt()),
        Optional.ofNullable(s.getClosedAt()),
        Optional.ofNullable(s.getComplaintLevel()),
        s.getComplexity(),
        StateFields.legalStep(s),
        Optional.ofNullable(s.getOfficerId()),
        acceptance ? clock.map(ActiveClock::getDueAt) : acceptanceDueFromPolicy,
        resolution ? clock.map(ActiveClock::getDueAt) : Optional.empty(),
        Optional.ofNullable(s.getOutcome()),
        s.getDecisions().stream()
            .map(
                d ->
                    new ClockDecisionView(
                        d.getKind(),
                        Optional.ofNullable(d.getDecisionNumber()),
                        d.getDecidedAt(),
                        Optional.ofNullable(d.getDays())))
            .toList(),
        r == null
            ? Optional.empty()
            : Optional.of(
                new RefusalView(r.getEventId(), r.getAction(), r.getReason(), r.getOccurredAt())),
        s.getProcessedEventIds());
  }
}
