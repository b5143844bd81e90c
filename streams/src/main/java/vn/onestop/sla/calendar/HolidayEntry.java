package vn.onestop.sla.calendar;

import java.util.Objects;

/**
 * One dated entry of the civil-service holiday data.
 *
 * @param date the civil date in Asia/Ho_Chi_Minh
 * @param kind what the day is (holiday, compensatory, swapped day off, make-up working day)
 * @param name Vietnamese name with diacritics, e.g. "Tết Nguyên đán Bính Ngọ (mùng 1)"
 * @param legalBasis the law article and the notice announcing the date, e.g. "BLLĐ 2019 Điều
 *     112(1)(b); BNV Thông báo 9441, 16/10/2025"
 * @param status how well the entry is sourced
 */
public record HolidayEntry(
    java.time.LocalDate date,
    HolidayKind kind,
    String name,
    String legalBasis,
    SourceStatus status) {

  /**
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if name or legalBasis is blank
   */
  public HolidayEntry {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(legalBasis, "legalBasis");
    Objects.requireNonNull(status, "status");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is blank for " + date);
    }
    if (legalBasis.isBlank()) {
      throw new IllegalArgumentException("legalBasis is blank for " + date);
    }
  }
}
