package vn.onestop.sla.escalation;

import java.util.List;
import java.util.Objects;
import vn.onestop.schema.CaseAlert;
import vn.onestop.sla.state.CaseState;

/**
 * Result of {@link EscalationLadder#fire}.
 *
 * @param state the state to store, recording the emitted alerts (the same object as the input when
 *     no alert fired)
 * @param alerts the alerts to publish on {@code case-alerts}, in due order (empty if none)
 */
public record Fired(CaseState state, List<CaseAlert> alerts) {
  /**
   * Validates the components.
   *
   * @param state see the record description
   * @param alerts see the record description
   * @throws NullPointerException if a component is null
   */
  public Fired {
    Objects.requireNonNull(state, "state");
    alerts = List.copyOf(alerts);
  }
}
