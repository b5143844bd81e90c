package vn.onestop.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.onestop.schema.OrgChain;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitVersions;

/**
 * The org-units directory (topic {@code org-units}, compacted, every version of every unit) as the
 * feeds show it: per unit, its latest version ({@link OrgUnitVersions#latest}, greatest {@code
 * validFrom}, even one not in force yet), so a feed's subtree scope, unit names and webhook URLs
 * follow the directory as it was last written. Who receives an alert is decided by the engine with
 * the version in force at the alert's decidedAt and carried in the alert; the feed only routes it.
 * Updated by one thread and read by many. Answers "is unit X in the subtree of unit Y" by walking
 * X's parent chain, so the cost is the depth of the hierarchy, not its size.
 */
public final class OrgTree {
  /** Every version by record key, grouped by unit id (writer thread only). */
  private final Map<String, Map<String, OrgUnit>> versions = new HashMap<>();

  /** Unit id of each record key (writer thread only), to apply a tombstone. */
  private final Map<String, String> unitOfKey = new HashMap<>();

  /** Latest version per unit id (read by any thread). */
  private final Map<String, OrgUnit> units = new ConcurrentHashMap<>();

  /**
   * Applies one org-units record. Keys are {@code unitId|validFrom} ({@code OrgUnitKeys}) or a
   * plain unit id; the unit id is taken from the value.
   *
   * @param key the record key
   * @param unit the value, or null for a tombstone (the version of that key is removed; the unit
   *     then shows its latest remaining version, or is unknown when none remains)
   */
  public synchronized void apply(String key, OrgUnit unit) {
    String previousUnit = unitOfKey.remove(key);
    if (previousUnit != null) {
      Map<String, OrgUnit> old = versions.get(previousUnit);
      old.remove(key);
      refresh(previousUnit);
    }
    if (unit != null) {
      String id = unit.getUnitId().toString();
      unitOfKey.put(key, id);
      versions.computeIfAbsent(id, k -> new HashMap<>()).put(key, unit);
      refresh(id);
    }
  }

  private void refresh(String unitId) {
    Map<String, OrgUnit> mine = versions.get(unitId);
    Optional<OrgUnit> latest =
        mine == null ? Optional.empty() : OrgUnitVersions.latest(mine.values());
    if (latest.isPresent()) {
      units.put(unitId, latest.get());
    } else {
      units.remove(unitId);
      versions.remove(unitId);
    }
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
   * @return a snapshot of all known units by id (latest version of each)
   */
  public Map<String, OrgUnit> all() {
    return Map.copyOf(units);
  }
}
