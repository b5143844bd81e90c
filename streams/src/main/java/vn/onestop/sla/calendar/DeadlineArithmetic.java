package vn.onestop.sla.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Deadline arithmetic on a {@link WorkingCalendar}, after the Civil Code 2015 (Bộ luật Dân sự)
 * arts. 147–148. Inputs and outputs are UTC {@link Instant}s; days are civil dates in {@link
 * Calendars#ZONE}.
 *
 * <p><b>Day of an instant.</b> A period "ends at 24:00 of its last day" (art. 148); this class
 * represents 24:00 of day D as the instant 00:00 of D+1. To keep that instant on D, the <em>day of
 * an instant</em> is its local date, except that an instant at exactly 00:00:00 local belongs to
 * the previous day. So an end-of-period instant and any event during day D both belong to D, and
 * {@code dueAt}/{@code addWorkingDays} can be chained from a due instant (an extension runs from
 * the day after the old last day). An event recorded at exactly midnight is thus treated as at
 * 24:00 of the day before.
 *
 * <p><b>Rules.</b>
 *
 * <ul>
 *   <li>{@link PeriodUnit#CALENDAR_DAYS}: the day of the event is not counted (art. 147(1)); the
 *       period ends at 24:00 of its n-th day; if that day is a rest day of the calendar (weekly
 *       rest day or holiday), it ends at 24:00 of the next working day (art. 148(2)–(3)). Rest days
 *       inside the period count.
 *   <li>{@link PeriodUnit#WORKING_DAYS}: counting starts the day after the event; only working days
 *       count; ends at 24:00 of the n-th working day.
 *   <li>{@link PeriodUnit#WORKING_HOURS}: working time is added from the event instant inside the
 *       calendar's working windows (an event outside them counts from the next opening); the result
 *       is the instant the last hour is completed (e.g. 12:00, not 13:00).
 *   <li>{@link PeriodUnit#SECONDS}: plain elapsed seconds (test policies only).
 * </ul>
 *
 * <p><b>Implementation.</b> {@link #addWorkingDays}, {@link #workingDaysBetween}, {@link
 * #addWorkingTime} and {@link #workingTimeBetween} answer from a per-year index of the calendar
 * (bitmap and prefix counts of working days, prefix sums of working time per day; built lazily per
 * calendar and year) in O(years spanned + log 366) per call; only the partial first and last day go
 * through the window logic. Years outside the holiday data (or outside 1900–2411) use the
 * day-by-day walk, the reference the index is proven equal to by property tests (docs/design.md,
 * Working-day index).
 *
 * <p>All methods are pure and thread-safe.
 */
public final class DeadlineArithmetic {

  private DeadlineArithmetic() {}

  /**
   * The due instant of a period that starts with an event at {@code start}.
   *
   * @param start instant of the triggering event (receipt, thụ lý, ...)
   * @param p the period
   * @param cal the working calendar of the handling unit
   * @return the instant at which the period expires (for day units: 00:00 local of the day after
   *     the last day, i.e. 24:00 of the last day)
   * @throws NullPointerException if an argument is null
   */
  public static Instant dueAt(Instant start, Period p, WorkingCalendar cal) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(p, "period");
    Objects.requireNonNull(cal, "calendar");
    return switch (p.unit()) {
      case CALENDAR_DAYS -> endOfCalendarDays(dayOf(start), p.amount(), cal);
      case WORKING_DAYS -> addWorkingDays(start, p.amount(), cal);
      case WORKING_HOURS -> addWorkingTime(start, Duration.ofHours(p.amount()), cal);
      case SECONDS -> start.plusSeconds(p.amount());
    };
  }

  /**
   * The due instant after a suspension (tạm đình chỉ) ends: the suspended time is not counted (Luật
   * Tố cáo 2018 Art 34; Luật Khiếu nại as amended, in force 01/07/2026).
   *
   * <p>Rule: the part of the period still remaining at the suspension is counted again from the
   * resumption, in the period's unit:
   *
   * <ul>
   *   <li>CALENDAR_DAYS: r = the number of days after the day of {@code suspendedAt} up to and
   *       including the day of {@code dueBeforeSuspension} (whole days; the partly used suspension
   *       day counts as used). New due = 24:00 of the r-th day after the day of {@code resumedAt}
   *       (the resumption day is not counted; r = 0 gives 24:00 of the resumption day), rolled
   *       forward to a working day. If the old due date had itself been rolled forward past rest
   *       days, those days are part of r (the old nominal last day is not recoverable from the due
   *       instant).
   *   <li>WORKING_DAYS: r = {@link #workingDaysBetween}(suspendedAt, due); new due = {@link
   *       #addWorkingDays}(resumedAt, r).
   *   <li>WORKING_HOURS: r = the exact working time between suspension and due (no rounding); new
   *       due = resumedAt plus r of working time.
   *   <li>SECONDS: r = the exact elapsed time between suspension and due.
   * </ul>
   *
   * A case suspended at or after its due instant was already overdue: the due instant is returned
   * unchanged (a suspension does not revive an expired period).
   *
   * @param dueBeforeSuspension the due instant in force when the case was suspended
   * @param suspendedAt instant of the suspension decision
   * @param resumedAt instant of the resumption, not before {@code suspendedAt}
   * @param p the period being counted (gives the unit; its amount is not a cap because extensions
   *     may have lengthened it)
   * @param cal the working calendar
   * @return the new due instant
   * @throws IllegalArgumentException if {@code resumedAt} is before {@code suspendedAt}
   */
  public static Instant resumedDueAt(
      Instant dueBeforeSuspension,
      Instant suspendedAt,
      Instant resumedAt,
      Period p,
      WorkingCalendar cal) {
    Objects.requireNonNull(dueBeforeSuspension, "dueBeforeSuspension");
    Objects.requireNonNull(suspendedAt, "suspendedAt");
    Objects.requireNonNull(resumedAt, "resumedAt");
    Objects.requireNonNull(p, "period");
    Objects.requireNonNull(cal, "calendar");
    if (resumedAt.isBefore(suspendedAt)) {
      throw new IllegalArgumentException(
          "resumedAt " + resumedAt + " is before suspendedAt " + suspendedAt);
    }
    if (!suspendedAt.isBefore(dueBeforeSuspension)) {
      return dueBeforeSuspension;
    }
    return switch (p.unit()) {
      case CALENDAR_DAYS -> {
        long r = ChronoUnit.DAYS.between(dayOf(suspendedAt), dayOf(dueBeforeSuspension));
        yield endOfCalendarDays(dayOf(resumedAt), Math.toIntExact(Math.max(0, r)), cal);
      }
      case WORKING_DAYS ->
          addWorkingDays(
              resumedAt,
              Math.toIntExact(workingDaysBetween(suspendedAt, dueBeforeSuspension, cal)),
              cal);
      case WORKING_HOURS ->
          addWorkingTime(resumedAt, workingTimeBetween(suspendedAt, dueBeforeSuspension, cal), cal);
      case SECONDS -> resumedAt.plus(Duration.between(suspendedAt, dueBeforeSuspension));
    };
  }

  /**
   * Whole working days after the day of {@code a} up to and including the day of {@code b} (days of
   * instants as defined in the class comment). Used for "level 2 after N working days overdue" and
   * for KPI durations in working days.
   *
   * @param a earlier instant (UTC); its day is taken in Asia/Ho_Chi_Minh
   * @param b later instant (UTC); its day is taken in Asia/Ho_Chi_Minh
   * @param cal the working calendar (day-based working days: {@link WorkingCalendar#isWorkingDay})
   * @return the count in working days (not calendar days), 0 if {@code b <= a}
   * @throws IllegalArgumentException if a day in between is in a year the holiday data cannot
   *     decide
   */
  public static long workingDaysBetween(Instant a, Instant b, WorkingCalendar cal) {
    return IndexedArithmetic.workingDaysBetween(a, b, cal);
  }

  /**
   * The end (24:00) of the n-th working day after the day of {@code from}.
   *
   * @param from an instant (UTC; an event, or a due instant); its day is taken in Asia/Ho_Chi_Minh
   * @param n number of working days (not calendar days), at least 0; 0 gives the end of the day of
   *     {@code from} if it is a working day, otherwise the end of the next working day
   * @param cal the working calendar
   * @return 00:00 Asia/Ho_Chi_Minh of the day after that working day, as a UTC instant
   * @throws IllegalArgumentException if n is negative, or the count reaches a year the holiday data
   *     cannot decide
   */
  public static Instant addWorkingDays(Instant from, int n, WorkingCalendar cal) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    return IndexedArithmetic.addWorkingDays(from, n, cal);
  }

  /**
   * The end (24:00) of the n-th working day before the day of {@code due}; e.g. "one working day
   * before the due date" for a due of 24:00 Friday is 24:00 Thursday (= 00:00 Friday).
   *
   * @param due a due instant
   * @param n working days, at least 1
   * @param cal the working calendar
   * @return the instant
   * @throws IllegalArgumentException if n is less than 1
   */
  public static Instant workingDaysBefore(Instant due, int n, WorkingCalendar cal) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    LocalDate d = dayOf(due);
    for (int i = 0; i < n; i++) {
      d = cal.previousWorkingDay(d);
    }
    return endOf(d);
  }

  /**
   * Adds working time from {@code start}, counting only the calendar's working windows.
   *
   * @param start instant (UTC) to count from (outside working hours: from the next opening);
   *     windows are Asia/Ho_Chi_Minh wall-clock times
   * @param amount non-negative working time (time inside windows, not elapsed time)
   * @param cal the working calendar
   * @return the UTC instant at which {@code amount} of working time has elapsed (a window end, e.g.
   *     12:00, if the amount ends exactly there; {@code amount = 0} gives {@code start} inside a
   *     window, otherwise the next opening)
   * @throws IllegalArgumentException if amount is negative, or the count reaches a year the holiday
   *     data cannot decide
   * @throws IllegalStateException if the amount is not reached within 40 000 calendar days
   */
  public static Instant addWorkingTime(Instant start, Duration amount, WorkingCalendar cal) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("working time must not be negative, was " + amount);
    }
    return IndexedArithmetic.addWorkingTime(start, amount, cal);
  }

  /**
   * Working time inside the calendar's working windows between two instants.
   *
   * @param a start instant (UTC)
   * @param b end instant (UTC)
   * @param cal the working calendar (windows in Asia/Ho_Chi_Minh wall-clock time)
   * @return the working time (time inside windows, exact to the nanosecond), {@link Duration#ZERO}
   *     if {@code b <= a}
   * @throws IllegalArgumentException if a day in between is in a year the holiday data cannot
   *     decide
   */
  public static Duration workingTimeBetween(Instant a, Instant b, WorkingCalendar cal) {
    return IndexedArithmetic.workingTimeBetween(a, b, cal);
  }

  /**
   * The instant at a fraction of the time between {@code start} and {@code due} (e.g. 0.75 for a
   * warning at 75 % of the period). Plain elapsed-time arithmetic, not working time: {@code start +
   * floor(fraction * (due - start))}, in whole milliseconds.
   *
   * @param start start of the period
   * @param due due instant, not before start
   * @param fraction 0.0..1.0
   * @return the instant
   * @throws IllegalArgumentException if fraction is outside [0, 1] or not a number, or due is
   *     before start
   */
  public static Instant atFraction(Instant start, Instant due, double fraction) {
    if (!(fraction >= 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("fraction must be within [0, 1], was " + fraction);
    }
    if (due.isBefore(start)) {
      throw new IllegalArgumentException("due " + due + " is before start " + start);
    }
    long millis = Duration.between(start, due).toMillis();
    return start.plusMillis((long) Math.floor(millis * fraction));
  }

  /**
   * The civil date an instant belongs to, with 00:00:00 local read as 24:00 of the previous day.
   *
   * @param t an instant
   * @return its day in Asia/Ho_Chi_Minh
   */
  public static LocalDate dayOf(Instant t) {
    ZonedDateTime z = t.atZone(Calendars.ZONE);
    return z.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? z.toLocalDate().minusDays(1)
        : z.toLocalDate();
  }

  /**
   * @param day a civil date
   * @return 24:00 of that day in Asia/Ho_Chi_Minh (= 00:00 of the next day) as an instant
   */
  public static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(Calendars.ZONE).toInstant();
  }

  private static Instant endOfCalendarDays(LocalDate eventDay, int days, WorkingCalendar cal) {
    LocalDate last = eventDay.plusDays(days);
    if (!cal.isWorkingDay(last)) {
      last = cal.nextWorkingDay(last);
    }
    return endOf(last);
  }
}
