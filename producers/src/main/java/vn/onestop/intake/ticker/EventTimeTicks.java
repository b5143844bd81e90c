package vn.onestop.intake.ticker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
   * The rounds that close an import at its as-of instant (the moment the source system produced the
   * export): one at each interval boundary after the last round up to {@code asOf}, then one at
   * {@code asOf} itself unless the last of those is exactly {@code asOf}. Every boundary gets a
   * round (between events a jump gets one), so stream time reaches the export's own time in steps
   * and the engine's per-punctuation budget cannot leave deadlines before {@code asOf} unfired.
   * Cost: one round per interval of the gap (a day after the last event at 1 h: 24 rounds). With
   * {@code asOf} = the last event time this is {@link #finalRound}.
   *
   * @param asOf as-of instant (UTC), not before the last event written
   * @return the rounds in order, empty when a round at exactly {@code asOf} was already written
   */
  public List<Instant> closingRounds(Instant asOf) {
    List<Instant> out = new ArrayList<>();
    long end = asOf.toEpochMilli();
    if (lastRound != Long.MIN_VALUE) {
      for (long b = (Math.floorDiv(lastRound, intervalMillis) + 1) * intervalMillis;
          b <= end;
          b += intervalMillis) {
        out.add(Instant.ofEpochMilli(b));
        lastRound = b;
      }
    }
    finalRound(asOf).ifPresent(out::add);
    return out;
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
