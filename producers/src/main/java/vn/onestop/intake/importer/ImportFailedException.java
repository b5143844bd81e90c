package vn.onestop.intake.importer;

/**
 * The import could not finish: a file is unreadable (nothing written), or some events were not
 * acknowledged by Kafka. Running the same import again completes it: events already written are
 * skipped by id.
 */
public class ImportFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the file and line or the number of unacknowledged events
   * @param cause underlying error
   */
  public ImportFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
