package vn.onestop.intake.status;

/** The SLA engine's status store cannot answer now (not started, rebalancing, unreachable). */
public class StatusUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why the status is unavailable, shown to API clients
   */
  public StatusUnavailableException(String message) {
    super(message);
  }

  /**
   * @param message why the status is unavailable, shown to API clients
   * @param cause underlying failure
   */
  public StatusUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
