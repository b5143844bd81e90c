package vn.onestop.intake.importer;

/**
 * The import could not finish: Kafka did not take the run's transaction (broker unavailable, a
 * record refused, the transaction timed out). The transaction is aborted, so nothing of the run is
 * visible to read_committed readers; running the same import again writes it (events of earlier
 * committed runs are skipped by id).
 */
public class ImportFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, with the first Kafka error
   * @param cause underlying error
   */
  public ImportFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
