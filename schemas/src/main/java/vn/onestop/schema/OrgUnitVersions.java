package vn.onestop.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one rule for choosing among the versions of an org unit ({@code OrgUnit.validFrom}, topic
 * {@link Topics#ORG_UNITS} keyed by {@link OrgUnitKeys}), used by every reader: the SLA engine and
 * the audit replay address an alert to the version in force at its {@code decidedAt}; displays
 * (unit names in feeds and KPI reports, the feed's subtree scopes) use the latest version.
 *
 * <p>In force at instant T: the version with the greatest {@code validFrom <= T} ({@code validFrom}
 * is inclusive: a head who takes office at T receives an alert decided at T). Before a unit's first
 * {@code validFrom} no version is in force: the unit did not exist yet as far as the directory
 * says, so an alert of that time goes to the unit id with no official and its parent chain ends
 * there (see docs/org-units.md; a first version valid "since always" has {@code validFrom} 0). Ties
 * (two versions with the same {@code validFrom}, e.g. one written under a plain unit-id key and one
 * under its versioned key) go to the one given last.
 *
 * <p>Pure (no Kafka): callers pass the versions they read, in any order.
 */
public final class OrgUnitVersions {
  private OrgUnitVersions() {}

  /**
   * @param versions versions of one unit, in any order; null elements are ignored
   * @param at the instant (UTC), e.g. an alert's {@code decidedAt}
   * @return the version in force at {@code at}: the greatest {@code validFrom} at or before it;
   *     empty when there is no version or every version starts after {@code at}
   * @throws NullPointerException if an argument is null
   */
  public static Optional<OrgUnit> inForceAt(Iterable<OrgUnit> versions, Instant at) {
    Objects.requireNonNull(versions, "versions");
    Objects.requireNonNull(at, "at");
    OrgUnit best = null;
    for (OrgUnit u : versions) {
      if (u != null
          && !u.getValidFrom().isAfter(at)
          && (best == null || !u.getValidFrom().isBefore(best.getValidFrom()))) {
        best = u;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * @param versions versions of one unit, in any order; null elements are ignored
   * @return the version with the greatest {@code validFrom} (for display: names, the feed's
   *     scopes), even one not yet in force; empty when there is none
   * @throws NullPointerException if versions is null
   */
  public static Optional<OrgUnit> latest(Iterable<OrgUnit> versions) {
    Objects.requireNonNull(versions, "versions");
    OrgUnit best = null;
    for (OrgUnit u : versions) {
      if (u != null && (best == null || !u.getValidFrom().isBefore(best.getValidFrom()))) {
        best = u;
      }
    }
    return Optional.ofNullable(best);
  }
}
