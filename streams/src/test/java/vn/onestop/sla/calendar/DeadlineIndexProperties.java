package vn.onestop.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The working-day index ({@link IndexedArithmetic} over {@link YearIndex}, what {@link
 * DeadlineArithmetic} answers from) gives exactly the results of the day walk ({@link DayWalk}, the
 * reference), for the four operations, on random instants of 2023–2031 (announced and computed
 * holiday years), biased towards window boundaries, local midnight and holidays, on every bundled
 * calendar and on test calendars with other windows (07:30–11:30 and Saturday mornings; windows
 * touching midnight and with nanosecond ends). Near the end of the holiday data (2100/2101, where
 * the index falls back to the walk) the outcome, result or exception, is the same too.
 */
class DeadlineIndexProperties {

  static final HolidayCalendarData DATA = HolidayCalendarData.standard();

  /** 07:30–11:30 and 13:00–17:00, Saturday 07:30–11:30 (hours only, not a working day). */
  static final WorkingCalendar EARLY_SATURDAY =
      WorkingCalendar.builder("test-early-saturday", DATA)
          .weekdayHours(List.of(window("07:30", "11:30"), window("13:00", "17:00")))
          .saturdayHours(List.of(window("07:30", "11:30")))
          .build();

  /** Windows touching midnight, nanosecond ends; Saturday a working day with a short window. */
  static final WorkingCalendar ODD_WINDOWS =
      WorkingCalendar.builder("test-odd-windows", DATA)
          .weekdayHours(
              List.of(
                  window("00:00", "06:00:00.5"),
                  window("12:00:00.000000001", "12:00:00.000000002"),
                  window("13:15:30", "23:59:59.999999999")))
          .saturdayHours(List.of(window("00:00", "00:00:01")))
          .saturdayCountsAsWorkingDay(true)
          .build();

  static WorkingWindow window(String start, String end) {
    return new WorkingWindow(LocalTime.parse(start), LocalTime.parse(end));
  }

  static List<WorkingCalendar> allCalendars() {
    List<WorkingCalendar> l = new ArrayList<>();
    Calendars.ids().forEach(id -> l.add(Calendars.get(id)));
    l.add(EARLY_SATURDAY);
    l.add(ODD_WINDOWS);
    return l;
  }

  @Provide
  Arbitrary<WorkingCalendar> calendars() {
    return Arbitraries.of(allCalendars());
  }

  /** Local times where the rules change: window ends ±1 s and ±1 ns, midnight. */
  private static Arbitrary<LocalTime> boundaryTimes() {
    List<LocalTime> l = new ArrayList<>();
    for (WorkingCalendar c : allCalendars()) {
      for (LocalDate d : List.of(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 10))) {
        for (WorkingWindow w : c.workingHours(d)) {
          for (LocalTime t : List.of(w.start(), w.end())) {
            l.add(t);
            l.add(t.plusSeconds(1));
            l.add(t.minusSeconds(1));
            l.add(t.plusNanos(1));
            l.add(t.minusNanos(1));
          }
        }
      }
    }
    l.add(LocalTime.MIDNIGHT);
    l.add(LocalTime.MAX);
    return Arbitraries.of(l.stream().distinct().toList());
  }

  private static Arbitrary<LocalDate> dates(LocalDate from, LocalDate to) {
    Arbitrary<LocalDate> any =
        Arbitraries.longs().between(from.toEpochDay(), to.toEpochDay()).map(LocalDate::ofEpochDay);
    List<LocalDate> near = new ArrayList<>();
    for (int y = from.getYear(); y <= Math.min(to.getYear(), LunarCalendar.MAX_YEAR); y++) {
      for (HolidayEntry e : DATA.entries(y)) {
        near.add(e.date().minusDays(1));
        near.add(e.date());
        near.add(e.date().plusDays(1));
      }
    }
    List<LocalDate> yearEnds = new ArrayList<>();
    for (int y = from.getYear(); y <= to.getYear(); y++) {
      yearEnds.add(LocalDate.of(y, 12, 31));
      yearEnds.add(LocalDate.of(y, 1, 1));
    }
    return Arbitraries.frequencyOf(
        Tuple.of(5, any), Tuple.of(3, Arbitraries.of(near)), Tuple.of(1, Arbitraries.of(yearEnds)));
  }

  private static Arbitrary<Instant> instantsIn(LocalDate from, LocalDate to) {
    Arbitrary<LocalTime> times =
        Arbitraries.frequencyOf(
            Tuple.of(3, boundaryTimes()),
            Tuple.of(
                2,
                Arbitraries.longs()
                    .between(0, LocalTime.MAX.toNanoOfDay())
                    .map(LocalTime::ofNanoOfDay)),
            Tuple.of(2, Arbitraries.integers().between(0, 86_399).map(LocalTime::ofSecondOfDay)));
    return net.jqwik.api.Combinators.combine(dates(from, to), times)
        .as((d, t) -> d.atTime(t).atZone(Calendars.ZONE).toInstant());
  }

  /** Instants of 2023–2031, biased towards boundaries. */
  @Provide
  Arbitrary<Instant> instants() {
    return instantsIn(LocalDate.of(2023, 1, 1), LocalDate.of(2031, 12, 31));
  }

  /** Instants near the end of the holiday data (the lunar range ends with 2100). */
  @Provide
  Arbitrary<Instant> nearDataEnd() {
    return instantsIn(LocalDate.of(2099, 1, 1), LocalDate.of(2101, 1, 10));
  }

  /** Spans from 0 to about 400 days, in whole days, hours, seconds or nanoseconds. */
  @Provide
  Arbitrary<Duration> spans() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 400).map(Duration::ofDays),
        Arbitraries.integers().between(0, 400 * 24).map(Duration::ofHours),
        Arbitraries.longs().between(0, 400L * 86_400).map(Duration::ofSeconds),
        Arbitraries.longs().between(0, 400L * 86_400_000_000_000L).map(Duration::ofNanos));
  }

  /** Working time from 0 to 1 000 hours: whole hours, minutes or nanoseconds. */
  @Provide
  Arbitrary<Duration> amounts() {
    return Arbitraries.oneOf(
        Arbitraries.just(Duration.ZERO),
        Arbitraries.integers().between(0, 1000).map(Duration::ofHours),
        Arbitraries.integers().between(0, 60_000).map(Duration::ofMinutes),
        Arbitraries.longs().between(0, 1000L * 3_600_000_000_000L).map(Duration::ofNanos));
  }

  @Property(tries = 2000)
  void addWorkingDaysEqualsTheWalk(
      @ForAll("instants") Instant from,
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll("calendars") WorkingCalendar cal) {
    assertThat(DeadlineArithmetic.addWorkingDays(from, n, cal))
        .isEqualTo(DayWalk.addWorkingDays(from, n, cal));
  }

  @Property(tries = 2000)
  void workingDaysBetweenEqualsTheWalk(
      @ForAll("instants") Instant a,
      @ForAll("spans") Duration span,
      @ForAll("instants") Instant other,
      @ForAll boolean independent,
      @ForAll("calendars") WorkingCalendar cal) {
    Instant b = independent ? other : a.plus(span);
    assertThat(DeadlineArithmetic.workingDaysBetween(a, b, cal))
        .isEqualTo(DayWalk.workingDaysBetween(a, b, cal));
  }

  @Property(tries = 2000)
  void workingTimeBetweenEqualsTheWalk(
      @ForAll("instants") Instant a,
      @ForAll("spans") Duration span,
      @ForAll("instants") Instant other,
      @ForAll boolean independent,
      @ForAll("calendars") WorkingCalendar cal) {
    Instant b = independent ? other : a.plus(span);
    assertThat(DeadlineArithmetic.workingTimeBetween(a, b, cal))
        .isEqualTo(DayWalk.workingTimeBetween(a, b, cal));
  }

  @Property(tries = 2000)
  void addWorkingTimeEqualsTheWalk(
      @ForAll("instants") Instant start,
      @ForAll("amounts") Duration amount,
      @ForAll("calendars") WorkingCalendar cal) {
    assertThat(DeadlineArithmetic.addWorkingTime(start, amount, cal))
        .isEqualTo(DayWalk.addWorkingTime(start, amount, cal));
  }

  /** Near 2101 the index has no year: the outcome, value or exception, is still the walk's. */
  @Property(tries = 500)
  void atTheEndOfTheDataTheOutcomeIsTheWalks(
      @ForAll("nearDataEnd") Instant a,
      @ForAll("spans") Duration span,
      @ForAll("amounts") Duration amount,
      @ForAll @IntRange(min = 0, max = 400) int n,
      @ForAll("calendars") WorkingCalendar cal) {
    Instant b = a.plus(span);
    assertThat(outcome(() -> DeadlineArithmetic.addWorkingDays(a, n, cal)))
        .isEqualTo(outcome(() -> DayWalk.addWorkingDays(a, n, cal)));
    assertThat(outcome(() -> DeadlineArithmetic.workingDaysBetween(a, b, cal)))
        .isEqualTo(outcome(() -> DayWalk.workingDaysBetween(a, b, cal)));
    assertThat(outcome(() -> DeadlineArithmetic.workingTimeBetween(a, b, cal)))
        .isEqualTo(outcome(() -> DayWalk.workingTimeBetween(a, b, cal)));
    assertThat(outcome(() -> DeadlineArithmetic.addWorkingTime(a, amount, cal)))
        .isEqualTo(outcome(() -> DayWalk.addWorkingTime(a, amount, cal)));
  }

  /** The value, or the class and message of the exception. */
  static Object outcome(Supplier<?> call) {
    try {
      return Objects.requireNonNull(call.get());
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** Every day of an indexed year agrees with the calendar's own day rules. */
  @Property(tries = 30)
  void theYearIndexAgreesWithTheCalendar(
      @ForAll @IntRange(min = 2020, max = 2040) int year,
      @ForAll("calendars") WorkingCalendar cal) {
    YearIndex yi = cal.yearIndex(year);
    assertThat(yi).isNotNull();
    int working = 0;
    long nanos = 0;
    for (int i = 0; i < yi.days(); i++) {
      LocalDate d = yi.date(i);
      assertThat(yi.isWorkingDay(i)).as("%s", d).isEqualTo(cal.isWorkingDay(d));
      assertThat(yi.hours(i)).as("%s", d).isEqualTo(cal.workingHours(d));
      assertThat(yi.endOf(i)).as("%s", d).isEqualTo(DeadlineArithmetic.endOf(d));
      assertThat(yi.workingDaysBefore(i)).isEqualTo(working);
      assertThat(yi.nanosBefore(i)).isEqualTo(nanos);
      working += cal.isWorkingDay(d) ? 1 : 0;
      nanos +=
          Stream.of(cal.workingHours(d).toArray(WorkingWindow[]::new))
              .mapToLong(w -> Duration.between(w.start(), w.end()).toNanos())
              .sum();
    }
    assertThat(yi.workingDays()).isEqualTo(working);
    assertThat(yi.nanosBefore(yi.days())).isEqualTo(nanos);
  }
}
