package vn.onestop.sla.cases;

import java.time.Instant;
import java.util.Optional;

/**
 * Which working calendar a handling unit keeps (its counter's opening days, e.g. a one-stop counter
 * open on Saturday mornings): {@code OrgUnit.calendarId} of the unit's version in force at an
 * instant. The engine reads it from the org directory; a unit the directory does not know has none,
 * and the clock then runs on the policy's calendar.
 */
@FunctionalInterface
public interface UnitCalendars {
  /**
   * @param unitId a unit id
   * @param at the instant (UTC) whose unit version counts: the start of the clock
   * @return the unit's calendar id, empty when the unit is unknown at that instant
   */
  Optional<String> calendarOf(String unitId, Instant at);

  /**
   * @return no unit has a calendar of its own: every clock runs on its policy's calendar
   */
  static UnitCalendars none() {
    return (unitId, at) -> Optional.empty();
  }
}
