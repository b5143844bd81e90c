package vn.onestop.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class DeadlineArithmeticProperties {

  /**
   * Instants from 2024 to the end of 2029 (announced and computed holiday years), second precision.
   */
  @Provide
  Arbitrary<Instant> instants() {
    long from = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2029-12-31T00:00:00Z").getEpochSecond();
    Arbitrary<Instant> any = Arbitraries.longs().between(from, to).map(Instant::ofEpochSecond);
    // Bias towards local midnights, the boundary of the day rules.
    Arbitrary<Instant> midnights =
        Arbitraries.longs()
            .between(from / 86_400, to / 86_400)
            .map(d -> Instant.ofEpochSecond(d * 86_400 + 17 * 3600));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, any), net.jqwik.api.Tuple.of(1, midnights));
  }

  @Provide
  Arbitrary<WorkingCalendar> calendars() {
    return Arbitraries.of(Calendars.ids()).map(Calendars::get);
  }

  @Provide
  Arbitrary<PeriodUnit> dayUnits() {
    return Arbitraries.of(PeriodUnit.CALENDAR_DAYS, PeriodUnit.WORKING_DAYS);
  }

  @Property
  void aDayPeriodNeverEndsOnARestDay(
      @ForAll("instants") Instant start,
      @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll("dayUnits") PeriodUnit unit,
      @ForAll("calendars") WorkingCalendar cal) {
    Instant due = DeadlineArithmetic.dueAt(start, new Period(n, unit), cal);
    assertThat(due.atZone(Calendars.ZONE).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(cal.isWorkingDay(DeadlineArithmetic.dayOf(due))).isTrue();
    assertThat(due).isAfter(start);
    if (unit == PeriodUnit.CALENDAR_DAYS) {
      // never earlier than n days after the event's day
      assertThat(DeadlineArithmetic.dayOf(due))
          .isAfterOrEqualTo(DeadlineArithmetic.dayOf(start).plusDays(n));
    }
  }

  @Property
  void dueAtIsMonotonicInTheAmount(
      @ForAll("instants") Instant start,
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll @IntRange(min = 0, max = 100) int more,
      @ForAll PeriodUnit unit,
      @ForAll("calendars") WorkingCalendar cal) {
    Instant a = DeadlineArithmetic.dueAt(start, new Period(n, unit), cal);
    Instant b = DeadlineArithmetic.dueAt(start, new Period(n + more, unit), cal);
    assertThat(b).isAfterOrEqualTo(a);
    if (more > 0 && unit != PeriodUnit.CALENDAR_DAYS) {
      assertThat(b).isAfter(a);
    }
  }

  @Property
  void workingDaysBetweenInvertsAWorkingDayPeriod(
      @ForAll("instants") Instant start,
      @ForAll @IntRange(min = 1, max = 300) int n,
      @ForAll("calendars") WorkingCalendar cal) {
    Instant due = DeadlineArithmetic.dueAt(start, Period.workingDays(n), cal);
    assertThat(DeadlineArithmetic.workingDaysBetween(start, due, cal)).isEqualTo(n);
  }

  @Property
  void workingTimeBetweenInvertsAWorkingHourPeriod(
      @ForAll("instants") Instant start,
      @ForAll @IntRange(min = 1, max = 500) int hours,
      @ForAll("calendars") WorkingCalendar cal) {
    Instant due = DeadlineArithmetic.dueAt(start, Period.workingHours(hours), cal);
    assertThat(DeadlineArithmetic.workingTimeBetween(start, due, cal))
        .isEqualTo(Duration.ofHours(hours));
  }

  @Property
  void aSuspensionOfZeroLengthChangesNothing(
      @ForAll("instants") Instant start,
      @ForAll @IntRange(min = 1, max = 200) int n,
      @ForAll PeriodUnit unit,
      @ForAll("calendars") WorkingCalendar cal,
      @ForAll @IntRange(min = 0, max = 1000) int permille) {
    Period p = new Period(n, unit);
    Instant due = DeadlineArithmetic.dueAt(start, p, cal);
    Instant suspended = DeadlineArithmetic.atFraction(start, due, permille / 1000.0);
    assertThat(DeadlineArithmetic.resumedDueAt(due, suspended, suspended, p, cal)).isEqualTo(due);
  }

  @Property
  void aLongerSuspensionNeverGivesAnEarlierDueDate(
      @ForAll("instants") Instant start,
      @ForAll @IntRange(min = 1, max = 100) int n,
      @ForAll PeriodUnit unit,
      @ForAll("calendars") WorkingCalendar cal,
      @ForAll @IntRange(min = 0, max = 999) int permille,
      @ForAll @IntRange(min = 0, max = 5_000_000) int pauseSeconds) {
    Period p = new Period(n, unit);
    Instant due = DeadlineArithmetic.dueAt(start, p, cal);
    Instant suspended = DeadlineArithmetic.atFraction(start, due, permille / 1000.0);
    Instant resumed = suspended.plusSeconds(pauseSeconds);
    assertThat(DeadlineArithmetic.resumedDueAt(due, suspended, resumed, p, cal))
        .isAfterOrEqualTo(due);
  }
}
