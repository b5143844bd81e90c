package vn.onestop.sla.calendar;

/**
 * How well a data entry is sourced (legend of docs/law.md): [V] verified, [S] secondary, [U]
 * unverified / inferred.
 */
public enum SourceStatus {
  /** [V] the cited page quotes or states it explicitly. */
  VERIFIED("V"),
  /** [S] stated by a weaker source (mirror, news summary) or only implied. */
  SECONDARY("S"),
  /** [U] from background knowledge or computed from the law; no announcement found. */
  UNVERIFIED("U");

  private final String code;

  SourceStatus(String code) {
    this.code = code;
  }

  /**
   * @return the one-letter code used in data files: V, S or U
   */
  public String code() {
    return code;
  }

  /**
   * @param code V, S or U (case-insensitive, brackets allowed: "[V]")
   * @return the status
   * @throws IllegalArgumentException for any other value
   */
  public static SourceStatus ofCode(String code) {
    String c = code == null ? "" : code.trim().replace("[", "").replace("]", "");
    for (SourceStatus s : values()) {
      if (s.code.equalsIgnoreCase(c)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status must be V, S or U, was '" + code + "'");
  }
}
