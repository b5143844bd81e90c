package vn.onestop.sla.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The four working-time operations of {@link DeadlineArithmetic} on the per-year index ({@link
 * YearIndex}): whole years and whole days are jumped by prefix counts and prefix sums, only the
 * partial first and last day go through the window logic of the day walk. Each method gives the
 * result of the matching {@link DayWalk} method; whenever a year it would touch has no index
 * (outside the holiday data or the index range) or a scan limit of the walk could be reached, it
 * returns the walk's own answer (or exception) instead. Arguments are already checked by the
 * caller. Cost: O(years spanned + log 366) per call instead of O(days spanned).
 */
final class IndexedArithmetic {

  /** Working time beyond which {@link #addWorkingTime} cannot end inside the walk's scan limit. */
  private static final long MAX_SCAN_NANOS = DayWalk.MAX_SCAN_DAYS * 86_400_000_000_000L;

  private IndexedArithmetic() {}

  /** See {@link DeadlineArithmetic#workingDaysBetween}. */
  static long workingDaysBetween(Instant a, Instant b, WorkingCalendar cal) {
    if (!b.isAfter(a)) {
      return 0;
    }
    LocalDate from = DeadlineArithmetic.dayOf(a);
    LocalDate to = DeadlineArithmetic.dayOf(b);
    if (!to.isAfter(from)) {
      return 0;
    }
    // working days in [from + 1, to]
    LocalDate first = from.plusDays(1);
    int y0 = first.getYear();
    int y1 = to.getYear();
    long n = 0;
    for (int y = y0; y <= y1; y++) {
      YearIndex yi = cal.yearIndex(y);
      if (yi == null) {
        return DayWalk.workingDaysBetween(a, b, cal);
      }
      int lo = y == y0 ? first.getDayOfYear() - 1 : 0;
      int hi = y == y1 ? to.getDayOfYear() : yi.days();
      n += yi.workingDaysBefore(hi) - yi.workingDaysBefore(lo);
    }
    return n;
  }

  /** See {@link DeadlineArithmetic#addWorkingDays}; {@code n >= 0}. */
  static Instant addWorkingDays(Instant from, int n, WorkingCalendar cal) {
    LocalDate d = DeadlineArithmetic.dayOf(from);
    YearIndex yi = cal.yearIndex(d.getYear());
    if (yi == null) {
      return DayWalk.addWorkingDays(from, n, cal);
    }
    int i = d.getDayOfYear() - 1;
    if (n == 0 && yi.isWorkingDay(i)) {
      return yi.endOf(i);
    }
    // the k-th working day counted from 1 January of yi's year (n = 0: the next working day)
    long k = (long) yi.workingDaysBefore(i + 1) + Math.max(n, 1);
    while (true) {
      int total = yi.workingDays();
      if (total == 0) {
        // a year without working days: the walk's own scan limit decides
        return DayWalk.addWorkingDays(from, n, cal);
      }
      if (k <= total) {
        return yi.endOf(yi.kthWorkingDay((int) k));
      }
      k -= total;
      yi = cal.yearIndex(yi.year() + 1);
      if (yi == null) {
        return DayWalk.addWorkingDays(from, n, cal);
      }
    }
  }

  /** See {@link DeadlineArithmetic#addWorkingTime}; {@code amount >= 0}. */
  static Instant addWorkingTime(Instant start, Duration amount, WorkingCalendar cal) {
    LocalDateTime cursor = LocalDateTime.ofInstant(start, Calendars.ZONE);
    LocalDate startDay = cursor.toLocalDate();
    YearIndex yi = cal.yearIndex(startDay.getYear());
    if (yi == null) {
      return DayWalk.addWorkingTime(start, amount, cal);
    }
    int i = startDay.getDayOfYear() - 1;
    // the first day: the walk's window logic from the cursor
    long cur = cursor.toLocalTime().toNanoOfDay();
    Duration remaining = amount;
    for (WorkingWindow w : yi.hours(i)) {
      long ws = w.start().toNanoOfDay();
      long we = w.end().toNanoOfDay();
      if (cur >= we) {
        continue;
      }
      long f = Math.max(cur, ws);
      long available = we - f;
      if (remaining.compareTo(Duration.ofNanos(available)) <= 0) {
        return at(startDay, f + remaining.toNanos());
      }
      remaining = remaining.minusNanos(available);
      cur = we;
    }
    if (remaining.compareTo(Duration.ofNanos(MAX_SCAN_NANOS)) > 0) {
      return DayWalk.addWorkingTime(start, amount, cal);
    }
    // whole days from the next day on; every later window is used from its opening
    long r = remaining.toNanos();
    int j = i + 1;
    while (true) {
      if (j >= yi.days()) {
        yi = cal.yearIndex(yi.year() + 1);
        if (yi == null) {
          return DayWalk.addWorkingTime(start, amount, cal);
        }
        j = 0;
      }
      long need = Math.max(r, 1); // r = 0: the next opening, on the first day with windows
      long available = yi.nanosBefore(yi.days()) - yi.nanosBefore(j);
      if (need > available) {
        r -= available;
        j = yi.days();
        if (ChronoUnit.DAYS.between(startDay, yi.date(yi.days() - 1)) >= DayWalk.MAX_SCAN_DAYS) {
          return DayWalk.addWorkingTime(start, amount, cal);
        }
        continue;
      }
      int e = yi.dayReaching(j, need);
      LocalDate day = yi.date(e);
      if (ChronoUnit.DAYS.between(startDay, day) >= DayWalk.MAX_SCAN_DAYS) {
        return DayWalk.addWorkingTime(start, amount, cal);
      }
      long rest = r - (yi.nanosBefore(e) - yi.nanosBefore(j));
      List<WorkingWindow> windows = yi.hours(e);
      for (WorkingWindow w : windows) {
        long len = w.end().toNanoOfDay() - w.start().toNanoOfDay();
        if (rest <= len) {
          return at(day, w.start().toNanoOfDay() + rest);
        }
        rest -= len;
      }
      throw new IllegalStateException("working-day index of " + cal.id() + " is inconsistent");
    }
  }

  /** See {@link DeadlineArithmetic#workingTimeBetween}. */
  static Duration workingTimeBetween(Instant a, Instant b, WorkingCalendar cal) {
    if (!b.isAfter(a)) {
      return Duration.ZERO;
    }
    LocalDateTime from = LocalDateTime.ofInstant(a, Calendars.ZONE);
    LocalDateTime to = LocalDateTime.ofInstant(b, Calendars.ZONE);
    LocalDate d0 = from.toLocalDate();
    LocalDate d1 = to.toLocalDate();
    int y0 = d0.getYear();
    int y1 = d1.getYear();
    YearIndex first = cal.yearIndex(y0);
    if (first == null) {
      return DayWalk.workingTimeBetween(a, b, cal);
    }
    long fromNanos = from.toLocalTime().toNanoOfDay();
    long toNanos = to.toLocalTime().toNanoOfDay();
    int i0 = d0.getDayOfYear() - 1;
    if (d0.equals(d1)) {
      return Duration.ofNanos(overlap(first.hours(i0), fromNanos, toNanos));
    }
    YearIndex last = y1 == y0 ? first : cal.yearIndex(y1);
    if (last == null) {
      return DayWalk.workingTimeBetween(a, b, cal);
    }
    int i1 = d1.getDayOfYear() - 1;
    Duration total =
        Duration.ofNanos(
            overlap(first.hours(i0), fromNanos, Long.MAX_VALUE)
                + overlap(last.hours(i1), Long.MIN_VALUE, toNanos));
    // whole days strictly between d0 and d1
    for (int y = y0; y <= y1; y++) {
      YearIndex yi = y == y0 ? first : y == y1 ? last : cal.yearIndex(y);
      if (yi == null) {
        return DayWalk.workingTimeBetween(a, b, cal);
      }
      int lo = y == y0 ? i0 + 1 : 0;
      int hi = y == y1 ? i1 : yi.days();
      if (hi > lo) {
        total = total.plusNanos(yi.nanosBefore(hi) - yi.nanosBefore(lo));
      }
    }
    return total;
  }

  /** Working time of the windows inside [from, to] of one day, nanoseconds of the day. */
  private static long overlap(List<WorkingWindow> windows, long from, long to) {
    long n = 0;
    for (WorkingWindow w : windows) {
      long s = Math.max(w.start().toNanoOfDay(), from);
      long e = Math.min(w.end().toNanoOfDay(), to);
      if (e > s) {
        n += e - s;
      }
    }
    return n;
  }

  private static Instant at(LocalDate day, long nanoOfDay) {
    return day.atTime(LocalTime.ofNanoOfDay(nanoOfDay)).atZone(Calendars.ZONE).toInstant();
  }
}
