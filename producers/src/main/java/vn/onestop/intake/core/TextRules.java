package vn.onestop.intake.core;

/**
 * Shape rules for free text: valid Unicode (no unpaired surrogates, which would not survive UTF-8),
 * no control characters other than tab and line breaks, and a length limit in Unicode code points
 * (a precomposed Vietnamese letter such as "ệ" counts as one).
 */
public final class TextRules {
  private TextRules() {}

  /**
   * @param s the text
   * @param maxChars maximum number of code points
   * @return null when the text is acceptable, otherwise the problem
   */
  public static String check(String s, int maxChars) {
    int count = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.isSurrogate((char) cp)) {
        return "contains an unpaired UTF-16 surrogate at index " + i + " (not valid Unicode)";
      }
      if (Character.isISOControl(cp) && cp != '\n' && cp != '\r' && cp != '\t') {
        return "contains control character U+" + String.format("%04X", cp) + " at index " + i;
      }
      count++;
      i += Character.charCount(cp);
    }
    if (count > maxChars) {
      return "must be at most " + maxChars + " characters, got " + count;
    }
    return null;
  }

  /**
   * @param s a value to quote in an error message
   * @return at most 40 characters of it
   */
  public static String preview(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
