package vn.onestop.sla.escalation;

import java.util.Objects;

/**
 * Who receives one alert.
 *
 * @param unitId unit whose feed receives the alert (never null)
 * @param officialId official who receives it, or null when the unit has no eligible official
 */
public record Recipient(String unitId, String officialId) {
  /**
   * Validates the components.
   *
   * @param unitId see the record description
   * @param officialId see the record description
   * @throws NullPointerException if unitId is null
   */
  public Recipient {
    Objects.requireNonNull(unitId, "unitId");
  }
}
