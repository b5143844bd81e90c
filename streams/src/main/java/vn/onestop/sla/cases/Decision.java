package vn.onestop.sla.cases;

import java.util.Objects;
import vn.onestop.sla.state.CaseState;

/**
 * Outcome of {@link CaseDecider#decide}: the event is applied, ignored as a duplicate, or refused.
 */
public sealed interface Decision {

  /**
   * The event was valid in the current state.
   *
   * @param state the new state to store (a fresh object; the previous state is not modified)
   */
  record Applied(CaseState state) implements Decision {
    /**
     * Validates the components.
     *
     * @param state see the record description
     * @throws NullPointerException if state is null
     */
    public Applied {
      Objects.requireNonNull(state, "state");
    }
  }

  /** The event id was already applied to this case; nothing changes and nothing is emitted. */
  record Duplicate() implements Decision {}

  /**
   * The event is a valid record of something that has no effect on the case's clocks or status
   * (e.g. {@code IdentityRevealed}, written for the audit trail): nothing changes, nothing is
   * emitted, and it is not sent to {@code case-events-rejected}.
   *
   * @param why why the event does not concern the state machine
   */
  record Ignored(String why) implements Decision {
    /**
     * Validates the components.
     *
     * @param why see the record description
     * @throws NullPointerException if why is null
     */
    public Ignored {
      Objects.requireNonNull(why, "why");
    }
  }

  /**
   * The event is impossible in the current state or malformed; the topology sends it to {@code
   * case-events-rejected} with this reason. The state is unchanged.
   *
   * @param code stable code of the rule that refuses the event (tests and readers match on it)
   * @param reason precise English reason naming the state and, where one applies, the legal rule
   * @param stateName name of the state the case was in ({@code NONE} when the case does not exist)
   */
  record Rejected(RefusalCode code, String reason, String stateName) implements Decision {
    /**
     * Validates the components.
     *
     * @param code see the record description
     * @param reason see the record description
     * @param stateName see the record description
     * @throws NullPointerException if a component is null
     */
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(stateName, "stateName");
    }
  }
}
