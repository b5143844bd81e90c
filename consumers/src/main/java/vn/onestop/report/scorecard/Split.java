package vn.onestop.report.scorecard;

/**
 * Figures of one category or channel within a unit-month.
 *
 * @param received cases received
 * @param resolvedInTime resolutions before or on the due day (trước hạn + đúng hạn)
 * @param resolvedLate resolutions after the due instant (quá hạn)
 * @param overdueOpen cases open and overdue at month end
 */
public record Split(
    Figure received, Figure resolvedInTime, Figure resolvedLate, Figure overdueOpen) {
  /** An empty split. */
  public static final Split NONE = new Split(Figure.NONE, Figure.NONE, Figure.NONE, Figure.NONE);

  /**
   * @return the split's on-time rate, with the unit's formula ({@link UnitMonth#onTimeRate})
   */
  public Rate onTimeRate() {
    return new Rate(
        resolvedInTime.count(),
        (long) resolvedInTime.count() + resolvedLate.count() + overdueOpen.count());
  }
}
