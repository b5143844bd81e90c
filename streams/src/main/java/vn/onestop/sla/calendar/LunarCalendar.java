package vn.onestop.sla.calendar;

import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.SimpleTimeZone;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically at UTC+7.
 *
 * <p>Vietnam's calendar follows the same rules as the Chinese one but new moons and solar terms are
 * reckoned at the meridian of UTC+7 (North Vietnam from 1968; the whole country since 1976),
 * whereas China uses UTC+8. When a new moon falls between 23:00 and 24:00 UTC+7 the two calendars
 * start a month on different days: Tết 1968 (29 Jan in Vietnam, 30 Jan in China), 1985 (21 Jan vs
 * 20 Feb, a different leap-month placement), 2007 (17 vs 18 Feb), 2030 (2 vs 3 Feb).
 *
 * <p>Implementation: ICU4J's {@link ChineseCalendar} with its astronomical zone set to a fixed
 * UTC+7 offset (the protected constructor {@code ChineseCalendar(TimeZone, ULocale, TimeZone
 * zoneAstroCalc)}). ICU's lunar theory is approximate (minutes); the unit tests cross-check every
 * Tết and Hùng Kings day of {@value #MIN_YEAR}–{@value #MAX_YEAR} against an independent
 * implementation of Hồ Ngọc Đức's algorithm (the reference for published Vietnamese calendars) and
 * against a table of published Tết dates. Years outside that range are rejected.
 *
 * <p>All methods are thread-safe; results are returned as {@link LocalDate}s of the Gregorian
 * calendar (civil dates in Vietnam, no time zone attached).
 */
public final class LunarCalendar {

  /** First supported Gregorian year (first year of the UTC+7 convention in Vietnam). */
  public static final int MIN_YEAR = 1968;

  /** Last supported Gregorian year (range cross-checked by tests). */
  public static final int MAX_YEAR = 2100;

  /** Fixed UTC+7 offset used for astronomical reckoning (Vietnam). */
  static final TimeZone VIETNAM_ASTRO_ZONE = new SimpleTimeZone(7 * 3_600_000, "UTC+07:00");

  /** Fixed UTC+8 offset (China); only used by tests to show the difference. */
  static final TimeZone CHINA_ASTRO_ZONE = new SimpleTimeZone(8 * 3_600_000, "UTC+08:00");

  private static final Map<Integer, LocalDate> TET_CACHE = new ConcurrentHashMap<>();

  private LunarCalendar() {}

  /**
   * The first day of the first lunar month (mùng 1 Tết Nguyên đán) that falls in the given
   * Gregorian year.
   *
   * @param gregorianYear Gregorian year, {@value #MIN_YEAR}..{@value #MAX_YEAR}
   * @return the Gregorian date of Tết (always between 21 January and 20 February)
   * @throws IllegalArgumentException if the year is outside the supported range
   */
  public static LocalDate tet(int gregorianYear) {
    checkYear(gregorianYear);
    return TET_CACHE.computeIfAbsent(gregorianYear, y -> tet(y, VIETNAM_ASTRO_ZONE));
  }

  /**
   * Converts a day of a regular (non-leap) lunar month to the Gregorian calendar.
   *
   * @param gregorianYearOfLunarNewYear the Gregorian year in which this lunar year's Tết falls
   * @param lunarMonth 1..12 (a leap month "tháng nhuận" is never selected)
   * @param lunarDay 1..30; must exist in that month (lunar months have 29 or 30 days)
   * @return the Gregorian date
   * @throws IllegalArgumentException if the year is out of range, the month or day is out of range,
   *     or the month has only 29 days and day 30 was requested
   */
  public static LocalDate toGregorian(
      int gregorianYearOfLunarNewYear, int lunarMonth, int lunarDay) {
    checkYear(gregorianYearOfLunarNewYear);
    return toGregorian(gregorianYearOfLunarNewYear, lunarMonth, lunarDay, VIETNAM_ASTRO_ZONE);
  }

  /**
   * Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month (Labour Code 2019, Art 112(1)(e)).
   *
   * @param year Gregorian year, {@value #MIN_YEAR}..{@value #MAX_YEAR}
   * @return its Gregorian date (late March to late April)
   * @throws IllegalArgumentException if the year is outside the supported range
   */
  public static LocalDate hungKingsDay(int year) {
    return toGregorian(year, 3, 10);
  }

  /** Tết for an arbitrary astronomical zone (package-private: tests compare UTC+7 and UTC+8). */
  static LocalDate tet(int gregorianYear, TimeZone astroZone) {
    // Tết always lies between 21 Jan and 20 Feb; scan that window for lunar month 1, day 1.
    LocalDate end = LocalDate.of(gregorianYear, 2, 22);
    for (LocalDate d = LocalDate.of(gregorianYear, 1, 19); d.isBefore(end); d = d.plusDays(1)) {
      ChineseCalendar c = at(d, astroZone);
      if (c.get(ChineseCalendar.MONTH) == 0
          && c.get(ChineseCalendar.IS_LEAP_MONTH) == 0
          && c.get(ChineseCalendar.DAY_OF_MONTH) == 1) {
        return d;
      }
    }
    throw new IllegalStateException("no lunar new year found in " + gregorianYear);
  }

  /**
   * Lunar-to-Gregorian conversion for an arbitrary astronomical zone (package-private for tests).
   */
  static LocalDate toGregorian(int year, int lunarMonth, int lunarDay, TimeZone astroZone) {
    if (lunarMonth < 1 || lunarMonth > 12) {
      throw new IllegalArgumentException("lunarMonth must be 1..12, was " + lunarMonth);
    }
    if (lunarDay < 1 || lunarDay > 30) {
      throw new IllegalArgumentException("lunarDay must be 1..30, was " + lunarDay);
    }
    ChineseCalendar c = at(tet(year, astroZone), astroZone);
    c.set(ChineseCalendar.MONTH, lunarMonth - 1);
    c.set(ChineseCalendar.IS_LEAP_MONTH, 0);
    c.set(ChineseCalendar.DAY_OF_MONTH, 1);
    int monthLength = c.getActualMaximum(ChineseCalendar.DAY_OF_MONTH);
    if (lunarDay > monthLength) {
      throw new IllegalArgumentException(
          "lunar month "
              + lunarMonth
              + " of the year starting "
              + tet(year, astroZone)
              + " has "
              + monthLength
              + " days, not "
              + lunarDay);
    }
    c.set(ChineseCalendar.DAY_OF_MONTH, lunarDay);
    LocalDate result =
        Instant.ofEpochMilli(c.getTimeInMillis()).atZone(ZoneOffset.UTC).toLocalDate();
    ChineseCalendar check = at(result, astroZone);
    if (check.get(ChineseCalendar.MONTH) != lunarMonth - 1
        || check.get(ChineseCalendar.IS_LEAP_MONTH) != 0
        || check.get(ChineseCalendar.DAY_OF_MONTH) != lunarDay) {
      throw new IllegalStateException(
          "lunar conversion did not round-trip for " + year + "/" + lunarMonth + "/" + lunarDay);
    }
    return result;
  }

  private static ChineseCalendar at(LocalDate date, TimeZone astroZone) {
    // Calendar fields are read in GMT so that a LocalDate maps to exactly one civil day.
    ChineseCalendar c = new VietnameseChineseCalendar(astroZone);
    c.setTimeInMillis(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    return c;
  }

  private static void checkYear(int year) {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new IllegalArgumentException(
          "lunar calendar supports Gregorian years "
              + MIN_YEAR
              + ".."
              + MAX_YEAR
              + ", was "
              + year);
    }
  }

  /** Exposes ICU's protected constructor that takes the astronomical zone. */
  private static final class VietnameseChineseCalendar extends ChineseCalendar {
    private static final long serialVersionUID = 1L;

    VietnameseChineseCalendar(TimeZone astroZone) {
      super(TimeZone.GMT_ZONE, ULocale.ROOT, astroZone);
    }
  }
}
