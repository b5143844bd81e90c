package vn.onestop.sla.calendar;

import java.time.LocalDate;

/**
 * Independent test oracle: Hồ Ngọc Đức's lunar-calendar algorithm (the reference behind most
 * published Vietnamese calendars), re-implemented from its published description. New moons from a
 * truncated Meeus series, sun longitude for the major solar terms, month 11 contains the winter
 * solstice, the first month without a major solar term in a 13-month year is the leap month.
 */
final class HoNgocDucReference {

  private HoNgocDucReference() {}

  /** Gregorian date of lunar (yearOfNewYear, month, day), non-leap month, at UTC+timeZone hours. */
  static LocalDate toSolar(int yearOfNewYear, int lunarMonth, int lunarDay, double timeZone) {
    long a11 = lunarMonth11(yearOfNewYear - 1, timeZone);
    long b11 = lunarMonth11(yearOfNewYear, timeZone);
    long k = floor(0.5 + (a11 - 2415021.076998695) / 29.530588853);
    long off = lunarMonth - 11;
    if (off < 0) {
      off += 12;
    }
    if (b11 - a11 > 365) {
      int leapOff = leapMonthOffset(a11, timeZone);
      if (off >= leapOff) {
        off += 1;
      }
    }
    long monthStart = newMoonDay(k + off, timeZone);
    return fromJd(monthStart + lunarDay - 1);
  }

  private static long floor(double d) {
    return (long) Math.floor(d);
  }

  private static long jd(LocalDate d) {
    return d.toEpochDay() + 2440588L;
  }

  private static LocalDate fromJd(long jd) {
    return LocalDate.ofEpochDay(jd - 2440588L);
  }

  private static double newMoon(long k) {
    double t = k / 1236.85;
    double t2 = t * t;
    double t3 = t2 * t;
    double dr = Math.PI / 180;
    double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
    double m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    double mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    double f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    double c1 = (0.1734 - 0.000393 * t) * Math.sin(m * dr) + 0.0021 * Math.sin(2 * dr * m);
    c1 = c1 - 0.4068 * Math.sin(mpr * dr) + 0.0161 * Math.sin(dr * 2 * mpr);
    c1 = c1 - 0.0004 * Math.sin(dr * 3 * mpr);
    c1 = c1 + 0.0104 * Math.sin(dr * 2 * f) - 0.0051 * Math.sin(dr * (m + mpr));
    c1 = c1 - 0.0074 * Math.sin(dr * (m - mpr)) + 0.0004 * Math.sin(dr * (2 * f + m));
    c1 = c1 - 0.0004 * Math.sin(dr * (2 * f - m)) - 0.0006 * Math.sin(dr * (2 * f + mpr));
    c1 = c1 + 0.0010 * Math.sin(dr * (2 * f - mpr)) + 0.0005 * Math.sin(dr * (2 * mpr + m));
    double deltaT =
        t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
    return jd1 + c1 - deltaT;
  }

  private static double sunLongitude(double jdn) {
    double t = (jdn - 2451545.0) / 36525;
    double t2 = t * t;
    double dr = Math.PI / 180;
    double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.sin(dr * m);
    dl = dl + (0.019993 - 0.000101 * t) * Math.sin(dr * 2 * m) + 0.000290 * Math.sin(dr * 3 * m);
    double l = (l0 + dl) * dr;
    return l - Math.PI * 2 * floor(l / (Math.PI * 2));
  }

  private static long newMoonDay(long k, double tz) {
    return floor(newMoon(k) + 0.5 + tz / 24);
  }

  private static long sunLongitudeSector(long dayNumber, double tz) {
    return floor(sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI * 6);
  }

  private static long lunarMonth11(int year, double tz) {
    long off = jd(LocalDate.of(year, 12, 31)) - 2415021;
    long k = floor(off / 29.530588853);
    long nm = newMoonDay(k, tz);
    if (sunLongitudeSector(nm, tz) >= 9) {
      nm = newMoonDay(k - 1, tz);
    }
    return nm;
  }

  private static int leapMonthOffset(long a11, double tz) {
    long k = floor((a11 - 2415021.076998695) / 29.530588853 + 0.5);
    int i = 1;
    long arc = sunLongitudeSector(newMoonDay(k + i, tz), tz);
    long last;
    do {
      last = arc;
      i++;
      arc = sunLongitudeSector(newMoonDay(k + i, tz), tz);
    } while (arc != last && i < 14);
    return i - 1;
  }
}
