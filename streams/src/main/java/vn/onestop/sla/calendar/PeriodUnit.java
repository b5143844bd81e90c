package vn.onestop.sla.calendar;

/**
 * The unit in which a legal or policy period is expressed.
 *
 * <ul>
 *   <li>{@link #CALENDAR_DAYS}: "ngày" — every day counts; only the last day rolls forward to a
 *       working day (Civil Code 2015 arts. 147–148).
 *   <li>{@link #WORKING_DAYS}: "ngày làm việc" — only working days of the calendar count.
 *   <li>{@link #WORKING_HOURS}: hours inside the calendar's working hours (e.g. iHanoi, QĐ
 *       1207/QĐ-UBND).
 *   <li>{@link #SECONDS}: plain elapsed seconds, no calendar; for test policies only (integration
 *       tests need deadlines seconds away). Never used by a legal rule.
 * </ul>
 */
public enum PeriodUnit {
  /** Calendar days ("ngày"). */
  CALENDAR_DAYS,
  /** Working days ("ngày làm việc") of a {@link WorkingCalendar}. */
  WORKING_DAYS,
  /** Working hours of a {@link WorkingCalendar}. */
  WORKING_HOURS,
  /** Elapsed seconds; test policies only. */
  SECONDS
}
