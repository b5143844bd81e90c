package vn.onestop.sla.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.OrgUnitVersions;
import vn.onestop.sla.escalation.OrgDirectory;

/**
 * The in-memory twin of the live engine's global-store directory ({@code
 * vn.onestop.sla.topology.GlobalStoreOrgDirectory}): org-units records by key, a lookup of unit u
 * takes the value under the plain key u and then those under the keys {@code u|validFrom} in key
 * order, and answers the version in force at the instant ({@link OrgUnitVersions#inForceAt}; with
 * equal validFrom the later one in that order wins, as live). A tombstone deletes its key.
 *
 * <p>Not thread-safe.
 */
final class KeyedOrgDirectory implements OrgDirectory {
  /** unit id → (key → value), the plain key sorting first (the empty suffix). */
  private final Map<String, TreeMap<String, OrgUnit>> byUnit = new HashMap<>();

  /** unit id → versions in lookup order, rebuilt after a change. */
  private final Map<String, List<OrgUnit>> versions = new HashMap<>();

  void put(String key, OrgUnit unit) {
    int sep = key.indexOf(OrgUnitKeys.SEPARATOR);
    String unitId = sep < 0 ? key : key.substring(0, sep);
    String suffix = sep < 0 ? "" : key.substring(sep);
    TreeMap<String, OrgUnit> keys = byUnit.computeIfAbsent(unitId, u -> new TreeMap<>());
    if (unit == null) {
      keys.remove(suffix);
    } else {
      keys.put(suffix, unit);
    }
    versions.remove(unitId);
  }

  @Override
  public Optional<OrgUnit> unit(String unitId, Instant at) {
    List<OrgUnit> v =
        versions.computeIfAbsent(
            unitId,
            u -> {
              TreeMap<String, OrgUnit> keys = byUnit.get(u);
              return keys == null ? List.of() : new ArrayList<>(keys.values());
            });
    return OrgUnitVersions.inForceAt(v, at);
  }
}
