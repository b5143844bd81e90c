package vn.onestop.sla.kpi;

import java.util.Map;
import java.util.TreeMap;

/**
 * Overdue-open count of one unit: the value at the last closed month end ({@code base}) plus the
 * changes since then summed per month in which they take effect ({@code pending}, key {@code
 * YYYY-MM} local). Its size depends on the months between the last closed month end and stream
 * time, never on the number of cases or changes.
 *
 * @param base overdue open cases at the last closed month end
 * @param pending sum of the +1/-1 changes taking effect in each later month, ascending
 */
public record UnitOverdue(long base, TreeMap<String, Long> pending) {
  /** Defensive copy. */
  public UnitOverdue {
    pending = new TreeMap<>(pending);
  }

  /** No overdue case, no pending change. */
  static final UnitOverdue EMPTY = new UnitOverdue(0, new TreeMap<>());

  /**
   * @return a copy with {@code delta} added to the changes of {@code month}
   */
  UnitOverdue plus(String month, long delta) {
    TreeMap<String, Long> p = new TreeMap<>(pending);
    p.merge(month, delta, Long::sum);
    return new UnitOverdue(base, p);
  }

  /**
   * @return a copy with the changes of {@code month} and earlier folded into the base
   */
  UnitOverdue foldUpTo(String month) {
    Map<String, Long> due = pending.headMap(month, true);
    if (due.isEmpty()) {
      return this;
    }
    long b = base;
    for (long d : due.values()) {
      b += d;
    }
    return new UnitOverdue(b, new TreeMap<>(pending.tailMap(month, false)));
  }

  /**
   * @return base plus every pending change (the count now)
   */
  long now() {
    long n = base;
    for (long d : pending.values()) {
      n += d;
    }
    return n;
  }
}
