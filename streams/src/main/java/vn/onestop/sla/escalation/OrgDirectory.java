package vn.onestop.sla.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitVersions;

/**
 * Read access to the organisation hierarchy (topic {@code org-units}, every version of every unit,
 * read as a global store by the topology). Effective-dated: a lookup names the instant, and the
 * answer is the version in force then ({@link OrgUnitVersions#inForceAt}: the greatest {@code
 * validFrom} at or before it; none before the unit's first version). The {@link EscalationLadder}
 * looks up at each alert's {@code decidedAt}, so an alert goes to the head in office when it was
 * decided, live and in a replay years later (docs/org-units.md).
 */
@FunctionalInterface
public interface OrgDirectory {

  /**
   * @param unitId a unit id, never null
   * @param at the instant (UTC) whose version is wanted, e.g. an alert's {@code decidedAt}
   * @return the version of the unit in force at {@code at}, or empty when the unit is unknown,
   *     deleted by tombstones, or has no version valid yet at {@code at}
   */
  Optional<OrgUnit> unit(String unitId, Instant at);

  /**
   * @return a directory that knows no unit (alerts then go to the unit ids with no official)
   */
  static OrgDirectory empty() {
    return (unitId, at) -> Optional.empty();
  }

  /**
   * A directory over a map of unit versions (tests, small fixed org charts). The map's keys are
   * free (a plain unit id, or {@code unitId|validFrom} to hold several versions of one unit); each
   * lookup takes the values whose {@code unitId} matches and applies {@link
   * OrgUnitVersions#inForceAt} to them. Cost: one pass over the map per lookup.
   *
   * @param units unit versions; the map is read at each lookup, not copied
   * @return a directory backed by the map
   */
  static OrgDirectory of(Map<String, OrgUnit> units) {
    Objects.requireNonNull(units, "units");
    return (unitId, at) -> {
      List<OrgUnit> versions = new ArrayList<>();
      for (OrgUnit u : units.values()) {
        if (u != null && unitId.contentEquals(u.getUnitId())) {
          versions.add(u);
        }
      }
      return OrgUnitVersions.inForceAt(versions, at);
    };
  }
}
