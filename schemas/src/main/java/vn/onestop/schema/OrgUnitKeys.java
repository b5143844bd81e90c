package vn.onestop.schema;

import java.time.Instant;

/**
 * Kafka keys of {@link Topics#ORG_UNITS}: one key per version of a unit, {@code
 * <unitId>|<validFrom>} with {@code validFrom} as 13-digit zero-padded epoch milliseconds (UTC),
 * e.g. {@code ubnd-phuong-1|1767200400000}. Compaction then keeps every version of a unit (an alert
 * is addressed to the head in office at its decided-at instant, also in a replay years later), and
 * the keys of one unit sort by validFrom. Re-publishing a version under the same key corrects it.
 */
public final class OrgUnitKeys {
  /** Separator between unit id and validFrom; unit ids never contain it. */
  public static final char SEPARATOR = '|';

  private OrgUnitKeys() {}

  /**
   * @param unitId unit id, not blank, without {@code |}
   * @param validFrom the version's valid-from instant, at or after 1970-01-01T00:00Z and before
   *     2286
   * @return the key {@code unitId|0001767200400000}
   * @throws IllegalArgumentException if the unit id contains {@code |} or the instant is out of
   *     range
   */
  public static String key(String unitId, Instant validFrom) {
    if (unitId == null || unitId.isBlank() || unitId.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("unit id must be non-blank and without '|': " + unitId);
    }
    long ms = validFrom.toEpochMilli();
    if (ms < 0 || ms > 9_999_999_999_999L) {
      throw new IllegalArgumentException("validFrom out of range 1970..2286: " + validFrom);
    }
    return unitId + SEPARATOR + String.format("%013d", ms);
  }

  /**
   * @param unit a version of a unit
   * @return its key
   */
  public static String key(OrgUnit unit) {
    return key(unit.getUnitId(), unit.getValidFrom());
  }
}
