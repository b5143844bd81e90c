package vn.onestop.sla.escalation;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.schema.OrgUnit;

/**
 * Read access to the organisation hierarchy (topic {@code org-units}, read as a GlobalKTable by the
 * topology). Looked up by the {@link EscalationLadder} when an alert fires, so a change of head or
 * parent applies to later alerts only.
 */
@FunctionalInterface
public interface OrgDirectory {

  /**
   * @param unitId a unit id, never null
   * @return the unit as currently known, or empty when the unit is unknown (or deleted by a
   *     tombstone)
   */
  Optional<OrgUnit> unit(String unitId);

  /**
   * @return a directory that knows no unit (alerts then go to the unit ids with no official)
   */
  static OrgDirectory empty() {
    return unitId -> Optional.empty();
  }

  /**
   * A directory over a snapshot map (tests, replays with a fixed org chart).
   *
   * @param units units by id; the map is read at each lookup, not copied
   * @return a directory backed by the map
   */
  static OrgDirectory of(Map<String, OrgUnit> units) {
    Objects.requireNonNull(units, "units");
    return unitId -> Optional.ofNullable(units.get(unitId));
  }
}
