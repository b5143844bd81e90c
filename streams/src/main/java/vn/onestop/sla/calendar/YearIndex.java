package vn.onestop.sla.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The working days and working time of one Gregorian year of one {@link WorkingCalendar}, for
 * arithmetic that jumps over whole days instead of walking them (docs/design.md, Working-day
 * index).
 *
 * <p>Days are civil dates in Asia/Ho_Chi_Minh, addressed by their index in the year ({@code
 * dayOfYear - 1}, 0..364 or 0..365). For each day the index holds: whether it is a working day for
 * day-based clocks ({@link WorkingCalendar#isWorkingDay}, a bitmap), its working windows for
 * working-hour clocks ({@link WorkingCalendar#workingHours}, which may exist on a day that is not a
 * working day, e.g. an ordinary Saturday morning), and two prefix sums: the number of working days
 * and the working time (in nanoseconds of local wall-clock time, as the day walk measures it) of
 * the days before it; and the end (24:00) of each day as a UTC instant.
 *
 * <p>Built once from the calendar's own day rules ({@link #build}); immutable and thread-safe.
 * Memory: about 9 KB per year.
 */
final class YearIndex {

  private final int year;
  private final int days;
  private final long[] workingBits;

  /** {@code workingBefore[i]}: working days among the days 0..i-1 of the year. */
  private final short[] workingBefore;

  /** {@code nanosBefore[i]}: working time of the days 0..i-1, in nanoseconds. */
  private final long[] nanosBefore;

  /** {@code endEpochSecond[i]}: {@link DeadlineArithmetic#endOf} of day i, in epoch seconds. */
  private final long[] endEpochSecond;

  /** Working windows of each day (shared list instances of the calendar). */
  private final List<WorkingWindow>[] hours;

  @SuppressWarnings("unchecked")
  private YearIndex(int year, int days) {
    this.year = year;
    this.days = days;
    this.workingBits = new long[(days + 63) >>> 6];
    this.workingBefore = new short[days + 1];
    this.nanosBefore = new long[days + 1];
    this.endEpochSecond = new long[days];
    this.hours = (List<WorkingWindow>[]) new List<?>[days];
  }

  /**
   * Builds the index of a year by asking the calendar about every day of it.
   *
   * @param cal the calendar
   * @param year Gregorian year
   * @return the index
   * @throws RuntimeException whatever the calendar throws for a day of the year (e.g. {@link
   *     IllegalArgumentException} for a year outside the holiday data)
   */
  static YearIndex build(WorkingCalendar cal, int year) {
    LocalDate d = LocalDate.ofYearDay(year, 1);
    YearIndex yi = new YearIndex(year, d.lengthOfYear());
    int working = 0;
    long nanos = 0;
    for (int i = 0; i < yi.days; i++, d = d.plusDays(1)) {
      if (cal.isWorkingDay(d)) {
        yi.workingBits[i >>> 6] |= 1L << i;
        working++;
      }
      List<WorkingWindow> windows = cal.workingHours(d);
      yi.hours[i] = windows;
      yi.endEpochSecond[i] = DeadlineArithmetic.endOf(d).getEpochSecond();
      for (WorkingWindow w : windows) {
        nanos += w.end().toNanoOfDay() - w.start().toNanoOfDay();
      }
      yi.workingBefore[i + 1] = (short) working;
      yi.nanosBefore[i + 1] = nanos;
    }
    return yi;
  }

  /**
   * @return the Gregorian year
   */
  int year() {
    return year;
  }

  /**
   * @return days in the year, 365 or 366
   */
  int days() {
    return days;
  }

  /**
   * @param i day index in the year
   * @return the civil date
   */
  LocalDate date(int i) {
    return LocalDate.ofYearDay(year, i + 1);
  }

  /**
   * @param i day index
   * @return {@link DeadlineArithmetic#endOf} of the day (24:00 Asia/Ho_Chi_Minh as a UTC instant),
   *     computed once when the index was built
   */
  Instant endOf(int i) {
    return Instant.ofEpochSecond(endEpochSecond[i]);
  }

  /**
   * @param i day index
   * @return whether the day is a working day for day-based clocks
   */
  boolean isWorkingDay(int i) {
    return (workingBits[i >>> 6] & (1L << i)) != 0;
  }

  /**
   * @param i day index 0..days
   * @return working days among the days before day {@code i}
   */
  int workingDaysBefore(int i) {
    return workingBefore[i];
  }

  /**
   * @return working days of the whole year
   */
  int workingDays() {
    return workingBefore[days];
  }

  /**
   * The k-th working day of the year (select on the prefix count, binary search).
   *
   * @param k 1..{@link #workingDays()}
   * @return its day index
   */
  int kthWorkingDay(int k) {
    // smallest i with workingBefore[i + 1] >= k
    int lo = 0;
    int hi = days - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (workingBefore[mid + 1] >= k) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * @param i day index 0..days
   * @return working time of the days before day {@code i}, in nanoseconds
   */
  long nanosBefore(int i) {
    return nanosBefore[i];
  }

  /**
   * The first day at or after {@code from} by whose end the working time counted from the start of
   * day {@code from} reaches {@code nanos}.
   *
   * @param from day index
   * @param nanos at least 1, at most the working time of days {@code from..days-1}
   * @return the day index
   */
  int dayReaching(int from, long nanos) {
    long target = nanosBefore[from] + nanos;
    // smallest i >= from with nanosBefore[i + 1] >= target
    int lo = from;
    int hi = days - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (nanosBefore[mid + 1] >= target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * @param i day index
   * @return the working windows of the day, ascending; empty on a closed day
   */
  List<WorkingWindow> hours(int i) {
    return hours[i];
  }
}
