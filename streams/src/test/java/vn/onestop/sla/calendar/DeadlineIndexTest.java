package vn.onestop.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Boundary examples of the working-day index: each expected value is written out (local
 * Asia/Ho_Chi_Minh date-times) and is also the day walk's. Calendar "early" is {@link
 * DeadlineIndexProperties#EARLY_SATURDAY} (07:30–11:30, 13:00–17:00, Saturday 07:30–11:30).
 */
class DeadlineIndexTest {

  private static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  private static WorkingCalendar cal(String id) {
    return id.equals("early") ? DeadlineIndexProperties.EARLY_SATURDAY : Calendars.get(id);
  }

  @ParameterizedTest(name = "[{index}] {0} + {1} working h on {2} -> {3} ({4})")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-01-05T07:30 | 4    | early            | 2026-01-05T11:30 | from the opening, ends at the window end",
        "2026-01-05T06:00 | 1    | early            | 2026-01-05T08:30 | before the opening",
        "2026-01-05T11:30 | 0    | early            | 2026-01-05T13:00 | zero at a window end: the next opening",
        "2026-01-05T11:29 | 0    | early            | 2026-01-05T11:29 | zero inside a window: the instant",
        "2026-01-05T12:00 | 4    | early            | 2026-01-05T17:00 | lunch break",
        "2026-01-05T17:00 | 0    | early            | 2026-01-06T07:30 | zero at closing: next day",
        "2026-01-16T16:00 | 5    | early            | 2026-01-17T11:30 | Friday 1 h + Saturday morning 4 h",
        "2026-01-16T16:00 | 6    | early            | 2026-01-19T08:30 | Saturday afternoon and Sunday closed",
        "2026-01-17T00:00 | 4    | early            | 2026-01-17T11:30 | Saturday from midnight",
        "2026-01-17T11:00 | 1    | early            | 2026-01-19T08:00 | ordinary Saturday: morning only",
        "2026-01-10T11:00 | 1    | early            | 2026-01-10T13:30 | make-up Saturday 10/01: weekday hours",
        "2026-02-13T15:00 | 4    | vn-civil-service | 2026-02-23T10:00 | across Tết 2026",
        "2026-02-16T09:00 | 0    | vn-civil-service | 2026-02-23T08:00 | start on a holiday",
        "2025-12-31T16:00 | 2    | vn-civil-service | 2026-01-05T09:00 | across the year: 01/01 holiday, 02/01 off",
        "2026-01-05T08:00 | 160  | vn-civil-service | 2026-01-29T17:00 | 160 h = 20 working days of 8 h (incl. make-up Saturday 10/01), ends at closing",
        "2026-01-05T08:00 | 8760 | vn-one-stop-saturday-morning | 2029-12-25T12:00 | 8 760 working hours (about 4 years), across announced and computed years"
      })
  void addWorkingTime(String start, int hours, String calendar, String due, String why) {
    WorkingCalendar c = cal(calendar);
    Duration amount = Duration.ofHours(hours);
    assertThat(DeadlineArithmetic.addWorkingTime(local(start), amount, c))
        .as(why)
        .isEqualTo(local(due))
        .isEqualTo(DayWalk.addWorkingTime(local(start), amount, c));
  }

  @ParameterizedTest(name = "[{index}] {0} + {1} working days on {2} -> {3} ({4})")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-01-05T10:00 | 0  | vn-civil-service | 2026-01-06T00:00 | 0 on a working day: its end",
        "2026-01-17T10:00 | 0  | vn-civil-service | 2026-01-20T00:00 | 0 on Saturday: end of Monday",
        "2026-01-06T00:00 | 1  | vn-civil-service | 2026-01-07T00:00 | midnight is 24:00 of the day before",
        "2026-01-06T00:00 | 0  | vn-civil-service | 2026-01-06T00:00 | chained from a due instant",
        "2026-02-12T10:00 | 10 | vn-civil-service | 2026-03-06T00:00 | across Tết 2026",
        "2025-12-31T15:00 | 3  | vn-civil-service | 2026-01-08T00:00 | across the year",
        "2026-01-16T10:00 | 1  | vn-one-stop-saturday-working-day | 2026-01-18T00:00 | Saturday counted",
        "2026-01-16T10:00 | 1  | early            | 2026-01-20T00:00 | Saturday hours only",
        "2026-12-20T10:00 | 30 | vn-civil-service | 2027-02-02T00:00 | across the year: 9 in 2026, 01/01 off, Mon 01/02 the 30th"
      })
  void addWorkingDays(String from, int n, String calendar, String due, String why) {
    WorkingCalendar c = cal(calendar);
    assertThat(DeadlineArithmetic.addWorkingDays(local(from), n, c))
        .as(why)
        .isEqualTo(local(due))
        .isEqualTo(DayWalk.addWorkingDays(local(from), n, c));
  }

  @ParameterizedTest(name = "[{index}] {0} .. {1} on {2}: {3} working days, {4} working min ({5})")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-01-05T09:00 | 2026-01-05T16:00 | early            | 0   | 330    | same day, lunch not counted",
        "2026-01-05T11:30 | 2026-01-05T13:00 | early            | 0   | 0      | exactly the lunch break",
        "2026-01-05T00:00 | 2026-01-06T00:00 | vn-civil-service | 1   | 480    | midnight to midnight",
        "2026-01-16T12:00 | 2026-01-19T09:00 | early            | 1   | 570    | Friday pm 4 h, Saturday 4 h (not a working day), Monday 1.5 h",
        "2026-01-09T12:00 | 2026-01-12T09:00 | early            | 2   | 810    | make-up Saturday 10/01: a working day of 8 h",
        "2026-02-13T15:00 | 2026-02-23T10:00 | vn-civil-service | 1   | 240    | across Tết: only Mon 23/02",
        "2025-12-30T16:00 | 2026-01-06T09:00 | vn-civil-service | 3   | 1080   | across the year: 31/12, 05/01, 06/01",
        "2026-01-06T00:00 | 2026-01-05T00:00 | vn-civil-service | 0   | 0      | b before a",
        "2026-01-01T00:00 | 2027-01-01T00:00 | vn-civil-service | 250 | 120000 | the whole year 2026 (vn-civil-service-2026.json)"
      })
  void between(String a, String b, String calendar, long days, long minutes, String why) {
    WorkingCalendar c = cal(calendar);
    assertThat(DeadlineArithmetic.workingDaysBetween(local(a), local(b), c))
        .as(why)
        .isEqualTo(days)
        .isEqualTo(DayWalk.workingDaysBetween(local(a), local(b), c));
    assertThat(DeadlineArithmetic.workingTimeBetween(local(a), local(b), c))
        .as(why)
        .isEqualTo(Duration.ofMinutes(minutes))
        .isEqualTo(DayWalk.workingTimeBetween(local(a), local(b), c));
  }

  @Test
  void yearsOutsideTheHolidayDataHaveNoIndex() {
    WorkingCalendar c = Calendars.civilService();
    assertThat(c.yearIndex(LunarCalendar.MIN_YEAR - 1)).isNull();
    assertThat(c.yearIndex(LunarCalendar.MAX_YEAR + 1)).isNull();
    assertThat(c.yearIndex(LunarCalendar.MAX_YEAR)).isNotNull();
    assertThat(c.yearIndex(1800)).isNull();
    // an announced year beyond the lunar range is indexed
    WorkingCalendar announced2101 =
        WorkingCalendar.builder("test-2101", HolidayCalendarData.of(Map.of(2101, List.of())))
            .build();
    assertThat(announced2101.yearIndex(2101)).isNotNull();
    assertThat(announced2101.yearIndex(2102)).isNull();
  }

  @Test
  void beyondTheDataTheIndexFailsAsTheWalkDoes() {
    WorkingCalendar c = Calendars.civilService();
    Instant lateDecember = local("2100-12-20T10:00");
    assertThatThrownBy(() -> DeadlineArithmetic.addWorkingDays(lateDecember, 20, c))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2101");
    assertThat(
            DeadlineIndexProperties.outcome(
                () -> DeadlineArithmetic.addWorkingDays(lateDecember, 20, c)))
        .isEqualTo(
            DeadlineIndexProperties.outcome(() -> DayWalk.addWorkingDays(lateDecember, 20, c)));
    assertThatThrownBy(
            () -> DeadlineArithmetic.workingTimeBetween(lateDecember, local("2101-01-02T10:00"), c))
        .isInstanceOf(IllegalArgumentException.class);
    // inside the data up to 31/12/2100 it answers
    assertThat(DeadlineArithmetic.addWorkingDays(lateDecember, 3, c))
        .isEqualTo(DayWalk.addWorkingDays(lateDecember, 3, c));
    // from 1967 (no index) the walk answers: the day of the event itself is never looked at
    Instant in1967 = local("1967-12-31T10:00");
    assertThat(DeadlineArithmetic.addWorkingDays(in1967, 1, c))
        .isEqualTo(local("1968-01-03T00:00"))
        .isEqualTo(DayWalk.addWorkingDays(in1967, 1, c));
  }

  @Test
  void aWorkingTimeBeyondTheScanLimitFailsAsTheWalkDoes() {
    WorkingCalendar c = Calendars.civilService();
    Instant t = local("2026-01-05T08:00");
    Duration tooMuch = Duration.ofDays(DayWalk.MAX_SCAN_DAYS + 1);
    assertThat(
            DeadlineIndexProperties.outcome(() -> DeadlineArithmetic.addWorkingTime(t, tooMuch, c)))
        .isEqualTo(DeadlineIndexProperties.outcome(() -> DayWalk.addWorkingTime(t, tooMuch, c)))
        .asString()
        .contains("IllegalArgumentException");
  }

  @Test
  void eachYearIsBuiltOnceAndSharedByAllThreads() throws Exception {
    WorkingCalendar c =
        WorkingCalendar.builder("test-threads", DeadlineIndexProperties.DATA).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<YearIndex>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> c.yearIndex(2026));
      }
      Set<YearIndex> seen = new HashSet<>();
      for (Future<YearIndex> f : pool.invokeAll(calls)) {
        seen.add(f.get());
      }
      assertThat(seen).hasSize(1).doesNotContainNull();
      assertThat(seen.iterator().next()).isSameAs(c.yearIndex(2026));
    } finally {
      pool.shutdownNow();
    }
  }
}
