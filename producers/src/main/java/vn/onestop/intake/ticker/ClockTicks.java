package vn.onestop.intake.ticker;

import java.time.Instant;
import vn.onestop.intake.ids.EventIds;
import vn.onestop.schema.Actor;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Topics;

/**
 * Builds ClockTick events: key and case id {@value Topics#CLOCK_KEY}, payload {@code
 * ClockTick{partition, tickerId}}, occurredAt = the tick's time (also the record timestamp). The
 * event id is derived from (source, ticker id, partition, time in ms), so the same tick written
 * twice has the same id.
 */
public final class ClockTicks {
  private ClockTicks() {}

  /**
   * @param sourceSystem writer, e.g. {@code clock-ticker} or {@code hotline-import:boston311}
   * @param tickerId ticker instance id
   * @param partition target partition
   * @param at tick time (UTC)
   * @param recordedAt wall-clock time of writing
   * @return the tick event
   */
  public static CaseEvent tick(
      String sourceSystem, String tickerId, int partition, Instant at, Instant recordedAt) {
    return CaseEvent.newBuilder()
        .setEventId(
            EventIds.derived(
                sourceSystem,
                "ClockTick",
                tickerId,
                Integer.toString(partition),
                Long.toString(at.toEpochMilli())))
        .setCaseId(Topics.CLOCK_KEY)
        .setOccurredAt(at)
        .setRecordedAt(recordedAt)
        .setSourceSystem(sourceSystem)
        .setActor(new Actor(ActorRole.SYSTEM, null, null))
        .setPayload(new ClockTick(partition, tickerId))
        .build();
  }
}
