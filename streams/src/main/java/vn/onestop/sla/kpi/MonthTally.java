package vn.onestop.sla.kpi;

/**
 * Running counters of one unit in one month (immutable; each change returns a copy). Fixed size:
 * the resolution working days for the median are kept apart, one counter per distinct value ({@link
 * KpiStore#addResolution}).
 *
 * @param received Submitted events of the unit in the month
 * @param accepted Accepted events
 * @param resolved Resolved events (a case reopened and resolved again counts twice)
 * @param resolvedOnTime of those, resolved at or before the due instant of the running clock
 * @param ratingCount Rated events
 * @param ratingSum sum of their scores (1–5)
 * @param overdueOpenAtMonthEnd set when the month is closed; null while it is open
 * @param revision 0 until a closed month is corrected by a late fact, then the number of
 *     corrections (published as {@code UnitKpi.revision})
 */
public record MonthTally(
    long received,
    long accepted,
    long resolved,
    long resolvedOnTime,
    long ratingCount,
    long ratingSum,
    Long overdueOpenAtMonthEnd,
    long revision) {

  /** An empty, open month. */
  public static final MonthTally EMPTY = new MonthTally(0, 0, 0, 0, 0, 0, null, 0);

  /**
   * @return true once the month has been closed (its month-end snapshot taken)
   */
  public boolean closed() {
    return overdueOpenAtMonthEnd != null;
  }

  MonthTally plusReceived() {
    return new MonthTally(
        received + 1,
        accepted,
        resolved,
        resolvedOnTime,
        ratingCount,
        ratingSum,
        overdueOpenAtMonthEnd,
        revision);
  }

  MonthTally plusAccepted() {
    return new MonthTally(
        received,
        accepted + 1,
        resolved,
        resolvedOnTime,
        ratingCount,
        ratingSum,
        overdueOpenAtMonthEnd,
        revision);
  }

  MonthTally plusResolved(boolean onTime) {
    return new MonthTally(
        received,
        accepted,
        resolved + 1,
        resolvedOnTime + (onTime ? 1 : 0),
        ratingCount,
        ratingSum,
        overdueOpenAtMonthEnd,
        revision);
  }

  MonthTally plusRating(int score) {
    return new MonthTally(
        received,
        accepted,
        resolved,
        resolvedOnTime,
        ratingCount + 1,
        ratingSum + score,
        overdueOpenAtMonthEnd,
        revision);
  }

  MonthTally closedWith(long overdueOpen) {
    return new MonthTally(
        received,
        accepted,
        resolved,
        resolvedOnTime,
        ratingCount,
        ratingSum,
        overdueOpen,
        revision);
  }

  /** The next revision of a closed month being corrected. */
  MonthTally revised() {
    return new MonthTally(
        received,
        accepted,
        resolved,
        resolvedOnTime,
        ratingCount,
        ratingSum,
        overdueOpenAtMonthEnd,
        revision + 1);
  }

  /**
   * @return mean score, null if no rating
   */
  public Double meanRating() {
    return ratingCount == 0 ? null : (double) ratingSum / ratingCount;
  }
}
