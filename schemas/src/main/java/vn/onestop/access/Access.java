package vn.onestop.access;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The role and scope checks every endpoint makes, with the 403 reason naming what was missing. The
 * who-signs-what rule of case actions is {@link SigningRules}.
 */
public final class Access {
  private Access() {}

  /**
   * @param p the principal
   * @param what what is asked, e.g. {@code read a case}
   * @param any roles of which one suffices
   * @throws AccessDeniedException naming the roles required
   */
  public static void requireRole(Principal p, String what, Set<Role> any) {
    if (!p.hasAny(any)) {
      String roles = any.stream().map(Role::name).sorted().collect(Collectors.joining(" or "));
      String has = p.roles().stream().map(Role::name).sorted().toList().toString();
      throw new AccessDeniedException(
          "role " + roles + " is required to " + what + "; principal " + p.id() + " has " + has,
          Map.of(AccessDeniedException.ROLE, roles + " required; the principal has " + has));
    }
  }

  /**
   * @param p the principal
   * @param what what is asked, e.g. {@code accept case 42}
   * @param caseUnitId the handling unit of the case
   * @param parents the org directory's parent relation
   * @throws AccessDeniedException naming the unit outside the principal's scope
   */
  public static void requireScope(
      Principal p, String what, String caseUnitId, UnitParents parents) {
    if (!p.scope().covers(caseUnitId, parents)) {
      throw new AccessDeniedException(
          "unit "
              + caseUnitId
              + " is outside the scope of principal "
              + p.id()
              + " ("
              + p.scope().describe()
              + "), needed to "
              + what,
          Map.of(
              AccessDeniedException.UNIT,
              caseUnitId + " is outside the principal's scope (" + p.scope().describe() + ")"));
    }
  }
}
