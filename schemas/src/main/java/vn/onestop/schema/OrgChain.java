package vn.onestop.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The parent chain of an org unit ({@code OrgUnit.parentId}), with the one cycle guard every reader
 * of {@code org-units} uses: the SLA engine's recipients, the feeds' subtree scopes. Org data comes
 * from outside and may be bad (a unit whose ancestor is itself); a walk then stops instead of
 * looping.
 */
public final class OrgChain {
  /** Longest chain followed (a real hierarchy has a handful of levels). */
  public static final int MAX_DEPTH = 64;

  private OrgChain() {}

  /**
   * @param unitId the starting unit id, known or not
   * @param units the directory: a unit by id, empty when unknown
   * @return {@code [unitId, parent, grandparent, ...]}: ends with a unit that is unknown or has no
   *     parent, before an id would repeat (a cycle), or after {@value #MAX_DEPTH} ids; never empty
   * @throws NullPointerException when {@code unitId} is null
   */
  public static List<String> upFrom(String unitId, Function<String, Optional<OrgUnit>> units) {
    if (unitId == null) {
      throw new NullPointerException("unitId");
    }
    List<String> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String current = unitId;
    while (current != null && chain.size() < MAX_DEPTH && seen.add(current)) {
      chain.add(current);
      current = units.apply(current).map(OrgUnit::getParentId).orElse(null);
    }
    return chain;
  }
}
