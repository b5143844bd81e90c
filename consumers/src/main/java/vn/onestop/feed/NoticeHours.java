package vn.onestop.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.OrgUnit;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.WorkingCalendar;
import vn.onestop.sla.calendar.WorkingWindow;

/**
 * When a webhook notice may be sent: a WARNING (a deadline approaching, not yet missed) only within
 * the receiving unit's working hours, so nobody is paged at midnight for something that can wait
 * until the office opens; a BREACH or ESCALATION (a legal deadline missed) at once, whatever the
 * hour (docs/operations.md, Webhooks). An alert of an unknown kind is sent at once too: holding
 * what cannot be classified could delay a breach.
 *
 * <p>Working hours are the windows of the unit's calendar ({@code OrgUnit.calendarId}; the {@link
 * Calendars#CIVIL_SERVICE} calendar when the unit has none this book knows): on a working day
 * 08:00–12:00 and 13:00–17:00 Asia/Ho_Chi_Minh, none on Sundays and public holidays, and Saturday
 * 08:00–12:00 for a one-stop counter open on Saturday mornings ({@link
 * WorkingCalendar#workingHours}). A window is [start, end): a warning at 17:00 waits for the next
 * opening.
 */
public final class NoticeHours {
  /** Longest look-ahead for the next opening: longer than any run of holidays (Tết). */
  static final int MAX_SCAN_DAYS = 60;

  private final CalendarBook calendars;

  /**
   * @param calendars the working calendars by id
   */
  public NoticeHours(CalendarBook calendars) {
    this.calendars = calendars;
  }

  /**
   * The receiving unit of an alert at one receiver: the recipient unit if the receiver is its
   * webhook, else the handling unit.
   *
   * @param alert the alert
   * @param receiverUrl the receiver's URL exactly as in {@code OrgUnit.webhookUrl}
   * @param org the directory
   * @return the unit, empty if neither is in the directory
   */
  static Optional<OrgUnit> receivingUnit(CaseAlert alert, String receiverUrl, OrgTree org) {
    Optional<OrgUnit> recipient =
        alert.getRecipientUnitId() == null
            ? Optional.empty()
            : org.unit(alert.getRecipientUnitId().toString());
    if (recipient.isPresent()
        && recipient.get().getWebhookUrl() != null
        && recipient.get().getWebhookUrl().toString().equals(receiverUrl)) {
      return recipient;
    }
    Optional<OrgUnit> handling = org.unit(alert.getUnitId().toString());
    return handling.isPresent() ? handling : recipient;
  }

  /**
   * @param unit the receiving unit, or empty when unknown
   * @return its calendar, or the civil-service calendar when it names none this book knows
   */
  public WorkingCalendar calendarOf(Optional<OrgUnit> unit) {
    String id = unit.map(OrgUnit::getCalendarId).map(CharSequence::toString).orElse(null);
    return calendars.get(calendars.contains(id) ? id : Calendars.CIVIL_SERVICE);
  }

  /**
   * @param kind the alert's kind
   * @param calendar the receiving unit's calendar
   * @param now the current instant (UTC)
   * @return {@code now} when the notice may go now, else the next opening of the calendar's working
   *     hours (a UTC instant; the window's start in Asia/Ho_Chi_Minh)
   * @throws IllegalStateException if the calendar has no working hours within {@value
   *     #MAX_SCAN_DAYS} days
   */
  public Instant releaseAt(AlertKind kind, WorkingCalendar calendar, Instant now) {
    if (kind != AlertKind.WARNING) {
      return now; // a missed deadline is told at once
    }
    return nextOpening(calendar, now);
  }

  /**
   * @param calendar a working calendar
   * @param now an instant
   * @return {@code now} if it falls inside a working window, else the start of the next window
   * @throws IllegalStateException if there is none within {@value #MAX_SCAN_DAYS} days
   */
  static Instant nextOpening(WorkingCalendar calendar, Instant now) {
    ZonedDateTime local = now.atZone(calendar.zone());
    LocalDate day = local.toLocalDate();
    LocalTime time = local.toLocalTime();
    for (int i = 0; i <= MAX_SCAN_DAYS; i++) {
      LocalDate d = day.plusDays(i);
      for (WorkingWindow w : calendar.workingHours(d)) {
        if (i == 0 && !time.isBefore(w.end())) {
          continue; // this window is over
        }
        if (i == 0 && !time.isBefore(w.start())) {
          return now; // inside it
        }
        return d.atTime(w.start()).atZone(calendar.zone()).toInstant();
      }
    }
    throw new IllegalStateException(
        "calendar "
            + calendar.id()
            + ": no working hours within "
            + MAX_SCAN_DAYS
            + " days of "
            + day);
  }
}
