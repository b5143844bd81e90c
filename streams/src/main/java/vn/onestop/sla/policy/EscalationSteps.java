package vn.onestop.sla.policy;

import java.time.Instant;
import java.util.Objects;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.calendar.WorkingCalendar;

/**
 * The escalation ladder after a breach (docs/design.md, Escalation): level 1 (head of the handling
 * unit) at the due instant, level 2 (head of the parent unit) {@code level2After} later, level 3
 * (top of the hierarchy) {@code level3After} after level 2. Default 3 and 5 more working days.
 * These are <b>policy choices, not law</b>: no statute sets internal escalation steps.
 *
 * @param level2After time after the due instant (normally working days; seconds in test policies)
 * @param level3After time after level 2
 * @param basis where the choice comes from
 */
public record EscalationSteps(Period level2After, Period level3After, String basis) {

  /** Default: level 2 after 3 working days overdue, level 3 after 5 more. */
  public static final EscalationSteps DEFAULT =
      new EscalationSteps(
          Period.workingDays(3),
          Period.workingDays(5),
          "policy choice (not law): level 2 after 3 working days overdue, level 3 after 5 more");

  /**
   * @throws NullPointerException if a component is null
   */
  public EscalationSteps {
    Objects.requireNonNull(level2After, "level2After");
    Objects.requireNonNull(level3After, "level3After");
    Objects.requireNonNull(basis, "basis");
  }

  /**
   * @param due the breached due instant
   * @param cal the handling unit's calendar
   * @return when level 2 is due (for working days: 24:00 of the N-th working day after the due
   *     date)
   */
  public Instant level2At(Instant due, WorkingCalendar cal) {
    return DeadlineArithmetic.dueAt(due, level2After, cal);
  }

  /**
   * @param due the breached due instant
   * @param cal the handling unit's calendar
   * @return when level 3 is due
   */
  public Instant level3At(Instant due, WorkingCalendar cal) {
    return DeadlineArithmetic.dueAt(level2At(due, cal), level3After, cal);
  }
}
