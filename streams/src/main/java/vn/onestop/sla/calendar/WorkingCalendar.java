package vn.onestop.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A working-day and working-hour calendar of one kind of office, in {@link Calendars#ZONE}.
 *
 * <p>Day rules, in order:
 *
 * <ol>
 *   <li>an entry of the holiday data decides: a {@link HolidayKind#MAKEUP_WORKING_DAY} is a working
 *       day; a holiday, compensatory day off or swapped day off is a rest day (also for
 *       Saturday-morning counters);
 *   <li>Monday–Friday are working days;
 *   <li>Saturday is a rest day, except that a calendar with Saturday-morning hours may be
 *       configured to count it as a working day for day-based clocks ({@link
 *       #saturdayCountsAsWorkingDay()}, default false: Saturday mornings then count only for
 *       working-HOUR clocks — an open policy question, docs/law.md, OQ6);
 *   <li>Sunday is a rest day.
 * </ol>
 *
 * Hours: a working day has 08:00–12:00 and 13:00–17:00 (configurable); a Saturday that is not a
 * holiday has the Saturday-morning windows if the calendar has any (default 08:00–12:00).
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkingCalendar {

  private static final int MAX_SCAN_DAYS = 3700;

  private final String id;
  private final HolidayCalendarData holidays;
  private final List<WorkingWindow> weekdayHours;
  private final List<WorkingWindow> saturdayHours;

  /** Year → working-day bitmap ({@link #yearBits}); filled lazily, never changed. */
  private final java.util.concurrent.ConcurrentHashMap<Integer, long[]> workingDays =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final boolean saturdayCountsAsWorkingDay;

  /** First year the working-day index ({@link #yearIndex}) may cover. */
  static final int INDEX_FIRST_YEAR = 1900;

  /** Last year the working-day index may cover. */
  static final int INDEX_LAST_YEAR = 2411;

  /** Marks a year of the index range whose index cannot be built (outside the holiday data). */
  private static final Object NO_INDEX = new Object();

  /**
   * Year - {@link #INDEX_FIRST_YEAR} → {@link YearIndex}, or {@link #NO_INDEX}; each slot is set
   * once, lazily.
   */
  private final java.util.concurrent.atomic.AtomicReferenceArray<Object> yearIndexes =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(
          INDEX_LAST_YEAR - INDEX_FIRST_YEAR + 1);

  private WorkingCalendar(Builder b) {
    this.id = b.id;
    this.holidays = b.holidays;
    this.weekdayHours = List.copyOf(b.weekdayHours);
    this.saturdayHours = List.copyOf(b.saturdayHours);
    this.saturdayCountsAsWorkingDay = b.saturdayCountsAsWorkingDay;
    checkWindows(weekdayHours, "weekday");
    checkWindows(saturdayHours, "Saturday");
    if (weekdayHours.isEmpty()) {
      throw new IllegalArgumentException("calendar " + id + ": weekday working hours are empty");
    }
    if (saturdayCountsAsWorkingDay && saturdayHours.isEmpty()) {
      throw new IllegalArgumentException(
          "calendar " + id + ": Saturday cannot count as a working day without Saturday hours");
    }
  }

  /**
   * @param id calendar id, e.g. {@code vn-civil-service}
   * @param holidays the holiday data to apply
   * @return a builder with the defaults: weekday hours 08:00–12:00 and 13:00–17:00, no Saturday
   *     hours
   */
  public static Builder builder(String id, HolidayCalendarData holidays) {
    return new Builder(id, holidays);
  }

  /**
   * @return the calendar id (referenced by org units and SLA policies)
   */
  public String id() {
    return id;
  }

  /**
   * @return always {@link Calendars#ZONE} (Asia/Ho_Chi_Minh)
   */
  public ZoneId zone() {
    return Calendars.ZONE;
  }

  /**
   * @return the holiday data this calendar applies
   */
  public HolidayCalendarData holidays() {
    return holidays;
  }

  /**
   * @return true if the counters of this calendar open on Saturday mornings
   */
  public boolean hasSaturdayHours() {
    return !saturdayHours.isEmpty();
  }

  /**
   * @return true if a (non-holiday) Saturday counts as a working day for day-based clocks
   */
  public boolean saturdayCountsAsWorkingDay() {
    return saturdayCountsAsWorkingDay;
  }

  /**
   * Whether a civil date is a working day ("ngày làm việc") for day-based clocks.
   *
   * @param date civil date in Asia/Ho_Chi_Minh
   * @return true for a working day
   */
  public boolean isWorkingDay(LocalDate date) {
    long[] bits = workingDays.computeIfAbsent(date.getYear(), this::yearBits);
    int i = date.getDayOfYear() - 1;
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  /**
   * Working days of a year as a bitmap (bit {@code dayOfYear - 1}), computed once per year from
   * {@link #computeIsWorkingDay}: day-based clocks ask for the same few years millions of times.
   */
  private long[] yearBits(int year) {
    long[] bits = new long[6];
    LocalDate d = LocalDate.ofYearDay(year, 1);
    int days = d.lengthOfYear();
    for (int i = 0; i < days; i++, d = d.plusDays(1)) {
      if (computeIsWorkingDay(d)) {
        bits[i >>> 6] |= 1L << i;
      }
    }
    return bits;
  }

  /**
   * The working-day index of a year (docs/design.md, Working-day index), built on first use and
   * then shared by all threads.
   *
   * @param year Gregorian year
   * @return the index, or null if the year is outside {@link #INDEX_FIRST_YEAR}..{@link
   *     #INDEX_LAST_YEAR} or outside the holiday data (its days cannot be decided): callers then
   *     use the day walk, which fails exactly as before
   */
  YearIndex yearIndex(int year) {
    if (year < INDEX_FIRST_YEAR || year > INDEX_LAST_YEAR) {
      return null;
    }
    int slot = year - INDEX_FIRST_YEAR;
    Object o = yearIndexes.get(slot);
    if (o == null) {
      Object built;
      try {
        built = YearIndex.build(this, year);
      } catch (RuntimeException e) {
        built = NO_INDEX;
      }
      yearIndexes.compareAndSet(slot, null, built);
      o = yearIndexes.get(slot);
    }
    return o == NO_INDEX ? null : (YearIndex) o;
  }

  /** The rule itself: announced or computed holiday data first, then the weekly rest days. */
  private boolean computeIsWorkingDay(LocalDate date) {
    Optional<HolidayEntry> entry = holidays.entryOn(date);
    if (entry.isPresent()) {
      return entry.get().kind().isWorkingDay();
    }
    DayOfWeek dow = date.getDayOfWeek();
    if (dow == DayOfWeek.SUNDAY) {
      return false;
    }
    if (dow == DayOfWeek.SATURDAY) {
      return saturdayCountsAsWorkingDay;
    }
    return true;
  }

  /**
   * @param date civil date
   * @return true if the date is not a working day (weekly rest day, holiday, day off)
   */
  public boolean isRestDay(LocalDate date) {
    return !isWorkingDay(date);
  }

  /**
   * @param date civil date
   * @return the first working day strictly after {@code date}
   */
  public LocalDate nextWorkingDay(LocalDate date) {
    LocalDate d = date.plusDays(1);
    for (int i = 0; i < MAX_SCAN_DAYS; i++, d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        return d;
      }
    }
    throw new IllegalStateException(
        "calendar " + id + ": no working day within " + MAX_SCAN_DAYS + " days after " + date);
  }

  /**
   * @param date civil date
   * @return the last working day strictly before {@code date}
   */
  public LocalDate previousWorkingDay(LocalDate date) {
    LocalDate d = date.minusDays(1);
    for (int i = 0; i < MAX_SCAN_DAYS; i++, d = d.minusDays(1)) {
      if (isWorkingDay(d)) {
        return d;
      }
    }
    throw new IllegalStateException(
        "calendar " + id + ": no working day within " + MAX_SCAN_DAYS + " days before " + date);
  }

  /**
   * Working hours of a civil date, used by working-hour clocks.
   *
   * @param date civil date in Asia/Ho_Chi_Minh
   * @return windows in ascending order; empty on a rest day. A make-up working Saturday has the
   *     full weekday hours; an ordinary Saturday has the Saturday-morning windows (if any).
   */
  public List<WorkingWindow> workingHours(LocalDate date) {
    Optional<HolidayEntry> entry = holidays.entryOn(date);
    if (entry.isPresent()) {
      return entry.get().kind().isWorkingDay() ? weekdayHours : List.of();
    }
    return switch (date.getDayOfWeek()) {
      case SUNDAY -> List.of();
      case SATURDAY -> saturdayHours;
      default -> weekdayHours;
    };
  }

  @Override
  public String toString() {
    return "WorkingCalendar[" + id + "]";
  }

  private void checkWindows(List<WorkingWindow> windows, String what) {
    for (int i = 1; i < windows.size(); i++) {
      if (windows.get(i).start().isBefore(windows.get(i - 1).end())) {
        throw new IllegalArgumentException(
            "calendar "
                + id
                + ": "
                + what
                + " working windows overlap or are not ascending: "
                + windows);
      }
    }
  }

  /** Builder of a {@link WorkingCalendar}. */
  public static final class Builder {
    private final String id;
    private final HolidayCalendarData holidays;
    private List<WorkingWindow> weekdayHours =
        List.of(WorkingWindow.MORNING, WorkingWindow.AFTERNOON);
    private List<WorkingWindow> saturdayHours = List.of();
    private boolean saturdayCountsAsWorkingDay;

    private Builder(String id, HolidayCalendarData holidays) {
      this.id = Objects.requireNonNull(id, "id");
      this.holidays = Objects.requireNonNull(holidays, "holidays");
      if (id.isBlank()) {
        throw new IllegalArgumentException("calendar id is blank");
      }
    }

    /**
     * @param windows ascending, non-overlapping windows of a Monday–Friday working day
     * @return this
     */
    public Builder weekdayHours(List<WorkingWindow> windows) {
      this.weekdayHours = List.copyOf(windows);
      return this;
    }

    /**
     * @param windows ascending windows of an ordinary Saturday (empty: closed on Saturday)
     * @return this
     */
    public Builder saturdayHours(List<WorkingWindow> windows) {
      this.saturdayHours = List.copyOf(windows);
      return this;
    }

    /**
     * @param counts whether a non-holiday Saturday counts as a working day for day-based clocks
     * @return this
     */
    public Builder saturdayCountsAsWorkingDay(boolean counts) {
      this.saturdayCountsAsWorkingDay = counts;
      return this;
    }

    /**
     * @return the calendar
     * @throws IllegalArgumentException if windows overlap, weekday hours are empty, or Saturday
     *     counts as a working day without Saturday hours
     */
    public WorkingCalendar build() {
      return new WorkingCalendar(this);
    }
  }
}
