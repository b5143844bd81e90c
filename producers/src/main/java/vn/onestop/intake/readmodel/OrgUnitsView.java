package vn.onestop.intake.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.onestop.schema.OrgUnit;

/**
 * The intake's copy of the org-unit directory ({@code org-units}: one record per unit version,
 * latest record of each key wins, a tombstone deletes the version). Fed by {@link OrgUnitsFollower}
 * (web intake) or filled once from a scan (hotline import). Thread-safe.
 *
 * <p>While it holds no unit ({@link #loaded()} false: no directory has been published), every unit
 * id is accepted, as before a directory existed; once it holds one, a case must name a unit of the
 * directory.
 */
public final class OrgUnitsView {
  private final Map<String, OrgUnit> byKey = new ConcurrentHashMap<>();

  /**
   * @param units unit versions to start with (e.g. a scan of org-units)
   * @return a view holding them, keyed by {@code vn.onestop.schema.OrgUnitKeys}
   */
  public static OrgUnitsView of(Collection<OrgUnit> units) {
    OrgUnitsView v = new OrgUnitsView();
    for (OrgUnit u : units) {
      v.apply(vn.onestop.schema.OrgUnitKeys.key(u), u);
    }
    return v;
  }

  /**
   * Applies one record of org-units.
   *
   * @param key the record key (unit id, or {@code unitId|validFrom})
   * @param unit the value, or null for a tombstone
   */
  public void apply(String key, OrgUnit unit) {
    if (key == null) {
      return;
    }
    if (unit == null) {
      byKey.remove(key);
    } else {
      byKey.put(key, unit);
    }
  }

  /**
   * @return true once the directory holds at least one unit
   */
  public boolean loaded() {
    return !byKey.isEmpty();
  }

  /**
   * @param unitId a unit id
   * @return true if some version of that unit is in the directory
   */
  public boolean contains(String unitId) {
    for (OrgUnit u : byKey.values()) {
      if (u.getUnitId().toString().equals(unitId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @return true when a case may name this unit: no directory is loaded, or the unit is in it
   */
  public boolean accepts(String unitId) {
    return !loaded() || contains(unitId);
  }

  /**
   * @return every unit version, oldest valid-from first per unit
   */
  public List<OrgUnit> versions() {
    List<OrgUnit> all = new ArrayList<>(byKey.values());
    all.sort(Comparator.comparing(OrgUnit::getUnitId).thenComparing(OrgUnit::getValidFrom));
    return all;
  }

  /**
   * @param now the instant the answer is for (UTC)
   * @return per unit id (sorted), the version in force at {@code now} (latest valid-from not after
   *     it), or the earliest version when every version starts later
   */
  public List<OrgUnit> inForce(Instant now) {
    Map<String, OrgUnit> chosen = new LinkedHashMap<>();
    for (OrgUnit u : versions()) {
      OrgUnit prev = chosen.get(u.getUnitId());
      if (prev == null || !u.getValidFrom().isAfter(now)) {
        chosen.put(u.getUnitId(), u);
      }
    }
    return List.copyOf(chosen.values());
  }

  /**
   * The parent relation of the units in force at an instant, for scope checks ({@code
   * vn.onestop.access.Scope#covers}): per unit the version with the greatest validFrom at or before
   * {@code at} ({@link vn.onestop.schema.OrgUnitVersions#inForceAt}).
   *
   * @param at the instant (UTC), usually now
   * @return unit id to parent id; empty for a top unit or a unit not in force
   */
  public vn.onestop.access.UnitParents parentsAt(Instant at) {
    return unitId -> {
      List<OrgUnit> mine = new ArrayList<>();
      for (OrgUnit u : byKey.values()) {
        if (u.getUnitId().toString().equals(unitId)) {
          mine.add(u);
        }
      }
      return vn.onestop.schema.OrgUnitVersions.inForceAt(mine, at)
          .map(u -> u.getParentId() == null ? null : u.getParentId().toString());
    };
  }
}
