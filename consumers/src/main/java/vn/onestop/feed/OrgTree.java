package vn.onestop.feed;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.onestop.schema.OrgChain;
import vn.onestop.schema.OrgUnit;

/**
 * The latest known org-units directory (topic {@code org-units}, compacted), updated by one thread
 * and read by many. Answers "is unit X in the subtree of unit Y" by walking X's parent chain, so
 * the cost is the depth of the hierarchy, not its size.
 */
public final class OrgTree {
  private final Map<String, OrgUnit> units = new ConcurrentHashMap<>();

  /**
   * Applies one org-units record. Keys are {@code unitId|validFrom} ({@code OrgUnitKeys}) or a
   * plain unit id; the tree keeps, per unit id (taken from the value), the version with the
   * greatest {@code validFrom}, so a feed scope follows the latest parent.
   *
   * @param key the record key
   * @param unit the value, or null for a tombstone (the version of that key is removed; with a
   *     plain key, the unit)
   */
  public void apply(String key, OrgUnit unit) {
    if (unit == null) {
      units.remove(key);
      return;
    }
    units.merge(
        unit.getUnitId().toString(),
        unit,
        (a, b) -> b.getValidFrom().isBefore(a.getValidFrom()) ? a : b);
  }

  /**
   * @param unitId a unit id
   * @return the unit, empty if unknown
   */
  public Optional<OrgUnit> unit(String unitId) {
    return unitId == null ? Optional.empty() : Optional.ofNullable(units.get(unitId));
  }

  /**
   * @param unitId a unit id
   * @return the display name, or the id itself when unknown
   */
  public String name(String unitId) {
    return unit(unitId).map(u -> u.getName().toString()).orElse(unitId);
  }

  /**
   * @param unitId a unit, possibly unknown
   * @param rootId the root of a subtree
   * @return true if {@code unitId} equals {@code rootId} or has it as an ancestor; a cycle in the
   *     parent chain ends the walk (false)
   */
  public boolean inSubtree(String unitId, String rootId) {
    return unitId != null && OrgChain.upFrom(unitId, this::unit).contains(rootId);
  }

  /**
   * @return a snapshot of all known units by id
   */
  public Map<String, OrgUnit> all() {
    return Map.copyOf(units);
  }
}
