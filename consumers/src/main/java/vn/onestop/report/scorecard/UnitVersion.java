package vn.onestop.report.scorecard;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of a unit in the effective-dated directory (docs/org-units.md): in force from {@code
 * validFrom} (inclusive) until the next version of the same unit.
 *
 * @param unitId unit id
 * @param name display name (UTF-8, diacritics)
 * @param validFrom UTC instant from which the version is in force (EPOCH = since always)
 * @param headOfficialId the head's official id, null when vacant
 * @param headName the head's name, null when vacant
 */
public record UnitVersion(
    String unitId, String name, Instant validFrom, String headOfficialId, String headName) {
  /**
   * @throws NullPointerException naming a missing id, name or validFrom
   */
  public UnitVersion {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(validFrom, "validFrom");
  }
}
