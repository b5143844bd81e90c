package vn.onestop.sla.query;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseState;

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
    Optional<Instant> closedAt) {

  /**
   * @param s stored state
   * @param nextAlertAt next alert instant computed by the escalation ladder
   * @return the status view of the state
   */
  public static CaseStatusResult of(CaseState s, Optional<Instant> nextAlertAt) {
    Objects.requireNonNull(s, "state");
    Optional<ActiveClock> clock = Optional.ofNullable(s.getClock());
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
        Optional.ofNullable(s.getClosedAt()));
  }
}
