package vn.onestop.intake.open311;

/** The two response formats of GeoReport v2, chosen by the path suffix. */
public enum Open311Format {
  /** {@code .json}: application/json; charset=utf-8, lists as top-level arrays. */
  JSON,
  /** {@code .xml}: text/xml; charset=utf-8, with an XML declaration. */
  XML;

  /**
   * Splits {@code name.json} / {@code name.xml}.
   *
   * @param file last path segment
   * @return the format, or null when the suffix is neither
   */
  public static Open311Format ofSuffix(String file) {
    if (file.endsWith(".json")) {
      return JSON;
    }
    if (file.endsWith(".xml")) {
      return XML;
    }
    return null;
  }

  /**
   * @param file last path segment with a known suffix
   * @return the segment without its suffix
   */
  public static String stripSuffix(String file) {
    return file.substring(0, file.lastIndexOf('.'));
  }
}
