package vn.onestop.bench;

import java.util.Locale;

/**
 * The verdict printed beside a figure that has a target: a target is stated for one size (10^6
 * events, 10^6 open cases, the 10^6-case log), and a run at a smaller size neither meets nor misses
 * it — the costs that a target bounds (RocksDB depth, KPI ledgers, GC) grow with the size.
 */
final class Verdict {
  private Verdict() {}

  /**
   * @param met whether the figure reaches the target at this run's size
   * @param size the run's size (events or cases, the unit of {@code targetScale})
   * @param targetScale the size the target is stated for, same unit
   * @return {@code "met"} or {@code "MISSED"} when {@code size >= targetScale}, else {@code "not
   *     judged (size N < target scale M)"} with both numbers grouped by thousands
   */
  static String judge(boolean met, long size, long targetScale) {
    if (size < targetScale) {
      return String.format(
          Locale.ROOT, "not judged (size %,d < target scale %,d)", size, targetScale);
    }
    return met ? "met" : "MISSED";
  }
}
