package vn.onestop.access;

import java.util.Optional;

/**
 * The parent relation of the org-unit directory ({@code OrgUnit.parentId}), as {@link Scope} needs
 * it. Callers adapt their directory view; which version of a unit counts (the one in force now,
 * {@code OrgUnitVersions.inForceAt}, or the latest) is theirs to choose and document.
 */
@FunctionalInterface
public interface UnitParents {
  /**
   * @param unitId a unit id, known or not
   * @return its parent unit id; empty for a top unit or an unknown unit
   */
  Optional<String> parentOf(String unitId);

  /** A directory with no parents: only a unit itself is in its subtree. */
  UnitParents NONE = id -> Optional.empty();
}
