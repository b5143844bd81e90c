package vn.onestop.intake.importer;

import java.util.Map;

/**
 * One row of an import file.
 *
 * @param file file name (for messages and the reject file)
 * @param line 1-based line number where the row starts
 * @param fields column name to raw value ({@code ""} for empty cells)
 */
public record SourceRow(String file, long line, Map<String, String> fields) {

  /**
   * @param column column name
   * @return the trimmed value, or null when absent or blank
   */
  public String get(String column) {
    String v = fields.get(column);
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  /**
   * @return {@code file:line}
   */
  public String where() {
    return file + ":" + line;
  }
}
