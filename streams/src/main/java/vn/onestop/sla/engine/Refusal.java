package vn.onestop.sla.engine;

import java.util.Objects;
import vn.onestop.sla.cases.RefusalCode;

/**
 * Why the engine refused a case event; the case is unchanged. Sent to {@code case-events-rejected}
 * by the topology (the reason text there; the code is what tests and readers match on).
 *
 * @param code stable code of the rule
 * @param reason English reason naming the state and the rule (never identities or texts)
 * @param stateName status the case was in, {@code NONE} when the case does not exist
 */
public record Refusal(RefusalCode code, String reason, String stateName) {
  /**
   * Validates the components.
   *
   * @param code see the record description
   * @param reason see the record description
   * @param stateName see the record description
   * @throws NullPointerException if a component is null
   */
  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(stateName, "stateName");
  }

  /**
   * @return the legal source of the rule ({@link RefusalCode#article()})
   */
  public String article() {
    return code.article();
  }
}
