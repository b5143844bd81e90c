package vn.onestop.sla.policy;

/**
 * An SLA policy problem: a policy file that cannot be read (the message names the file and the JSON
 * path of the bad field, e.g. {@code sla-policies.json: $.policies[2].resolution.rules[0].period:
 * ...}), or no policy applying to a case.
 */
public class PolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong and where
   * @param cause underlying error or null
   */
  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * @param message what is wrong and where
   */
  public PolicyException(String message) {
    super(message);
  }
}
