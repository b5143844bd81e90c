package vn.onestop.sla.query;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseState;

/**
 * One open case as the supervisors' cockpit lists it, read from the engine's case store: the
 * engine's own view, so a case the engine has not closed (a refused Resolved included) stays, and a
 * case it closed leaves. No personal data and no secret content: {@code publicTitle} is the
 * submitted title only when the content may be public ({@code vn.onestop.schema.ContentSecrecy}),
 * never for a khiếu nại or tố cáo. Instants are UTC.
 *
 * @param caseId case id (the store key)
 * @param trackingCode code given to the citizen, or null
 * @param category Category symbol (KHIEU_NAI, TO_CAO, PHAN_ANH, KIEN_NGHI, SERVICE_REQUEST)
 * @param serviceCode type of request, or null
 * @param publicTitle short public title, or null (always null for KHIEU_NAI and TO_CAO)
 * @param status life-cycle status symbol: SUBMITTED, ACCEPTED, ASSIGNED or SUSPENDED
 * @param unitId current handling unit
 * @param policyCalendarId calendar of the case's SLA policy (the clock's calendar when the policy
 *     is no longer in the book)
 * @param clock ACCEPTANCE or RESOLUTION, or null when no clock runs (e.g. an imported record
 *     without a due date)
 * @param clockStartedAt start of the clock, or null
 * @param dueAt due instant of the clock, or null (while suspended: the due instant when paused)
 * @param suspended whether the clock is paused (tạm đình chỉ): the legal clock does not run
 * @param dayBased whether the clock's period counts days (CALENDAR_DAYS or WORKING_DAYS: the due
 *     instant is 24:00 of its last day, shown as "hết ngày D"); false for hour periods, seconds and
 *     source-provided due instants
 * @param escalationLevel highest alert level reached on the clock (0 none or warnings, 1 breach, 2
 *     parent unit, 3 top unit)
 * @param lastAlert the latest alert the engine emitted on the current clock, however long ago, or
 *     null when none was
 */
public record OpenCase(
    String caseId,
    String trackingCode,
    String category,
    String serviceCode,
    String publicTitle,
    String status,
    String unitId,
    String policyCalendarId,
    String clock,
    Instant clockStartedAt,
    Instant dueAt,
    boolean suspended,
    boolean dayBased,
    int escalationLevel,
    LastAlert lastAlert) {

  /**
   * The latest alert of a case's current clock as the engine's state records it.
   *
   * @param alertId the alert's id (what an acknowledgement names)
   * @param kind AlertKind symbol: WARNING, BREACH or ESCALATION
   * @param level 0 warning, 1 breach, 2 parent unit, 3 top unit
   * @param decidedAt when it became due (UTC; the alert's {@code decidedAt})
   */
  public record LastAlert(String alertId, String kind, int level, Instant decidedAt) {}

  /**
   * The one place that reads the stored state for the cockpit (re-point it when the state's model
   * changes).
   *
   * @param s stored state
   * @param policyCalendarId calendar id of the case's policy, or null when unknown
   * @return the open case, or empty when the engine closed it (RESOLVED, REJECTED, WITHDRAWN)
   */
  public static Optional<OpenCase> of(CaseState s, String policyCalendarId) {
    return of(s, policyCalendarId, null);
  }

  /**
   * @param s stored state
   * @param policyCalendarId calendar id of the case's policy, or null when unknown
   * @param lastAlert the latest alert emitted on the current clock, or null
   * @return the open case, or empty when the engine closed it (RESOLVED, REJECTED, WITHDRAWN)
   */
  public static Optional<OpenCase> of(CaseState s, String policyCalendarId, LastAlert lastAlert) {
    Objects.requireNonNull(s, "state");
    switch (s.getStatus()) {
      case RESOLVED, REJECTED, WITHDRAWN, UNKNOWN:
        return Optional.empty();
      default:
        break;
    }
    ActiveClock c = s.getClock();
    String calendar =
        policyCalendarId != null ? policyCalendarId : c == null ? null : c.getCalendarId();
    return Optional.of(
        new OpenCase(
            s.getCaseId(),
            s.getTrackingCode(),
            s.getCategory(),
            s.getServiceCode(),
            s.getPublicTitle(),
            s.getStatus().name(),
            s.getUnitId(),
            calendar,
            c == null ? null : c.getKind().name(),
            c == null ? null : c.getStartedAt(),
            c == null ? null : c.getDueAt(),
            c != null && c.getSuspendedAt() != null,
            c != null && dayBased(c.getPeriodUnit()),
            s.getEscalationLevel(),
            lastAlert));
  }

  private static boolean dayBased(String periodUnit) {
    return "CALENDAR_DAYS".equals(periodUnit) || "WORKING_DAYS".equals(periodUnit);
  }
}
