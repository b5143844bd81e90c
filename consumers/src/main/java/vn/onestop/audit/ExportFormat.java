package vn.onestop.audit;

import java.util.Locale;

/** Output format of {@code onestop audit export}. */
public enum ExportFormat {
  /** One JSON object per line (UTF-8). */
  JSONL,
  /** RFC 4180 CSV with a header row (UTF-8); nested fields in a JSON {@code details} column. */
  CSV;

  /**
   * @param s {@code jsonl} or {@code csv}, any case
   * @return the format
   * @throws IllegalArgumentException naming the option when unknown
   */
  public static ExportFormat parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("--format: expected jsonl or csv, got '" + s + "'");
    }
  }
}
