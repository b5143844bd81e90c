package vn.onestop.sla.kpi;

import java.time.Instant;
import java.time.YearMonth;
import vn.onestop.sla.calendar.Calendars;

/** Calendar months in Asia/Ho_Chi_Minh ({@link Calendars#ZONE}) as used by every KPI. */
public final class KpiMonths {
  private KpiMonths() {}

  /**
   * @param t a UTC instant
   * @return the month containing its local date in Asia/Ho_Chi_Minh
   */
  public static YearMonth monthOf(Instant t) {
    return YearMonth.from(t.atZone(Calendars.ZONE));
  }

  /**
   * @param m a month
   * @return its start, 00:00 local on the 1st, as a UTC instant
   */
  public static Instant startOf(YearMonth m) {
    return m.atDay(1).atStartOfDay(Calendars.ZONE).toInstant();
  }

  /**
   * @param m a month
   * @return its end, 24:00 local of its last day (= start of the next month), as a UTC instant
   */
  public static Instant endOf(YearMonth m) {
    return startOf(m.plusMonths(1));
  }
}
