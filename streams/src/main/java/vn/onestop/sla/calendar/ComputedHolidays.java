package vn.onestop.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Holidays of a year for which no schedule has been announced, derived from the Labour Code 2019.
 *
 * <p>Rules (every entry is marked {@link SourceStatus#UNVERIFIED}):
 *
 * <ul>
 *   <li>Art 112(1)(a): 1 January.
 *   <li>Art 112(1)(b), 112(3): Tết, 5 days — the last day of the old lunar year plus the first four
 *       days of the new one (the usual pattern of recent announcements, e.g. 2020, 2026; the Prime
 *       Minister decides the real days).
 *   <li>Art 112(1)(c), (d): 30 April and 1 May.
 *   <li>Art 112(1)(đ), 112(3): 2 September plus one adjacent day, chosen to avoid a bridge day: 3
 *       September when 2 September is a Monday, Thursday or Sunday (precedents 2024: Mon 2–Tue 3,
 *       2021: Thu 2–Fri 3), otherwise 1 September (2025: Mon 1–Tue 2, 2022: Thu 1–Fri 2, 2023: Fri
 *       1–Sat 2). A Wednesday 2 September takes 1 September, as assumed for 2026.
 *   <li>Art 112(1)(e): Hùng Kings' day, 10th day of the 3rd lunar month ({@link LunarCalendar}).
 *   <li>Art 111(3): each holiday on a Saturday or Sunday gives a compensatory day off on the next
 *       Monday–Friday day that is not itself a holiday or compensatory day.
 * </ul>
 *
 * No swaps (hoán đổi) are invented: they are decided case by case.
 */
final class ComputedHolidays {

  static final String BASIS_SUFFIX = "; computed, no announced schedule";

  private ComputedHolidays() {}

  /**
   * @param year Gregorian year within the {@link LunarCalendar} range
   * @return the entries sorted by date
   */
  static List<HolidayEntry> forYear(int year) {
    List<HolidayEntry> holidays = new ArrayList<>();
    holidays.add(holiday(LocalDate.of(year, 1, 1), "Tết Dương lịch", "BLLĐ 2019 Điều 112(1)(a)"));
    LocalDate tet = LunarCalendar.tet(year);
    String tetBasis = "BLLĐ 2019 Điều 112(1)(b), 112(3)";
    holidays.add(holiday(tet.minusDays(1), "Tết Nguyên đán (ngày cuối năm âm lịch)", tetBasis));
    for (int i = 0; i < 4; i++) {
      holidays.add(holiday(tet.plusDays(i), "Tết Nguyên đán (mùng " + (i + 1) + " Tết)", tetBasis));
    }
    holidays.add(
        holiday(
            LunarCalendar.hungKingsDay(year),
            "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
            "BLLĐ 2019 Điều 112(1)(e)"));
    holidays.add(
        holiday(LocalDate.of(year, 4, 30), "Ngày Chiến thắng", "BLLĐ 2019 Điều 112(1)(c)"));
    holidays.add(
        holiday(LocalDate.of(year, 5, 1), "Ngày Quốc tế Lao động", "BLLĐ 2019 Điều 112(1)(d)"));
    LocalDate nationalDay = LocalDate.of(year, 9, 2);
    holidays.add(holiday(nationalDay, "Quốc khánh", "BLLĐ 2019 Điều 112(1)(đ)"));
    holidays.add(
        holiday(
            nationalDayCompanion(nationalDay),
            "Quốc khánh (ngày liền kề)",
            "BLLĐ 2019 Điều 112(1)(đ), 112(3)"));
    holidays.sort(Comparator.comparing(HolidayEntry::date));

    Set<LocalDate> taken = new HashSet<>();
    holidays.forEach(h -> taken.add(h.date()));
    List<HolidayEntry> result = new ArrayList<>(holidays);
    for (HolidayEntry h : holidays) {
      if (isWeekend(h.date())) {
        LocalDate d = h.date().plusDays(1);
        while (isWeekend(d) || taken.contains(d)) {
          d = d.plusDays(1);
        }
        taken.add(d);
        result.add(
            new HolidayEntry(
                d,
                HolidayKind.COMPENSATORY_DAY_OFF,
                "Nghỉ bù " + h.name() + " " + h.date(),
                "BLLĐ 2019 Điều 111(3)" + BASIS_SUFFIX,
                SourceStatus.UNVERIFIED));
      }
    }
    result.sort(Comparator.comparing(HolidayEntry::date));
    return List.copyOf(result);
  }

  /** The day chosen next to 2 September (see the class comment). */
  static LocalDate nationalDayCompanion(LocalDate nationalDay) {
    DayOfWeek dow = nationalDay.getDayOfWeek();
    boolean after = dow == DayOfWeek.MONDAY || dow == DayOfWeek.THURSDAY || dow == DayOfWeek.SUNDAY;
    return after ? nationalDay.plusDays(1) : nationalDay.minusDays(1);
  }

  private static HolidayEntry holiday(LocalDate date, String name, String basis) {
    return new HolidayEntry(
        date, HolidayKind.HOLIDAY, name, basis + BASIS_SUFFIX, SourceStatus.UNVERIFIED);
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
