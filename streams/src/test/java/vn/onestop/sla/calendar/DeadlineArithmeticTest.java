package vn.onestop.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Instants in the tables are Asia/Ho_Chi_Minh local date-times. */
class DeadlineArithmeticTest {

  private static Instant local(LocalDateTime t) {
    return t.atZone(Calendars.ZONE).toInstant();
  }

  @ParameterizedTest(name = "[{index}] {0} + {1} {2} on {3} -> {4}  ({5})")
  @CsvSource(
      delimiter = '|',
      value = {
        // start (local)       | n  | unit          | calendar                      | due (local)
        //     | why
        "2026-02-12T10:00 | 10 | WORKING_DAYS  | vn-civil-service             | 2026-03-06T00:00 | across Tết 2026: 13/2, 23–27/2, 2–5/3 -> 24:00 Thu 05/03",
        "2026-01-09T10:00 | 1  | WORKING_DAYS  | vn-civil-service             | 2026-01-11T00:00 | make-up Saturday 10/01 is a working day",
        "2026-01-06T09:00 | 5  | WORKING_DAYS  | vn-civil-service             | 2026-01-13T00:00 | 7, 8, 9, Sat 10, Mon 12",
        "2025-12-31T15:00 | 3  | WORKING_DAYS  | vn-civil-service             | 2026-01-08T00:00 | 01/01 holiday, 02/01 swapped off",
        "2026-04-24T10:00 | 1  | WORKING_DAYS  | vn-civil-service             | 2026-04-29T00:00 | Mon 27/04 compensatory for Hùng Kings",
        "2026-01-16T10:00 | 1  | WORKING_DAYS  | vn-one-stop-saturday-working-day | 2026-01-18T00:00 | Saturday counted by that option",
        "2026-01-16T10:00 | 1  | WORKING_DAYS  | vn-one-stop-saturday-morning | 2026-01-20T00:00 | default: Saturday not a working day",
        "2026-02-13T09:00 | 30 | CALENDAR_DAYS | vn-civil-service             | 2026-03-17T00:00 | last day Sun 15/03 -> end of Mon 16/03",
        "2026-03-31T09:00 | 30 | CALENDAR_DAYS | vn-civil-service             | 2026-05-05T00:00 | last day 30/04 holiday, 01/05, weekend -> Mon 04/05",
        "2026-02-06T09:00 | 10 | CALENDAR_DAYS | vn-civil-service             | 2026-02-24T00:00 | last day 16/02 (Tết) -> Mon 23/02",
        "2026-03-02T09:00 | 30 | CALENDAR_DAYS | vn-civil-service             | 2026-04-02T00:00 | last day Wed 01/04, holidays inside counted",
        "2026-03-02T00:00 | 30 | CALENDAR_DAYS | vn-civil-service             | 2026-04-01T00:00 | event at 00:00 read as 24:00 of 01/03",
        "2026-02-12T16:00 | 8  | WORKING_HOURS | vn-civil-service             | 2026-02-13T16:00 | 1 h Thu + 7 h Fri",
        "2026-01-05T12:30 | 4  | WORKING_HOURS | vn-civil-service             | 2026-01-05T17:00 | lunch break skipped",
        "2026-01-05T06:00 | 2  | WORKING_HOURS | vn-civil-service             | 2026-01-05T10:00 | from the opening",
        "2026-01-05T08:00 | 4  | WORKING_HOURS | vn-civil-service             | 2026-01-05T12:00 | ends at closing, not at 13:00",
        "2026-01-17T09:00 | 4  | WORKING_HOURS | vn-civil-service             | 2026-01-19T12:00 | Saturday closed",
        "2026-01-17T09:00 | 4  | WORKING_HOURS | vn-one-stop-saturday-morning | 2026-01-19T09:00 | 3 h Saturday morning + 1 h Monday",
        "2026-02-13T15:00 | 4  | WORKING_HOURS | vn-civil-service             | 2026-02-23T10:00 | 2 h Fri before Tết + 2 h after",
        "2026-01-05T10:00 | 90 | SECONDS       | vn-civil-service             | 2026-01-05T10:01:30 | test unit: elapsed seconds"
      })
  void dueAt(
      LocalDateTime start,
      int n,
      PeriodUnit unit,
      String calendarId,
      LocalDateTime due,
      String why) {
    WorkingCalendar cal = Calendars.get(calendarId);
    assertThat(DeadlineArithmetic.dueAt(local(start), new Period(n, unit), cal))
        .as(why)
        .isEqualTo(local(due));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // why | due before | suspended | resumed | n | unit | new due
        "19 days left after Fri 13/03, counted from Mon 23/03 -> Sat 11/04 -> Mon 13/04"
            + " | 2026-04-02T00:00 | 2026-03-13T15:00 | 2026-03-23T09:00 | 30 | CALENDAR_DAYS | 2026-04-14T00:00",
        "suspended on the last day: 0 days left -> end of the resumption day"
            + " | 2026-04-02T00:00 | 2026-04-01T10:00 | 2026-04-08T10:00 | 30 | CALENDAR_DAYS | 2026-04-09T00:00",
        "8 working days left (8, 9, Sat 10, 12–16/01) -> 21–23, 26–30/01"
            + " | 2026-01-17T00:00 | 2026-01-07T14:00 | 2026-01-20T09:00 | 10 | WORKING_DAYS | 2026-01-31T00:00",
        "5.5 working hours left -> 2 h Tue + 3.5 h Wed"
            + " | 2026-01-05T17:00 | 2026-01-05T10:30 | 2026-01-06T15:00 | 8 | WORKING_HOURS | 2026-01-07T11:30",
        "already overdue when suspended: unchanged"
            + " | 2026-01-05T17:00 | 2026-01-06T10:00 | 2026-01-20T10:00 | 8 | WORKING_HOURS | 2026-01-05T17:00",
        "seconds: remaining elapsed time"
            + " | 2026-01-05T10:01:00 | 2026-01-05T10:00:20 | 2026-01-05T11:00 | 60 | SECONDS | 2026-01-05T11:00:40"
      })
  void resumedDueAt(
      String why,
      LocalDateTime due,
      LocalDateTime suspended,
      LocalDateTime resumed,
      int n,
      PeriodUnit unit,
      LocalDateTime expected) {
    assertThat(
            DeadlineArithmetic.resumedDueAt(
                local(due),
                local(suspended),
                local(resumed),
                new Period(n, unit),
                Calendars.civilService()))
        .as(why)
        .isEqualTo(local(expected));
  }

  @Test
  void resumptionBeforeSuspensionIsRejected() {
    Instant t = local(LocalDateTime.of(2026, 1, 5, 10, 0));
    assertThatThrownBy(
            () ->
                DeadlineArithmetic.resumedDueAt(
                    t.plusSeconds(86_400),
                    t,
                    t.minusSeconds(1),
                    Period.calendarDays(30),
                    Calendars.civilService()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before suspendedAt");
  }

  @ParameterizedTest(name = "[{index}] {0} .. {1} = {2}")
  @CsvSource({
    "2026-02-12T10:00, 2026-03-06T00:00, 10",
    "2026-02-12T10:00, 2026-02-12T17:00, 0",
    "2026-02-13T10:00, 2026-02-22T23:00, 0", // Tết week has no working day
    "2026-03-06T00:00, 2026-03-11T00:00, 3", // due 24:00 Thu 05/03 -> Fri, Mon, Tue
    "2026-03-06T00:00, 2026-03-05T00:00, 0",
    "2026-01-09T12:00, 2026-01-10T11:00, 1" // make-up Saturday counts
  })
  void workingDaysBetween(LocalDateTime a, LocalDateTime b, long expected) {
    assertThat(DeadlineArithmetic.workingDaysBetween(local(a), local(b), Calendars.civilService()))
        .isEqualTo(expected);
  }

  @Test
  void addWorkingDaysAndWorkingDaysBefore() {
    WorkingCalendar cal = Calendars.civilService();
    Instant due = local(LocalDateTime.of(2026, 3, 6, 0, 0)); // 24:00 Thu 05/03/2026
    // "level 2 after 3 working days overdue": Fri 06, Mon 09, Tue 10 -> 24:00 Tue 10/03
    assertThat(DeadlineArithmetic.addWorkingDays(due, 3, cal))
        .isEqualTo(local(LocalDateTime.of(2026, 3, 11, 0, 0)));
    // 0 working days from a Saturday: end of the next working day
    assertThat(
            DeadlineArithmetic.addWorkingDays(local(LocalDateTime.of(2026, 2, 14, 9, 0)), 0, cal))
        .isEqualTo(local(LocalDateTime.of(2026, 2, 24, 0, 0)));
    // one working day before a due date of 24:00 Mon 23/02 is 24:00 Fri 13/02 (before Tết)
    assertThat(
            DeadlineArithmetic.workingDaysBefore(
                local(LocalDateTime.of(2026, 2, 24, 0, 0)), 1, cal))
        .isEqualTo(local(LocalDateTime.of(2026, 2, 14, 0, 0)));
    assertThatThrownBy(() -> DeadlineArithmetic.addWorkingDays(due, -1, cal))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void workingTimeBetween() {
    WorkingCalendar cal = Calendars.civilService();
    assertThat(
            DeadlineArithmetic.workingTimeBetween(
                local(LocalDateTime.of(2026, 2, 13, 15, 0)),
                local(LocalDateTime.of(2026, 2, 23, 10, 0)),
                cal))
        .isEqualTo(Duration.ofHours(4));
    assertThat(
            DeadlineArithmetic.workingTimeBetween(
                local(LocalDateTime.of(2026, 1, 5, 11, 0)),
                local(LocalDateTime.of(2026, 1, 5, 11, 0)),
                cal))
        .isZero();
  }

  @Test
  void atFraction() {
    Instant start = local(LocalDateTime.of(2026, 3, 2, 9, 0));
    Instant due = local(LocalDateTime.of(2026, 4, 2, 0, 0));
    // 31 days minus 9 hours = 735 h; 75 % = 551 h 15 min after start
    assertThat(DeadlineArithmetic.atFraction(start, due, 0.75))
        .isEqualTo(start.plus(Duration.ofMinutes(551 * 60 + 15)));
    assertThat(DeadlineArithmetic.atFraction(start, due, 0.0)).isEqualTo(start);
    assertThat(DeadlineArithmetic.atFraction(start, due, 1.0)).isEqualTo(due);
    assertThatThrownBy(() -> DeadlineArithmetic.atFraction(start, due, 1.5))
        .hasMessageContaining("fraction");
    assertThatThrownBy(() -> DeadlineArithmetic.atFraction(due, start, 0.5))
        .hasMessageContaining("before start");
  }

  @Test
  void dayOfReadsMidnightAsTheEndOfThePreviousDay() {
    assertThat(DeadlineArithmetic.dayOf(local(LocalDateTime.of(2026, 3, 6, 0, 0))))
        .isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(DeadlineArithmetic.dayOf(local(LocalDateTime.of(2026, 3, 6, 0, 0, 1))))
        .isEqualTo(LocalDate.of(2026, 3, 6));
    assertThat(DeadlineArithmetic.endOf(LocalDate.of(2026, 3, 5)))
        .isEqualTo(Instant.parse("2026-03-05T17:00:00Z"));
  }

  @Test
  void periodValidation() {
    assertThatThrownBy(() -> new Period(0, PeriodUnit.CALENDAR_DAYS))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new Period(5000, PeriodUnit.CALENDAR_DAYS))
        .hasMessageContaining("maximum");
    assertThatThrownBy(() -> new Period(1, null)).isInstanceOf(NullPointerException.class);
    assertThat(Period.calendarDays(30).plus(Period.calendarDays(30)))
        .isEqualTo(Period.calendarDays(60));
    assertThatThrownBy(() -> Period.calendarDays(30).plus(Period.workingDays(1)))
        .hasMessageContaining("units differ");
    assertThat(Period.workingDays(7)).hasToString("7 WORKING_DAYS");
  }
}
