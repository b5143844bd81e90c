package vn.onestop.sla.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * Running counts of one unit in one month (immutable; each change returns a copy).
 *
 * @param received Submitted events of the unit in the month
 * @param accepted Accepted events
 * @param resolved Resolved events (a case reopened and resolved again counts twice)
 * @param resolvedOnTime of those, resolved at or before the due instant of the running clock
 * @param resolutionWorkingDays working days from receipt to resolution of each resolution
 * @param ratingCount Rated events
 * @param ratingSum sum of their scores (1–5)
 * @param overdueOpenAtMonthEnd set when the month is closed; null while it is open
 */
public record MonthTally(long received, long accepted, long resolved, long resolvedOnTime,
    List<Long> resolutionWorkingDays, long ratingCount, long ratingSum, Long overdueOpenAtMonthEnd) {

  /** An empty, open month. */
  public static final MonthTally EMPTY = new MonthTally(0, 0, 0, 0, List.of(), 0, 0, null);

  /** Copies the list so the record stays immutable. */
  public MonthTally {
    resolutionWorkingDays = List.copyOf(resolutionWorkingDays);
  }

  /** @return true once the month has been closed (its month-end snapshot taken) */
  public boolean closed() {
    return overdueOpenAtMonthEnd != null;
  }

  MonthTally plusReceived() {
    return new MonthTally(received + 1, accepted, resolved, resolvedOnTime, resolutionWorkingDays, ratingCount,
        ratingSum, overdueOpenAtMonthEnd);
  }

  MonthTally plusAccepted() {
    return new MonthTally(received, accepted + 1, resolved, resolvedOnTime, resolutionWorkingDays, ratingCount,
        ratingSum, overdueOpenAtMonthEnd);
  }

  MonthTally plusResolved(boolean onTime, long workingDays) {
    List<Long> days = new ArrayList<>(resolutionWorkingDays);
    days.add(workingDays);
    return new MonthTally(received, accepted, resolved + 1, resolvedOnTime + (onTime ? 1 : 0), days, ratingCount,
        ratingSum, overdueOpenAtMonthEnd);
  }

  MonthTally plusRating(int score) {
    return new MonthTally(received, accepted, resolved, resolvedOnTime, resolutionWorkingDays, ratingCount + 1,
        ratingSum + score, overdueOpenAtMonthEnd);
  }

  MonthTally closedWith(long overdueOpen) {
    return new MonthTally(received, accepted, resolved, resolvedOnTime, resolutionWorkingDays, ratingCount, ratingSum,
        overdueOpen);
  }

  /** @return median of {@link #resolutionWorkingDays}, mean of the two middle values if even; null if none */
  public Double medianResolutionWorkingDays() {
    if (resolutionWorkingDays.isEmpty()) {
      return null;
    }
    List<Long> s = resolutionWorkingDays.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2).doubleValue() : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }

  /** @return mean score, null if no rating */
  public Double meanRating() {
    return ratingCount == 0 ? null : (double) ratingSum / ratingCount;
  }
}
