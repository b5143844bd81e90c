package vn.onestop.sla.escalation;

import java.time.Instant;
import java.util.Objects;
import vn.onestop.schema.AlertKind;

/**
 * One step of the ladder computed for the active clock of a case (not yet addressed: recipients are
 * resolved when it fires).
 *
 * @param at instant the alert becomes due (its {@code decidedAt})
 * @param kind WARNING, BREACH or ESCALATION
 * @param level 0 warning, 1 breach, 2 parent unit, 3 top unit
 * @param ruleId policy, clock and step, e.g. {@code KN1-2011-RESOLUTION/warn-75pct}
 * @param alertId deterministic id of (case, clock, rule, level, deadline)
 */
public record PendingAlert(Instant at, AlertKind kind, int level, String ruleId, String alertId) {
  /**
   * Validates the components.
   *
   * @param at see the record description
   * @param kind see the record description
   * @param level see the record description
   * @param ruleId see the record description
   * @param alertId see the record description
   * @throws NullPointerException if a component is null
   */
  public PendingAlert {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(alertId, "alertId");
  }
}
