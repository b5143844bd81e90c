package vn.onestop.intake.ticker;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides when an import writes a round of ClockTicks, following event time instead of the wall
 * clock: before an event at time t, a round is due at {@code floor(t / interval) * interval} when
 * that boundary is later than the previous round (so at most one round per event, and none while
 * event time stays within one interval). After the last event, {@link #finalRound} gives one more
 * round at the last event time. Pure and deterministic: the same events give the same rounds.
 */
public final class EventTimeTicks {
  private final long intervalMillis;
  private long lastRound = Long.MIN_VALUE;

  /**
   * @param interval distance between tick boundaries, at least 1 s
   */
  public EventTimeTicks(Duration interval) {
    if (interval.toMillis() < 1000) {
      throw new IllegalArgumentException("tick interval must be at least 1 s, got " + interval);
    }
    this.intervalMillis = interval.toMillis();
  }

  /**
   * @param eventTime time of the next event to write (events come in non-decreasing time)
   * @return the round to write before it, if one is due
   */
  public Optional<Instant> before(Instant eventTime) {
    long boundary = Math.floorDiv(eventTime.toEpochMilli(), intervalMillis) * intervalMillis;
    if (lastRound != Long.MIN_VALUE && boundary > lastRound) {
      lastRound = boundary;
      return Optional.of(Instant.ofEpochMilli(boundary));
    }
    if (lastRound == Long.MIN_VALUE) {
      lastRound = boundary; // the first event starts stream time itself
    }
    return Optional.empty();
  }

  /**
   * @param lastEventTime time of the last event written
   * @return the closing round, empty when a round at exactly that time was already written
   */
  public Optional<Instant> finalRound(Instant lastEventTime) {
    long t = lastEventTime.toEpochMilli();
    if (lastRound != Long.MIN_VALUE && t <= lastRound) {
      return Optional.empty();
    }
    lastRound = t;
    return Optional.of(lastEventTime);
  }
}
