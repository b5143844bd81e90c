package vn.onestop.report.scorecard;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The scorecard of one unit in one calendar month (Asia/Ho_Chi_Minh). Every figure keeps the case
 * ids behind it. Definitions and legal sources: docs/scorecard.md.
 *
 * @param unitId unit id
 * @param unitName the unit's name in the version in force on the month's last day (or its latest
 *     name when it had none then)
 * @param heads every head in office during the month with the days of the month they held it, in
 *     order of first day
 * @param headAtMonthEnd the head in office on the month's last day (the head the month is evaluated
 *     against), null when vacant or unknown
 * @param received Submitted to the unit in the month
 * @param acceptedOnTime thụ lý in the month at or before the acceptance due instant
 * @param acceptedLate thụ lý in the month after it
 * @param resolvedBeforeDue trước hạn: resolved in the month on a day before the due day
 * @param resolvedOnDueDay đúng hạn: resolved in the month on the due day, at or before the due
 *     instant (or without a running clock)
 * @param resolvedLate quá hạn: resolved in the month after the due instant
 * @param overdueOpenAtMonthEnd open at 24:00 of the last day with a running clock already due
 * @param escalations alerts of level 1 (breach), 2 and 3 decided in the month, keys 1..3
 * @param extensions extension decisions (gia hạn) in the month
 * @param extensionCalendarDays calendar days those decisions moved the due days
 * @param extensionWorkingDays working days they moved the due instants
 * @param suspensions suspensions (tạm đình chỉ) started in the month
 * @param resumptions suspensions ended in the month
 * @param suspensionCalendarDays calendar days the month's resumptions moved the due days
 * @param suspensionWorkingDays working days they moved the due instants
 * @param transfersOut transfers (chuyển đơn) by this unit to another in the month
 * @param bouncedBack transfers in the month by which this unit sent a case back to a unit that had
 *     transferred it here (A→B→A counts for B)
 * @param ratings ratings given in the month
 * @param ratingSum sum of their scores (1-5)
 * @param byCategory splits by legal category at receipt
 * @param byChannel splits by channel at receipt
 */
public record UnitMonth(
    String unitId,
    String unitName,
    List<HeadTerm> heads,
    HeadTerm headAtMonthEnd,
    Figure received,
    Figure acceptedOnTime,
    Figure acceptedLate,
    Figure resolvedBeforeDue,
    Figure resolvedOnDueDay,
    Figure resolvedLate,
    Figure overdueOpenAtMonthEnd,
    SortedMap<Integer, Figure> escalations,
    Figure extensions,
    long extensionCalendarDays,
    long extensionWorkingDays,
    Figure suspensions,
    Figure resumptions,
    long suspensionCalendarDays,
    long suspensionWorkingDays,
    Figure transfersOut,
    Figure bouncedBack,
    Figure ratings,
    long ratingSum,
    SortedMap<String, Split> byCategory,
    SortedMap<String, Split> byChannel) {

  /** Copies the collections. */
  public UnitMonth {
    heads = List.copyOf(heads);
    escalations = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(escalations));
    byCategory = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byCategory));
    byChannel = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byChannel));
  }

  /**
   * @return resolutions of the month (trước hạn + đúng hạn + quá hạn)
   */
  public long resolved() {
    return (long) resolvedBeforeDue.count() + resolvedOnDueDay.count() + resolvedLate.count();
  }

  /**
   * The on-time rate: {@code (resolvedBeforeDue + resolvedOnDueDay) / (resolved +
   * overdueOpenAtMonthEnd)}. Open overdue cases count as late, so a unit that leaves its late cases
   * open does not read 100 %.
   *
   * @return the rate (whole 0: no resolution and no overdue case)
   */
  public Rate onTimeRate() {
    return new Rate(
        (long) resolvedBeforeDue.count() + resolvedOnDueDay.count(),
        resolved() + overdueOpenAtMonthEnd.count());
  }

  /**
   * @return the cases the ranking counts for this unit: the on-time rate's denominator
   */
  public long rankedCases() {
    return onTimeRate().whole();
  }

  /**
   * @return mean rating with two decimals (e.g. "4.50"), null without ratings
   */
  public String meanRating() {
    if (ratings.count() == 0) {
      return null;
    }
    return java.math.BigDecimal.valueOf(ratingSum)
        .divide(java.math.BigDecimal.valueOf(ratings.count()), 2, java.math.RoundingMode.HALF_UP)
        .toPlainString();
  }

  /**
   * @return every figure by a stable name (the names of docs/scorecard.md and of the JSON), for
   *     comparison and drill-down
   */
  public Map<String, Figure> figures() {
    Map<String, Figure> m = new java.util.LinkedHashMap<>();
    m.put("received", received);
    m.put("acceptedOnTime", acceptedOnTime);
    m.put("acceptedLate", acceptedLate);
    m.put("resolvedBeforeDue", resolvedBeforeDue);
    m.put("resolvedOnDueDay", resolvedOnDueDay);
    m.put("resolvedLate", resolvedLate);
    m.put("overdueOpenAtMonthEnd", overdueOpenAtMonthEnd);
    escalations.forEach((l, f) -> m.put("escalationsLevel" + l, f));
    m.put("extensions", extensions);
    m.put("suspensions", suspensions);
    m.put("resumptions", resumptions);
    m.put("transfersOut", transfersOut);
    m.put("bouncedBack", bouncedBack);
    m.put("ratings", ratings);
    byCategory.forEach(
        (c, s) -> {
          m.put("category." + c + ".received", s.received());
          m.put("category." + c + ".resolvedInTime", s.resolvedInTime());
          m.put("category." + c + ".resolvedLate", s.resolvedLate());
          m.put("category." + c + ".overdueOpen", s.overdueOpen());
        });
    byChannel.forEach(
        (c, s) -> {
          m.put("channel." + c + ".received", s.received());
          m.put("channel." + c + ".resolvedInTime", s.resolvedInTime());
          m.put("channel." + c + ".resolvedLate", s.resolvedLate());
          m.put("channel." + c + ".overdueOpen", s.overdueOpen());
        });
    return m;
  }
}
