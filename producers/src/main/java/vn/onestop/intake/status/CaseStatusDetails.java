package vn.onestop.intake.status;

import java.time.Instant;
import java.util.List;

/**
 * What the SLA engine knows about a case beyond its clock (part of {@link CaseStatusView}): the
 * legal step, classification, policy, life-cycle instants, clock decisions and the last refused
 * event. No personal data (the engine holds none). Instants are UTC.
 *
 * @param complaintLevel khiếu nại level (1 lần đầu, 2 lần hai), or null
 * @param complexity complexity symbol (NORMAL, COMPLEX, ESPECIALLY_COMPLEX), or null
 * @param legalStep TIEP_NHAN, THU_LY, TAM_DINH_CHI, DA_GIAI_QUYET, KHONG_THU_LY or RUT_DON (a case
 *     in state ASSIGNED that was accepted is THU_LY)
 * @param policyId SLA policy applied, or null
 * @param legalBasis law and article of the active period, or null
 * @param officerId assigned case officer, or null
 * @param receivedAt receipt instant (tiếp nhận), or null
 * @param acceptedAt thụ lý instant, or null
 * @param resolvedAt latest resolution instant, or null
 * @param closedAt rejection or withdrawal instant, or null
 * @param outcome Outcome symbol of the latest resolution, or null
 * @param nextAlertAt next instant an alert becomes due, or null
 * @param decisions extension, suspension and resumption decisions, oldest first
 * @param lastRefusal the latest event the engine refused, or null
 * @param appliedEventIds ids of the events the engine applied to the case
 */
public record CaseStatusDetails(
    Integer complaintLevel,
    String complexity,
    String legalStep,
    String policyId,
    String legalBasis,
    String officerId,
    Instant receivedAt,
    Instant acceptedAt,
    Instant resolvedAt,
    Instant closedAt,
    String outcome,
    Instant nextAlertAt,
    List<ClockDecision> decisions,
    Refusal lastRefusal,
    List<String> appliedEventIds) {

  /** Nothing known beyond the clock (a lookup that does not report details). */
  public static final CaseStatusDetails NONE =
      new CaseStatusDetails(
          null, null, null, null, null, null, null, null, null, null, null, null, List.of(), null,
          List.of());

  /**
   * Copies the lists.
   *
   * @param complaintLevel see the record description
   * @param complexity see the record description
   * @param legalStep see the record description
   * @param policyId see the record description
   * @param legalBasis see the record description
   * @param officerId see the record description
   * @param receivedAt see the record description
   * @param acceptedAt see the record description
   * @param resolvedAt see the record description
   * @param closedAt see the record description
   * @param outcome see the record description
   * @param nextAlertAt see the record description
   * @param decisions see the record description
   * @param lastRefusal see the record description
   * @param appliedEventIds see the record description
   */
  public CaseStatusDetails {
    decisions = decisions == null ? List.of() : List.copyOf(decisions);
    appliedEventIds = appliedEventIds == null ? List.of() : List.copyOf(appliedEventIds);
  }

  /**
   * A written decision that changed the resolution clock.
   *
   * @param kind EXTENSION (gia hạn), SUSPENSION (tạm đình chỉ) or RESUMPTION
   * @param decisionNumber number of the decision, or null
   * @param decidedAt occurredAt of the event recording it (UTC)
   * @param days calendar days added by an extension, or null
   */
  public record ClockDecision(
      String kind, String decisionNumber, Instant decidedAt, Integer days) {}

  /**
   * An event the engine refused.
   *
   * @param eventId id of the refused event
   * @param action payload type, e.g. Accepted
   * @param reason the engine's reason (names the state and the legal rule)
   * @param occurredAt occurredAt of the refused event (UTC)
   */
  public record Refusal(String eventId, String action, String reason, Instant occurredAt) {}
}
