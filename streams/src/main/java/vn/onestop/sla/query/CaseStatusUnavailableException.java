package vn.onestop.sla.query;

/**
 * The case store cannot be queried right now: the engine is starting, restoring its stores or
 * rebalancing (Kafka Streams state other than RUNNING, or an {@code InvalidStateStoreException}).
 * Transient: retry later (the intake API answers 503 with Retry-After).
 */
public final class CaseStatusUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is unavailable and why
   * @param cause the Kafka Streams exception, if any
   */
  public CaseStatusUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
