package vn.onestop.intake.importer;

/**
 * A row that cannot be imported: impossible or unreadable data is rejected, never guessed. {@link
 * #reason()} is a short fixed category (counted in the report); {@link #getMessage()} adds the
 * detail (column and value).
 */
public final class RowRejected extends Exception {
  private static final long serialVersionUID = 1L;

  /** Short category of the rejection. */
  private final String reason;

  /**
   * @param reason short category, e.g. {@code closed before opened}
   * @param detail column and value
   */
  public RowRejected(String reason, String detail) {
    super(reason + ": " + detail, null, false, false);
    this.reason = reason;
  }

  /**
   * @return the short category
   */
  public String reason() {
    return reason;
  }
}
