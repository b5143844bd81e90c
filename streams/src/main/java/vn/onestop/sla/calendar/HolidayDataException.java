package vn.onestop.sla.calendar;

/**
 * Holiday data that cannot be read. The message names the source (file or resource) and the JSON
 * path of the bad field (or the line and column of a syntax error).
 */
public class HolidayDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message "source: $.path: problem"
   * @param cause the underlying parse error, or null
   */
  public HolidayDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
