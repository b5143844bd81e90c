package vn.onestop.intake.importer;

/** Maps rows of one source format to cases. Implementations are pure (no Kafka). */
public interface ImportProfile {

  /**
   * @return profile name: {@code native}, {@code boston311} or {@code nyc311}
   */
  String name();

  /**
   * @param row one row
   * @return the case facts
   * @throws RowRejected when the row is impossible or unreadable (missing id, unparseable or
   *     inconsistent dates, ...)
   */
  MappedCase map(SourceRow row) throws RowRejected;

  /**
   * @return columns every CSV header of this profile must have; a file without them is refused
   *     before anything is written (a wrong {@code --profile} otherwise rejects every row one by
   *     one)
   */
  default java.util.List<String> requiredColumns() {
    return java.util.List.of();
  }

  /**
   * @return the sourceSystem written in events: {@code hotline-import:<name>}
   */
  default String sourceSystem() {
    return "hotline-import:" + name();
  }

  /**
   * @param sourceId source record id
   * @return the case id
   */
  default String caseId(String sourceId) {
    return name() + "-" + sourceId;
  }
}
