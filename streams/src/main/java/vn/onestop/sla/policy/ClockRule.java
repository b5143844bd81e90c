package vn.onestop.sla.policy;

import java.util.Objects;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.calendar.SourceStatus;

/**
 * One period with the law that sets it.
 *
 * @param period the time limit
 * @param legalBasis law and article, e.g. "Luật Khiếu nại 2011, Điều 28"
 * @param status how well the rule is sourced (docs/law.md, Legend: V/S/U)
 */
public record ClockRule(Period period, String legalBasis, SourceStatus status) {
  /**
   * @throws NullPointerException if a component is null
   */
  public ClockRule {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(legalBasis, "legalBasis");
    Objects.requireNonNull(status, "status");
  }
}
