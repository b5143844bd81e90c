package vn.onestop.intake.kafka;

/**
 * Kafka (or the schema registry) did not acknowledge a write in time. The event may or may not have
 * been written: callers retry with the same event id (which the SLA engine deduplicates) or answer
 * 503 + Retry-After.
 */
public class PublishUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause underlying Kafka or registry error
   */
  public PublishUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
