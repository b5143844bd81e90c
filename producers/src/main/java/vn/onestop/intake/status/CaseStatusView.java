package vn.onestop.intake.status;

import java.time.Instant;
import java.util.Objects;

/**
 * The SLA engine's view of one case, as returned by {@code GET /api/v1/cases/{id}}.
 *
 * <p>All due dates are UTC instants; the engine computes them in Asia/Ho_Chi_Minh with the unit's
 * calendar (working days, Civil Code arts. 147–148) and converts the end of the last day to UTC.
 *
 * @param caseId case id
 * @param state engine state name, e.g. {@code SUBMITTED}, {@code ACCEPTED}, {@code SUSPENDED},
 *     {@code RESOLVED}, {@code REJECTED}, {@code WITHDRAWN}
 * @param category legal category name (Category enum symbol)
 * @param unitId handling unit id
 * @param activeClock the running clock: {@code ACCEPTANCE}, {@code RESOLUTION} or {@code NONE}
 * @param dueAt due instant of the active clock, or {@code null} when no clock runs
 * @param acceptanceDueAt due instant of the acceptance (thụ lý) decision, or {@code null}
 * @param resolutionDueAt due instant of the resolution, or {@code null} before acceptance
 * @param escalationLevel 0 = not escalated, 1 = head of the unit, 2 = parent head, 3 = top
 * @param suspended {@code true} while the clock is paused (tạm đình chỉ)
 * @param details legal step, classification, decisions and last refusal ({@link
 *     CaseStatusDetails#NONE} when the lookup reports none)
 */
public record CaseStatusView(
    String caseId,
    String state,
    String category,
    String unitId,
    String activeClock,
    Instant dueAt,
    Instant acceptanceDueAt,
    Instant resolutionDueAt,
    int escalationLevel,
    boolean suspended,
    CaseStatusDetails details) {

  /**
   * A view without details.
   *
   * @param caseId see the record component
   * @param state see the record component
   * @param category see the record component
   * @param unitId see the record component
   * @param activeClock see the record component
   * @param dueAt see the record component
   * @param acceptanceDueAt see the record component
   * @param resolutionDueAt see the record component
   * @param escalationLevel see the record component
   * @param suspended see the record component
   */
  public CaseStatusView(
      String caseId,
      String state,
      String category,
      String unitId,
      String activeClock,
      Instant dueAt,
      Instant acceptanceDueAt,
      Instant resolutionDueAt,
      int escalationLevel,
      boolean suspended) {
    this(
        caseId,
        state,
        category,
        unitId,
        activeClock,
        dueAt,
        acceptanceDueAt,
        resolutionDueAt,
        escalationLevel,
        suspended,
        CaseStatusDetails.NONE);
  }

  /**
   * Checks the mandatory fields.
   *
   * @param caseId see the record component
   * @param state see the record component
   * @param category see the record component
   * @param unitId see the record component
   * @param activeClock see the record component
   * @param dueAt see the record component
   * @param acceptanceDueAt see the record component
   * @param resolutionDueAt see the record component
   * @param escalationLevel see the record component
   * @param suspended see the record component
   * @param details see the record component
   */
  public CaseStatusView {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(state, "state");
    details = details == null ? CaseStatusDetails.NONE : details;
    if (escalationLevel < 0) {
      throw new IllegalArgumentException("escalationLevel must be >= 0, got " + escalationLevel);
    }
  }
}
