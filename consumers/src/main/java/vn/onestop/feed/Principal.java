package vn.onestop.feed;

import java.util.Objects;

/**
 * A caller of the alert feed, identified by an API key (configured, see {@link Principals}).
 *
 * @param officialId the official (for logs and display; never a complainant)
 * @param unitId the unit he heads (id in org-units)
 * @param scope what he sees
 */
public record Principal(String officialId, String unitId, Scope scope) {
  /**
   * @throws NullPointerException if a component is null
   */
  public Principal {
    Objects.requireNonNull(officialId, "officialId");
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(scope, "scope");
  }
}
