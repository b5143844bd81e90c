package vn.onestop.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingCalendarTest {

  private final WorkingCalendar civil = Calendars.get(Calendars.CIVIL_SERVICE);
  private final WorkingCalendar saturdayMorning =
      Calendars.get(Calendars.ONE_STOP_SATURDAY_MORNING);
  private final WorkingCalendar saturdayWorking =
      Calendars.get(Calendars.ONE_STOP_SATURDAY_WORKING_DAY);

  @ParameterizedTest(name = "{0}: civil {1}, Saturday-morning counter {2}")
  @CsvSource({
    "2026-01-01, false, false", // Tết Dương lịch
    "2026-01-02, false, false", // swapped day off
    "2026-01-05, true, true",
    "2026-01-10, true, true", // make-up working Saturday
    "2026-01-17, false, false", // ordinary Saturday: hours only, not a working day by default
    "2026-01-18, false, false", // Sunday
    "2026-02-13, true, true",
    "2026-02-16, false, false", // Tết 29 Chạp
    "2026-02-20, false, false", // mùng 4
    "2026-02-23, true, true",
    "2026-04-26, false, false", // Hùng Kings on Sunday
    "2026-04-27, false, false", // compensatory Monday
    "2026-04-28, true, true",
    "2026-04-30, false, false",
    "2026-05-01, false, false",
    "2026-09-01, false, false",
    "2026-09-02, false, false",
    "2026-09-03, true, true"
  })
  void workingDays2026(LocalDate date, boolean civilWorking, boolean counterWorking) {
    assertThat(civil.isWorkingDay(date)).isEqualTo(civilWorking);
    assertThat(civil.isRestDay(date)).isEqualTo(!civilWorking);
    assertThat(saturdayMorning.isWorkingDay(date)).isEqualTo(counterWorking);
  }

  @Test
  void saturdayHoursAndTheWorkingDayOption() {
    LocalDate saturday = LocalDate.of(2026, 1, 17);
    assertThat(civil.workingHours(saturday)).isEmpty();
    assertThat(saturdayMorning.workingHours(saturday)).containsExactly(WorkingWindow.MORNING);
    assertThat(saturdayWorking.isWorkingDay(saturday)).isTrue();
    // A Saturday holiday closes the counter too (1/5/2027 is a Saturday).
    assertThat(saturdayMorning.workingHours(LocalDate.of(2027, 5, 1))).isEmpty();
    assertThat(saturdayWorking.isWorkingDay(LocalDate.of(2027, 5, 1))).isFalse();
    // The make-up Saturday is a full day.
    assertThat(civil.workingHours(LocalDate.of(2026, 1, 10)))
        .containsExactly(WorkingWindow.MORNING, WorkingWindow.AFTERNOON);
    assertThat(civil.workingHours(LocalDate.of(2026, 2, 18))).isEmpty();
  }

  @Test
  void nextAndPreviousWorkingDayAcrossTet2026() {
    assertThat(civil.nextWorkingDay(LocalDate.of(2026, 2, 13)))
        .isEqualTo(LocalDate.of(2026, 2, 23));
    assertThat(civil.previousWorkingDay(LocalDate.of(2026, 2, 23)))
        .isEqualTo(LocalDate.of(2026, 2, 13));
    assertThat(civil.nextWorkingDay(LocalDate.of(2026, 1, 9))).isEqualTo(LocalDate.of(2026, 1, 10));
    assertThat(civil.nextWorkingDay(LocalDate.of(2026, 4, 24)))
        .isEqualTo(LocalDate.of(2026, 4, 28));
  }

  @Test
  void registryAndValidation() {
    assertThat(Calendars.ids())
        .contains(Calendars.CIVIL_SERVICE, Calendars.ONE_STOP_SATURDAY_MORNING);
    assertThat(civil.id()).isEqualTo("vn-civil-service");
    assertThat(civil.zone()).isEqualTo(Calendars.ZONE);
    assertThatThrownBy(() -> Calendars.get("vn-moon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown calendar id 'vn-moon'")
        .hasMessageContaining("vn-civil-service");
    assertThatThrownBy(
            () ->
                WorkingCalendar.builder("x", HolidayCalendarData.standard())
                    .weekdayHours(List.of(WorkingWindow.AFTERNOON, WorkingWindow.MORNING))
                    .build())
        .hasMessageContaining("overlap or are not ascending");
    assertThatThrownBy(
            () ->
                WorkingCalendar.builder("x", HolidayCalendarData.standard())
                    .saturdayCountsAsWorkingDay(true)
                    .build())
        .hasMessageContaining("without Saturday hours");
  }
}
