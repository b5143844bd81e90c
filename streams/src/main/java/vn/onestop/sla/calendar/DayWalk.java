package vn.onestop.sla.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The day-by-day walk of the four working-time operations of {@link DeadlineArithmetic}: the
 * reference implementation. {@link DeadlineArithmetic} answers from the per-year index ({@link
 * YearIndex}, via {@link IndexedArithmetic}) and falls back to these methods for years outside the
 * index; the property tests (DeadlineIndexProperties) prove both give the same results. Semantics
 * (day of an instant, windows, boundaries) are those documented on {@link DeadlineArithmetic}; the
 * arguments are already checked by the caller.
 */
final class DayWalk {

  /** Days scanned by {@link #addWorkingTime} before it gives up. */
  static final int MAX_SCAN_DAYS = 40_000;

  private DayWalk() {}

  /** See {@link DeadlineArithmetic#workingDaysBetween}. */
  static long workingDaysBetween(Instant a, Instant b, WorkingCalendar cal) {
    if (!b.isAfter(a)) {
      return 0;
    }
    LocalDate from = DeadlineArithmetic.dayOf(a);
    LocalDate to = DeadlineArithmetic.dayOf(b);
    long n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (cal.isWorkingDay(d)) {
        n++;
      }
    }
    return n;
  }

  /** See {@link DeadlineArithmetic#addWorkingDays}; {@code n >= 0}. */
  static Instant addWorkingDays(Instant from, int n, WorkingCalendar cal) {
    LocalDate d = DeadlineArithmetic.dayOf(from);
    if (n == 0) {
      return DeadlineArithmetic.endOf(cal.isWorkingDay(d) ? d : cal.nextWorkingDay(d));
    }
    for (int i = 0; i < n; i++) {
      d = cal.nextWorkingDay(d);
    }
    return DeadlineArithmetic.endOf(d);
  }

  /** See {@link DeadlineArithmetic#addWorkingTime}; {@code amount >= 0}. */
  static Instant addWorkingTime(Instant start, Duration amount, WorkingCalendar cal) {
    Duration remaining = amount;
    LocalDateTime cursor = LocalDateTime.ofInstant(start, Calendars.ZONE);
    LocalDate day = cursor.toLocalDate();
    for (int i = 0; i < MAX_SCAN_DAYS; i++, day = day.plusDays(1)) {
      for (WorkingWindow w : cal.workingHours(day)) {
        LocalDateTime ws = day.atTime(w.start());
        LocalDateTime we = day.atTime(w.end());
        if (!cursor.isBefore(we)) {
          continue;
        }
        LocalDateTime from = cursor.isAfter(ws) ? cursor : ws;
        Duration available = Duration.between(from, we);
        if (remaining.compareTo(available) <= 0) {
          return from.plus(remaining).atZone(Calendars.ZONE).toInstant();
        }
        remaining = remaining.minus(available);
        cursor = we;
      }
    }
    throw new IllegalStateException(
        "calendar "
            + cal.id()
            + ": working time "
            + amount
            + " not reached within "
            + MAX_SCAN_DAYS
            + " days of "
            + start);
  }

  /** See {@link DeadlineArithmetic#workingTimeBetween}. */
  static Duration workingTimeBetween(Instant a, Instant b, WorkingCalendar cal) {
    if (!b.isAfter(a)) {
      return Duration.ZERO;
    }
    LocalDateTime from = LocalDateTime.ofInstant(a, Calendars.ZONE);
    LocalDateTime to = LocalDateTime.ofInstant(b, Calendars.ZONE);
    Duration total = Duration.ZERO;
    for (LocalDate day = from.toLocalDate();
        !day.isAfter(to.toLocalDate());
        day = day.plusDays(1)) {
      for (WorkingWindow w : cal.workingHours(day)) {
        LocalDateTime s = max(day.atTime(w.start()), from);
        LocalDateTime e = min(day.atTime(w.end()), to);
        if (e.isAfter(s)) {
          total = total.plus(Duration.between(s, e));
        }
      }
    }
    return total;
  }

  private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
    return a.isBefore(b) ? a : b;
  }
}
