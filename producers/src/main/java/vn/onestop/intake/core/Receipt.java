package vn.onestop.intake.core;

/**
 * What the intake answers after Kafka acknowledged a write.
 *
 * @param caseId case id
 * @param trackingCode code for the citizen
 * @param eventId id of the written event
 * @param replayed true when an Idempotency-Key matched an earlier request and nothing was written
 */
public record Receipt(String caseId, String trackingCode, String eventId, boolean replayed) {

  /**
   * @return this receipt marked as a replay
   */
  public Receipt asReplay() {
    return new Receipt(caseId, trackingCode, eventId, true);
  }
}
