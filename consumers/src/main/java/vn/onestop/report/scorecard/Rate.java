package vn.onestop.report.scorecard;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A share: {@code part / whole}, kept as two whole numbers so it is exact and canonical.
 *
 * @param part numerator
 * @param whole denominator (0: no rate)
 */
public record Rate(long part, long whole) {
  /**
   * @return the percentage with one decimal, rounded half up (e.g. "66.7"), or null when {@code
   *     whole} is 0
   */
  public String percent() {
    if (whole == 0) {
      return null;
    }
    return BigDecimal.valueOf(part * 100L)
        .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
        .toPlainString();
  }

  /**
   * Exact comparison of two rates (cross-multiplied); a rate without denominator is lowest.
   *
   * @param o another rate
   * @return negative, zero or positive as this rate is below, equal to or above {@code o}
   */
  public int compareTo(Rate o) {
    if (whole == 0 || o.whole == 0) {
      return Boolean.compare(whole != 0, o.whole != 0);
    }
    return Long.compare(part * o.whole, o.part * whole);
  }
}
