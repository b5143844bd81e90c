package vn.onestop.sla.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.calendar.PeriodUnit;
import vn.onestop.sla.calendar.WorkingCalendar;

/**
 * A warning to the handling unit before a due instant (a policy choice, not law; docs/design.md,
 * Escalation). Either at a fraction of the elapsed time between the clock start and the due instant
 * ({@link DeadlineArithmetic#atFraction}), or a period before the due date (for working days:
 * {@link DeadlineArithmetic#workingDaysBefore}, i.e. the end of the working day before the last
 * day).
 *
 * @param id stable rule id used in alert ids, e.g. "warn-75pct"
 * @param fraction 0 < fraction < 1 for a fraction rule, otherwise null
 * @param beforeDue the period before the due date for a before-due rule, otherwise null
 */
public record WarningRule(String id, Double fraction, Period beforeDue) {

  /**
   * @throws IllegalArgumentException unless exactly one of fraction / beforeDue is given, the
   *     fraction is strictly between 0 and 1, and beforeDue is in calendar days, working days or
   *     seconds
   */
  public WarningRule {
    Objects.requireNonNull(id, "id");
    if ((fraction == null) == (beforeDue == null)) {
      throw new IllegalArgumentException(
          "warning " + id + ": give exactly one of fraction or beforeDue");
    }
    if (fraction != null && !(fraction > 0.0 && fraction < 1.0)) {
      throw new IllegalArgumentException(
          "warning " + id + ": fraction must be > 0 and < 1, was " + fraction);
    }
    if (beforeDue != null && beforeDue.unit() == PeriodUnit.WORKING_HOURS) {
      throw new IllegalArgumentException(
          "warning " + id + ": beforeDue supports CALENDAR_DAYS, WORKING_DAYS and SECONDS");
    }
  }

  /**
   * @param id rule id
   * @param fraction e.g. 0.75
   * @return a fraction rule
   */
  public static WarningRule atFraction(String id, double fraction) {
    return new WarningRule(id, fraction, null);
  }

  /**
   * @param id rule id
   * @param period e.g. 1 working day
   * @return a before-due rule
   */
  public static WarningRule before(String id, Period period) {
    return new WarningRule(id, null, period);
  }

  /**
   * When this warning fires for a clock.
   *
   * @param start the clock's start instant
   * @param due the clock's due instant
   * @param cal the handling unit's calendar
   * @return the instant, or empty if it would not fall strictly between start and due (e.g. "one
   *     working day before" on a clock shorter than a day)
   */
  public Optional<Instant> firesAt(Instant start, Instant due, WorkingCalendar cal) {
    if (!due.isAfter(start)) {
      return Optional.empty();
    }
    Instant at;
    if (fraction != null) {
      at = DeadlineArithmetic.atFraction(start, due, fraction);
    } else {
      at =
          switch (beforeDue.unit()) {
            case WORKING_DAYS -> DeadlineArithmetic.workingDaysBefore(due, beforeDue.amount(), cal);
            case CALENDAR_DAYS ->
                DeadlineArithmetic.endOf(
                    DeadlineArithmetic.dayOf(due).minusDays(beforeDue.amount()));
            case SECONDS -> due.minusSeconds(beforeDue.amount());
            case WORKING_HOURS -> throw new IllegalStateException("rejected by the constructor");
          };
    }
    return at.isAfter(start) && at.isBefore(due) ? Optional.of(at) : Optional.empty();
  }
}
