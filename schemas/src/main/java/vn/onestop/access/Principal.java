package vn.onestop.access;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import vn.onestop.ids.OfficialIds;

/**
 * An authenticated caller of the intake, the feeds or the admin endpoints, from an API key of the
 * principals file ({@link ApiKeyPrincipals}) or a verified JWT ({@link JwtAuthenticator}). Its
 * {@code id} is what events record as the acting official ({@code Actor.officialId}); it never
 * carries the credential.
 *
 * @param id the official or client id, e.g. {@code cb-001} or {@code hotline}
 * @param roles its roles, not empty
 * @param scope the units it may act on or read
 */
public record Principal(String id, Set<Role> roles, Scope scope) {
  /**
   * Checks and copies.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if id is not an official id ({@link OfficialIds}: it becomes
   *     the {@code Actor.officialId} of events, so markup or a 300-character id is refused the same
   *     way the intake refuses such an {@code officerId}) or roles is empty
   */
  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(scope, "scope");
    if (id.isBlank()) {
      throw new IllegalArgumentException("principal id is blank");
    }
    if (!OfficialIds.valid(id)) {
      throw new IllegalArgumentException("principal id must be " + OfficialIds.EXPECTED);
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("principal " + id + " has no role");
    }
    roles = Set.copyOf(EnumSet.copyOf(roles));
  }

  /**
   * @param id see the record component
   * @param scope see the record component
   * @param first a role
   * @param more more roles
   * @return the principal
   */
  public static Principal of(String id, Scope scope, Role first, Role... more) {
    return new Principal(id, EnumSet.of(first, more), scope);
  }

  /**
   * @param role a role
   * @return whether the principal holds it
   */
  public boolean has(Role role) {
    return roles.contains(role);
  }

  /**
   * @param any roles
   * @return whether the principal holds at least one of them
   */
  public boolean hasAny(Set<Role> any) {
    for (Role r : any) {
      if (roles.contains(r)) {
        return true;
      }
    }
    return false;
  }
}
