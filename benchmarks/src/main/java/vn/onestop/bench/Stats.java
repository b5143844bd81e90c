package vn.onestop.bench;

import java.util.Arrays;

/** Order statistics of a sample of durations or latencies (any unit; the caller names it). */
final class Stats {
  private final long[] sorted;

  /**
   * @param values the sample (copied, then sorted)
   */
  Stats(long[] values) {
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  /**
   * @return sample size
   */
  int count() {
    return sorted.length;
  }

  /**
   * Nearest-rank percentile.
   *
   * @param p percentile in (0, 100]
   * @return the value, or -1 for an empty sample
   */
  long percentile(double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * @return the median, -1 when empty
   */
  long median() {
    return percentile(50);
  }

  /**
   * @return the largest value, -1 when empty
   */
  long max() {
    return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
  }

  /**
   * @return the smallest value, -1 when empty
   */
  long min() {
    return sorted.length == 0 ? -1 : sorted[0];
  }
}
