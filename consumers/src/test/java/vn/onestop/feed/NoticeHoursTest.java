package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.WorkingCalendar;

/**
 * Webhook notices and working hours (docs/operations.md, Webhooks): a warning outside the receiving
 * unit's working hours waits for the next opening, on the unit's own calendar; a breach or an
 * escalation goes at once; and a held warning survives a restart in the committed offset without
 * what was sent being sent again.
 */
class NoticeHoursTest {
  private final NoticeHours hours = new NoticeHours(CalendarBook.standard());
  private final WorkingCalendar civil = CalendarBook.standard().get(Calendars.CIVIL_SERVICE);
  private final WorkingCalendar saturday =
      CalendarBook.standard().get(Calendars.ONE_STOP_SATURDAY_MORNING);

  static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  @Test
  void aWarningAtElevenOnFridayNightWaitsForMondaysOpening() {
    // 06/03/2026 is a Friday; Monday 09/03 08:00 is the civil service's next working hour
    assertThat(hours.releaseAt(AlertKind.WARNING, civil, local("2026-03-06T23:00")))
        .isEqualTo(local("2026-03-09T08:00"));
  }

  @Test
  void aBreachOrAnEscalationAtElevenAtNightGoesAtOnce() {
    Instant night = local("2026-03-06T23:00");
    assertThat(hours.releaseAt(AlertKind.BREACH, civil, night)).isEqualTo(night);
    assertThat(hours.releaseAt(AlertKind.ESCALATION, civil, night)).isEqualTo(night);
  }

  @Test
  void aSaturdayMorningCounterGetsItsWarningOnSaturdayAtEight() {
    assertThat(hours.releaseAt(AlertKind.WARNING, saturday, local("2026-03-06T23:00")))
        .isEqualTo(local("2026-03-07T08:00"));
    // after its Saturday window closes at 12:00, the next is Monday
    assertThat(hours.releaseAt(AlertKind.WARNING, saturday, local("2026-03-07T12:00")))
        .isEqualTo(local("2026-03-09T08:00"));
  }

  @Test
  void inWorkingHoursAWarningGoesNowAndTheLunchBreakAndFiveOClockWait() {
    Instant morning = local("2026-03-04T10:15");
    assertThat(hours.releaseAt(AlertKind.WARNING, civil, morning)).isEqualTo(morning);
    assertThat(hours.releaseAt(AlertKind.WARNING, civil, local("2026-03-04T12:30")))
        .isEqualTo(local("2026-03-04T13:00"));
    assertThat(hours.releaseAt(AlertKind.WARNING, civil, local("2026-03-04T17:00")))
        .as("a window is [start, end)")
        .isEqualTo(local("2026-03-05T08:00"));
  }

  @Test
  void aUnitWithoutAKnownCalendarKeepsTheCivilServiceHours() {
    assertThat(hours.calendarOf(Optional.empty()).id()).isEqualTo(Calendars.CIVIL_SERVICE);
    assertThat(
            hours
                .calendarOf(
                    Optional.of(TestRecords.unit("X", "X", null, 0).setCalendarId("nope").build()))
                .id())
        .isEqualTo(Calendars.CIVIL_SERVICE);
    assertThat(
            hours
                .calendarOf(
                    Optional.of(
                        TestRecords.unit("X", "X", null, 0)
                            .setCalendarId(Calendars.ONE_STOP_SATURDAY_MORNING)
                            .build()))
                .id())
        .isEqualTo(Calendars.ONE_STOP_SATURDAY_MORNING);
  }

  @Test
  void aHeldWarningIsReadAgainAfterARestartAndWhatWasSentIsNot() {
    CaseAlert warning = TestRecords.alert("w-1", "HS-1", "HK", "HK", AlertKind.WARNING, 0).build();
    DeliveryLedger before = DeliveryLedger.resume(10, null);
    before.hold(10, warning, local("2026-03-09T08:00"));
    before.finished(11); // a breach after it, sent at once
    before.finished(12);
    assertThat(before.commitOffset()).as("kept at the held warning").isEqualTo(10);
    assertThat(before.due(local("2026-03-08T20:00"))).isEmpty();
    assertThat(before.due(local("2026-03-09T08:00")))
        .extracting(DeliveryLedger.Held::offset)
        .containsExactly(10L);

    DeliveryLedger after = DeliveryLedger.resume(before.commitOffset(), before.metadata());
    assertThat(after.finishedBefore(10)).as("the held warning: handled again").isFalse();
    assertThat(after.finishedBefore(11)).as("the breach: not sent twice").isTrue();
    assertThat(after.finishedBefore(12)).isTrue();
    assertThat(after.finishedBefore(13)).as("never read").isFalse();

    before.release(10);
    assertThat(before.commitOffset()).isEqualTo(13);
    assertThat(DeliveryLedger.resume(13, before.metadata()).finishedBefore(13)).isFalse();
  }

  @Test
  void unreadableMetadataMeansEverythingFromTheCommittedOffsetIsHandledAgain() {
    DeliveryLedger l = DeliveryLedger.resume(5, "h1 zz!! 1,2");
    assertThat(l.finishedBefore(5)).isFalse();
    assertThat(l.finishedBefore(6)).isFalse();
    assertThat(DeliveryLedger.resume(5, "something else").finishedBefore(6)).isFalse();
  }
}
