package vn.onestop.sla.calendar;

/** What a dated entry of the holiday data means for civil servants on a Monday–Friday week. */
public enum HolidayKind {
  /** A public holiday of Labour Code 2019 Art 112(1) (may fall on a weekend). */
  HOLIDAY(false),
  /** A weekday off because a holiday fell on a weekly rest day (Labour Code 2019 Art 111(3)). */
  COMPENSATORY_DAY_OFF(false),
  /**
   * A weekday off by a swap (hoán đổi) approved by the Prime Minister; paid back by a make-up day.
   */
  SWAPPED_DAY_OFF(false),
  /** A Saturday or Sunday that is a working day, to make up for a swapped day off. */
  MAKEUP_WORKING_DAY(true);

  private final boolean working;

  HolidayKind(boolean working) {
    this.working = working;
  }

  /**
   * @return true if a day of this kind is a working day
   */
  public boolean isWorkingDay() {
    return working;
  }
}
