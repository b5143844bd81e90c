package vn.onestop.intake.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.onestop.access.Access;
import vn.onestop.access.AccessDeniedException;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.AuthenticationException;
import vn.onestop.access.Authenticator;
import vn.onestop.access.Credentials;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.UnitParents;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.readmodel.OrgUnitsView;
import vn.onestop.schema.OrgUnit;

/**
 * Who is calling, and may they see or act on a case of a unit: the one check the case views
 * (reveal, work list, status) make. A missing or bad credential is a 401 problem+json, a missing
 * role or a unit outside the principal's scope a 403 naming what was missing ({@link Access}).
 *
 * <p>Scope: a principal's scope covers a case when the case's current handling unit is its unit or,
 * for a subtree scope, lies below it in the org-unit directory; the parent of a unit is taken from
 * the version in force now ({@link OrgUnitsView#inForce}).
 */
public final class CaseAccess {
  private final Authenticator authenticator;
  private final OrgUnitsView units;
  private final Clock clock;

  /**
   * @param authenticator API keys (and JWTs) to principals
   * @param units the org-unit directory, for subtree scopes
   * @param clock source of "now" for the directory version in force
   */
  public CaseAccess(Authenticator authenticator, OrgUnitsView units, Clock clock) {
    this.authenticator = authenticator;
    this.units = units;
    this.clock = clock;
  }

  /**
   * Principals from the intake's key list ({@code key=clientId[:roles[@scope]]}, see {@link
   * ApiKeyPrincipals#parseSpec}): a key without roles is INTAKE only (it may submit, not read cases
   * or reveal identities).
   *
   * @param apiKeys API key to {@code clientId[:roles[@scope]]}
   * @param units the org-unit directory
   * @param clock clock
   * @return the access check
   * @throws IllegalArgumentException naming the entry (never the key) when a value is malformed
   */
  public static CaseAccess fromApiKeys(
      Map<String, String> apiKeys, OrgUnitsView units, Clock clock) {
    ApiKeyPrincipals all = ApiKeyPrincipals.none();
    for (Map.Entry<String, String> e : apiKeys.entrySet()) {
      all = all.plus(single(e.getKey(), e.getValue()));
    }
    return new CaseAccess(Authenticator.of(all), units, clock);
  }

  private static ApiKeyPrincipals single(String key, String value) {
    ApiKeyPrincipals one = ApiKeyPrincipals.parseSpec("k=" + value, "ONESTOP_API_KEYS");
    Principal p = one.principals().get(0);
    return ApiKeyPrincipals.of(Map.of(key, p));
  }

  /**
   * @param ctx the request ({@value Credentials#API_KEY_HEADER} or {@code Authorization: Bearer})
   * @return the authenticated principal
   * @throws ProblemException 401 when no credential is given or it is not valid
   */
  public Principal authenticate(Context ctx) {
    Credentials c =
        Credentials.fromHeaders(
            ctx.header(Credentials.API_KEY_HEADER), ctx.header("Authorization"));
    Optional<Principal> p;
    try {
      p = authenticator.authenticate(c);
    } catch (AuthenticationException e) {
      throw unauthorized(e.getMessage());
    }
    return p.orElseThrow(() -> unauthorized("a credential is required"));
  }

  /**
   * @param p the principal
   * @param what what is asked, for the 403 detail
   * @param any roles of which one suffices
   * @throws ProblemException 403 naming the roles required
   */
  public void requireRole(Principal p, String what, Set<Role> any) {
    try {
      Access.requireRole(p, what, any);
    } catch (AccessDeniedException e) {
      throw forbidden(e.getMessage());
    }
  }

  /**
   * @param p the principal
   * @param what what is asked, for the 403 detail
   * @param unitId the case's handling unit
   * @throws ProblemException 403 naming the unit outside the scope
   */
  public void requireScope(Principal p, String what, String unitId) {
    try {
      Access.requireScope(p, what, unitId, parents());
    } catch (AccessDeniedException e) {
      throw forbidden(e.getMessage());
    }
  }

  /**
   * @param p the principal
   * @param unitId a handling unit
   * @return whether the principal's scope covers it
   */
  public boolean covers(Principal p, String unitId) {
    return p.scope().covers(unitId, parents());
  }

  private UnitParents parents() {
    Map<String, String> parent = new java.util.HashMap<>();
    for (OrgUnit u : units.inForce(clock.instant())) {
      if (u.getParentId() != null) {
        parent.put(u.getUnitId(), u.getParentId());
      }
    }
    return id -> Optional.ofNullable(parent.get(id));
  }

  private static ProblemException unauthorized(String why) {
    return new Problem(
            "https://onestop.vn/problems/unauthorized",
            "Unauthorized",
            401,
            why,
            java.util.List.of(
                new FieldError(Credentials.API_KEY_HEADER, "a valid API key or bearer token")),
            Map.of("WWW-Authenticate", "ApiKey header=\"" + Credentials.API_KEY_HEADER + "\""))
        .toException();
  }

  private static ProblemException forbidden(String why) {
    return Problem.of(403, "forbidden", "Forbidden", why).toException();
  }
}
