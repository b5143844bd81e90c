package vn.onestop.sla.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * KPI state of one unit: month tallies (key {@code YYYY-MM}), the number of its overdue open cases at
 * the last closed month end, and the overdue changes since then. Its size depends on the months kept
 * and the changes of one month, never on the number of open cases.
 *
 * @param unitId unit id
 * @param months tallies by month, ascending
 * @param overdueBase overdue open cases at the last closed month end
 * @param deltas overdue changes after it, in arrival order
 */
public record UnitLedger(String unitId, TreeMap<String, MonthTally> months, long overdueBase, List<OverdueDelta> deltas) {
  /** Defensive copies. */
  public UnitLedger {
    months = new TreeMap<>(months);
    deltas = List.copyOf(deltas);
  }

  /** @return an empty ledger of a unit */
  static UnitLedger empty(String unitId) {
    return new UnitLedger(unitId, new TreeMap<>(), 0, List.of());
  }

  MonthTally tally(String month) {
    return months.getOrDefault(month, MonthTally.EMPTY);
  }

  UnitLedger withTally(String month, MonthTally t) {
    TreeMap<String, MonthTally> m = new TreeMap<>(months);
    m.put(month, t);
    return new UnitLedger(unitId, m, overdueBase, deltas);
  }

  UnitLedger withDelta(OverdueDelta d) {
    List<OverdueDelta> l = new ArrayList<>(deltas);
    l.add(d);
    return new UnitLedger(unitId, months, overdueBase, l);
  }

  /** Folds the deltas before {@code endMillis} into the base; returns the new ledger. */
  UnitLedger foldBefore(long endMillis) {
    long base = overdueBase;
    List<OverdueDelta> rest = new ArrayList<>();
    for (OverdueDelta d : deltas) {
      if (d.atMillis() < endMillis) {
        base += d.delta();
      } else {
        rest.add(d);
      }
    }
    return new UnitLedger(unitId, months, base, rest);
  }

  UnitLedger withMonths(Map<String, MonthTally> m) {
    return new UnitLedger(unitId, new TreeMap<>(m), overdueBase, deltas);
  }
}
