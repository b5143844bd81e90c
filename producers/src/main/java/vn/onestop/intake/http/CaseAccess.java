package vn.onestop.intake.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;
import vn.onestop.access.Access;
import vn.onestop.access.AccessDeniedException;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.UnitParents;

/**
 * Who is calling, and may they see or act on a case of a unit: the checks the case views (reveal,
 * work list, tracking) make, over the intake's one principals model ({@link Authn}). A missing or
 * bad credential is a 401 problem+json, a missing role or a unit outside the principal's scope a
 * 403 naming what was missing ({@link Access}).
 *
 * <p>Scope: a principal's scope covers a case when the case's current handling unit is its unit or,
 * for a subtree scope, lies below it in the org-unit directory (parents of the versions in force
 * now).
 */
public final class CaseAccess {
  private final Authn authn;
  private final Function<java.time.Instant, UnitParents> parents;
  private final Clock clock;

  /**
   * @param authn the intake's authentication (API keys, JWTs)
   * @param parents the org-unit directory's parent relation in force at an instant
   * @param clock source of "now" for the directory version in force
   */
  public CaseAccess(Authn authn, Function<java.time.Instant, UnitParents> parents, Clock clock) {
    this.authn = authn;
    this.parents = parents;
    this.clock = clock;
  }

  /**
   * @param ctx the request ({@code X-API-Key} or {@code Authorization: Bearer}); the body is not
   *     read
   * @return the authenticated principal
   * @throws ProblemException 401 when no credential is given or it is not valid
   */
  public Principal authenticate(Context ctx) {
    return authn.require(ctx);
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
      throw Authn.forbidden(e);
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
      Access.requireScope(p, what, unitId, parents.apply(clock.instant()));
    } catch (AccessDeniedException e) {
      throw Authn.forbidden(e);
    }
  }

  /**
   * @param p the principal
   * @param unitId a handling unit
   * @return whether the principal's scope covers it
   */
  public boolean covers(Principal p, String unitId) {
    return p.scope().covers(unitId, parents.apply(clock.instant()));
  }
}
