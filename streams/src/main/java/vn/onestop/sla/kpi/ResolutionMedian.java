package vn.onestop.sla.kpi;

import java.util.Map;
import java.util.SortedMap;

/** The exact median of resolution working days given as a histogram (value → how many times). */
final class ResolutionMedian {
  private ResolutionMedian() {}

  /**
   * @param counts working days → number of resolutions with that value (counts ≥ 1), ascending
   * @return the median, mean of the two middle values for an even total; null if empty
   */
  static Double of(SortedMap<Long, Long> counts) {
    long n = 0;
    for (long c : counts.values()) {
      n += c;
    }
    if (n == 0) {
      return null;
    }
    Long lower = nth(counts, (n - 1) / 2);
    Long upper = nth(counts, n / 2);
    return n % 2 == 1 ? upper.doubleValue() : (lower + upper) / 2.0;
  }

  /**
   * @return the value at 0-based rank {@code i} of the sorted multiset
   */
  private static Long nth(SortedMap<Long, Long> counts, long i) {
    long seen = 0;
    for (Map.Entry<Long, Long> e : counts.entrySet()) {
      seen += e.getValue();
      if (i < seen) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("rank " + i + " beyond " + seen + " values");
  }
}
