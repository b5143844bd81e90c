package vn.onestop.intake.importer;

import java.util.regex.Pattern;

/**
 * A row that cannot be imported: impossible or unreadable data is rejected, never guessed. {@link
 * #reason()} is a short fixed category (counted in the report); {@link #getMessage()} adds the
 * detail (column, and the value only when {@link #quoted} judges it safe to show).
 *
 * <p>The detail goes to the reject file and the import report, which are not protected like the
 * log: a malformed row may carry a denouncer's name or a description in any column (shifted
 * columns), so a value is echoed only when it looks like a number, date or time (at least one digit
 * and nothing but digits, {@code T Z A M P}, separators and spaces, at most 40 characters);
 * anything else is described by its length only.
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

  private static final Pattern SAFE = Pattern.compile("[0-9TZAPM:+\\-./, ]{1,40}");

  /**
   * @param raw a raw value of the row, may be null
   * @return {@code '2025-13-01'} for a value that looks like a number, date or time; otherwise
   *     {@code <a value of N characters, not shown>}, so no name or text reaches the reject file
   */
  public static String quoted(String raw) {
    if (raw == null) {
      return "<empty>";
    }
    if (SAFE.matcher(raw).matches() && raw.chars().anyMatch(Character::isDigit)) {
      return "'" + raw + "'";
    }
    return "<a value of " + raw.codePointCount(0, raw.length()) + " characters, not shown>";
  }

  private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9][a-z0-9._:/-]{0,63}");

  /**
   * @param raw a raw id of the row (unit id), may be null
   * @return {@code 'hn-hoan-kiem'} for a lower-case ASCII id; otherwise as {@link #quoted}
   */
  public static String quotedId(String raw) {
    return raw != null && SAFE_ID.matcher(raw).matches() ? "'" + raw + "'" : quoted(raw);
  }

  /**
   * @return the short category
   */
  public String reason() {
    return reason;
  }
}
