package vn.onestop.feed;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.query.OpenCasesQuery;

/**
 * The cockpit's Vietnamese texts for due dates and time left. Dates are Asia/Ho_Chi_Minh ({@link
 * AlertView#ZONE}); a day-based period ends at 24:00 of its last day, shown as {@code hết ngày
 * dd/MM/yyyy} (end of day D, Civil Code 2015 art. 148), never as 00:00 of the next day.
 */
public final class CockpitText {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(AlertView.ZONE);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(AlertView.ZONE);

  private CockpitText() {}

  /**
   * @param due a due instant (UTC)
   * @param dayBased whether the period counts days
   * @return {@code hết ngày dd/MM/yyyy} (the day the period ends, {@link DeadlineArithmetic#dayOf})
   *     for a day-based period, else {@code HH:mm dd/MM/yyyy}
   */
  public static String dueLocal(Instant due, boolean dayBased) {
    if (dayBased) {
      return "hết ngày " + DAY.format(DeadlineArithmetic.dayOf(due));
    }
    return TIME.format(due);
  }

  /**
   * @param due a due instant
   * @return whether it is 00:00 local, i.e. 24:00 of a day (how day-based periods end); used for
   *     alert-based rows, whose alerts do not say the period's unit
   */
  public static boolean endOfDay(Instant due) {
    return due.atZone(AlertView.ZONE).toLocalTime().equals(LocalTime.MIDNIGHT);
  }

  /**
   * @param r a row of the engine's open cases
   * @return working time left or overdue: {@code còn N ngày làm việc} / {@code hạn chót hết hôm
   *     nay} / {@code quá hạn N ngày làm việc} for day-based periods, {@code còn 2 giờ 30 phút làm
   *     việc} / {@code quá hạn 45 phút làm việc} otherwise, {@code quá hạn} when no working time
   *     has passed since the due instant, {@code tạm đình chỉ} while suspended; null without a
   *     clock
   */
  public static String workingTimeLeft(OpenCasesQuery.Row r) {
    if (r.openCase().dueAt() == null) {
      return null;
    }
    if (r.openCase().suspended()) {
      return "tạm đình chỉ";
    }
    Long days = r.workingDaysLeft();
    if (days != null) {
      if (r.overdue()) {
        return days == 0 ? "quá hạn" : "quá hạn " + (-days) + " ngày làm việc";
      }
      return days == 0 ? "hạn chót hết hôm nay" : "còn " + days + " ngày làm việc";
    }
    long minutes = r.workingMinutesLeft() == null ? 0 : r.workingMinutesLeft();
    if (r.overdue()) {
      return minutes == 0 ? "quá hạn" : "quá hạn " + hours(-minutes) + " làm việc";
    }
    return minutes == 0 ? "đến hạn khi mở cửa" : "còn " + hours(minutes) + " làm việc";
  }

  private static String hours(long minutes) {
    long h = minutes / 60;
    long m = minutes % 60;
    if (h == 0) {
      return m + " phút";
    }
    return m == 0 ? h + " giờ" : h + " giờ " + m + " phút";
  }
}
