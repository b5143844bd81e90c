package vn.onestop.sla.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Category;
import vn.onestop.schema.testkit.CaseScript;
import vn.onestop.sla.calendar.Calendars;

/**
 * Per-unit working calendars: a clock runs on the handling unit's calendar ({@code
 * OrgUnit.calendarId}) when the directory knows the unit, else on the policy's. The case: a
 * one-stop counter open on Saturday mornings (08:00–12:00, calendar {@value
 * Calendars#ONE_STOP_SATURDAY_MORNING}) receives a request on Friday 06/03/2026 at 15:00 under a
 * 4-working-hour acceptance period (test policy TEST-WORKING-HOURS, civil-service calendar).
 */
class UnitCalendarTest {
  private static final String POLICY = "TEST-WORKING-HOURS";
  private final CaseScript ev = new CaseScript("C-SAT");

  private CaseFixture submitAt(CaseFixture fixture, String unit) {
    fixture
        .givenNoPriorActivity()
        .when(
            ev.submitted(
                "2026-03-06T15:00",
                CaseScript.submission(Category.PHAN_ANH, null, unit).setPolicyId(POLICY).build()))
        .expectApplied();
    return fixture;
  }

  @Test
  void theDayIsAFriday() {
    assertThat(LocalDate.of(2026, 3, 6).getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
  }

  @Test
  void aSaturdayMorningCounterCountsItsSaturdayHours() {
    // Fri 15:00–17:00 = 2 h, then Sat 08:00–10:00 = 2 h: due Saturday 10:00 local
    CaseFixture fixture =
        submitAt(
            new CaseFixture().unitCalendar("U-WARD", Calendars.ONE_STOP_SATURDAY_MORNING),
            "U-WARD");
    assertThat(fixture.state().getClock().getCalendarId())
        .isEqualTo(Calendars.ONE_STOP_SATURDAY_MORNING);
    assertThat(fixture.state().getClock().getDueAt()).isEqualTo(CaseScript.at("2026-03-07T10:00"));
    fixture
        .given()
        .whenTimeElapsesTo(CaseScript.at("2026-03-07T10:00"))
        .expectAlertRules(POLICY + "-ACCEPTANCE/warn-75pct")
        .andWhenTimeElapsesTo(CaseScript.at("2026-03-07T10:00").plusMillis(1))
        .expectAlerts(
            a ->
                assertThat(a)
                    .extracting(CaseAlert::getRuleId, CaseAlert::getDecidedAt)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            POLICY + "-ACCEPTANCE/breach", CaseScript.at("2026-03-07T10:00"))));
  }

  @Test
  void aUnitOnTheCivilServiceCalendarWaitsForMonday() {
    // Fri 15:00–17:00 = 2 h, Saturday and Sunday closed, Mon 08:00–10:00: due Monday 10:00
    CaseFixture fixture = submitAt(new CaseFixture(), "U-WARD");
    assertThat(fixture.state().getClock().getCalendarId()).isEqualTo(Calendars.CIVIL_SERVICE);
    assertThat(fixture.state().getClock().getDueAt()).isEqualTo(CaseScript.at("2026-03-09T10:00"));
  }

  @Test
  void aUnitTheDirectoryDoesNotKnowRunsOnThePolicysCalendar() {
    CaseFixture fixture = submitAt(new CaseFixture(), "U-GHOST");
    assertThat(fixture.state().getClock().getCalendarId()).isEqualTo(Calendars.CIVIL_SERVICE);
    assertThat(fixture.state().getClock().getDueAt()).isEqualTo(CaseScript.at("2026-03-09T10:00"));
  }

  @Test
  void aTransferKeepsTheRunningClocksCalendar() {
    CaseFixture fixture =
        submitAt(
            new CaseFixture().unitCalendar("U-WARD", Calendars.ONE_STOP_SATURDAY_MORNING),
            "U-WARD");
    Instant due = fixture.state().getClock().getDueAt();
    fixture
        .given(ev.transferred("2026-03-06T16:00", "U-OTHER"))
        .whenTimeElapsesTo(CaseScript.at("2026-03-06T16:30"))
        .expectState(
            s -> {
              assertThat(s.getClock().getCalendarId())
                  .isEqualTo(Calendars.ONE_STOP_SATURDAY_MORNING);
              assertThat(s.getClock().getDueAt()).isEqualTo(due);
            });
  }
}
