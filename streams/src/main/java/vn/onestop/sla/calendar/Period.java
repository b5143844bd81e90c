package vn.onestop.sla.calendar;

import java.util.Objects;

/**
 * A time limit: an amount of a {@link PeriodUnit}, e.g. 30 calendar days or 7 working days.
 *
 * @param amount positive amount; at most 3660 calendar days, 2600 working days, 20000 working hours
 *     or 31536000 seconds (about ten years — anything larger is a data error)
 * @param unit the unit, never null
 */
public record Period(int amount, PeriodUnit unit) {

  /**
   * Validates the period.
   *
   * @throws NullPointerException if unit is null
   * @throws IllegalArgumentException if amount is not positive or exceeds the unit's maximum
   */
  public Period {
    Objects.requireNonNull(unit, "unit");
    if (amount < 1) {
      throw new IllegalArgumentException(
          "period amount must be positive, was " + amount + " " + unit);
    }
    if (amount > max(unit)) {
      throw new IllegalArgumentException(
          "period amount " + amount + " " + unit + " exceeds the maximum " + max(unit));
    }
  }

  /**
   * @param amount positive number of calendar days
   * @return a {@link PeriodUnit#CALENDAR_DAYS} period
   */
  public static Period calendarDays(int amount) {
    return new Period(amount, PeriodUnit.CALENDAR_DAYS);
  }

  /**
   * @param amount positive number of working days
   * @return a {@link PeriodUnit#WORKING_DAYS} period
   */
  public static Period workingDays(int amount) {
    return new Period(amount, PeriodUnit.WORKING_DAYS);
  }

  /**
   * @param amount positive number of working hours
   * @return a {@link PeriodUnit#WORKING_HOURS} period
   */
  public static Period workingHours(int amount) {
    return new Period(amount, PeriodUnit.WORKING_HOURS);
  }

  /**
   * Sum of two periods of the same unit (e.g. a resolution period plus an extension).
   *
   * @param other a period with the same unit
   * @return the sum
   * @throws IllegalArgumentException if the units differ or the sum is too large
   */
  public Period plus(Period other) {
    if (other.unit != unit) {
      throw new IllegalArgumentException("cannot add " + other + " to " + this + ": units differ");
    }
    return new Period(Math.addExact(amount, other.amount), unit);
  }

  @Override
  public String toString() {
    return amount + " " + unit;
  }

  private static int max(PeriodUnit unit) {
    return switch (unit) {
      case CALENDAR_DAYS -> 3660;
      case WORKING_DAYS -> 2600;
      case WORKING_HOURS -> 20_000;
      case SECONDS -> 31_536_000;
    };
  }
}
