package vn.onestop.infra;

/**
 * Thrown when local infrastructure (the in-process Kafka broker, the Apicurio Registry child
 * process, or the Testcontainers/external stack) cannot be started, reached or stopped. The message
 * names what failed, the address or file involved and, for a child process, the tail of its log.
 */
public class InfraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, with the address, file or time limit involved
   */
  public InfraException(String message) {
    super(message);
  }

  /**
   * @param message what failed, with the address, file or time limit involved
   * @param cause the underlying error
   */
  public InfraException(String message, Throwable cause) {
    super(message, cause);
  }
}
