package vn.onestop.intake.core;

/**
 * A write the intake refuses before anything is sent to Kafka. The HTTP layers map the kinds to
 * status codes (409, 404, 503).
 */
public final class IntakeRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the write was refused. */
  public enum Kind {
    /** The Idempotency-Key was used before with a different body (409). */
    IDEMPOTENCY_CONFLICT,
    /** The case id is unknown to the read model (404). */
    UNKNOWN_CASE,
    /** The read model is still loading case-events (503). */
    NOT_READY
  }

  /** Why the write was refused. */
  private final Kind kind;

  /**
   * @param kind why
   * @param message explanation for the client (no personal data)
   */
  public IntakeRefusal(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /**
   * @return why the write was refused
   */
  public Kind kind() {
    return kind;
  }
}
