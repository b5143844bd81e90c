package vn.onestop.sla.kpi;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A unit-level fact derived from case transitions by {@link KpiFactSource} (stage 1, in the case
 * task) and aggregated by {@link KpiAggregator} (stage 2, in the task owning the unit). All
 * instants are UTC epoch milliseconds. Serialized as JSON with a {@code fact} discriminator ({@link
 * KpiFactCodec}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "fact")
@JsonSubTypes({
  @JsonSubTypes.Type(value = KpiFact.Received.class, name = "received"),
  @JsonSubTypes.Type(value = KpiFact.Accepted.class, name = "accepted"),
  @JsonSubTypes.Type(value = KpiFact.Resolved.class, name = "resolved"),
  @JsonSubTypes.Type(value = KpiFact.Rated.class, name = "rated"),
  @JsonSubTypes.Type(value = KpiFact.Overdue.class, name = "overdue"),
  @JsonSubTypes.Type(value = KpiFact.Watermark.class, name = "watermark")
})
public sealed interface KpiFact {

  /**
   * @return the unit the fact belongs to (the partitioning key), null for a {@link Watermark}
   */
  String unitId();

  /**
   * A case was submitted to the unit.
   *
   * @param unitId handling unit
   * @param atMillis occurredAt of the Submitted event
   */
  record Received(String unitId, long atMillis) implements KpiFact {}

  /**
   * A case was accepted (thụ lý) by the unit.
   *
   * @param unitId handling unit
   * @param atMillis occurredAt of the Accepted event
   */
  record Accepted(String unitId, long atMillis) implements KpiFact {}

  /**
   * A case was resolved by the unit.
   *
   * @param unitId handling unit
   * @param atMillis occurredAt of the Resolved event
   * @param onTime resolvedAt ≤ due instant of the running clock
   * @param workingDays working days from receipt to resolution
   */
  record Resolved(String unitId, long atMillis, boolean onTime, long workingDays)
      implements KpiFact {}

  /**
   * A citizen rated a case of the unit.
   *
   * @param unitId handling unit
   * @param atMillis occurredAt of the Rated event
   * @param score 1–5
   */
  record Rated(String unitId, long atMillis, int score) implements KpiFact {}

  /**
   * The unit's count of overdue open cases changed at {@code atMillis}.
   *
   * @param unitId unit
   * @param atMillis instant the change took effect (due instant for +1, event instant for -1)
   * @param delta +1 or -1
   */
  record Overdue(String unitId, long atMillis, int delta) implements KpiFact {}

  /**
   * Source {@code source} (a case-events partition) has reported every fact before {@code
   * upToMillis}. Must reach every partition of the facts topic (broadcast).
   *
   * @param source the case-events partition (task) that sends it, 0-based
   * @param upToMillis instant up to which its facts are complete
   */
  record Watermark(int source, long upToMillis) implements KpiFact {
    @Override
    public String unitId() {
      return null;
    }
  }
}
