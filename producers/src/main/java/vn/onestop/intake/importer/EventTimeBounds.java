package vn.onestop.intake.importer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The range an imported event time (a row's opening or closing time, which becomes a Kafka record
 * timestamp and moves stream time) must fall in: from 1970-01-01T00:00Z (Kafka refuses negative
 * timestamps) to {@link #MAX_AHEAD} after the wall clock at the check (a broker refuses records
 * stamped later than its {@code message.timestamp.after.max.ms}, 1 h by default in Kafka 4). A row
 * outside it — a year typo such as 2206, or a date before 1970 — is rejected by line before
 * anything is written, like any other bad date, instead of failing the write. Due dates are not
 * event times (they are payload fields, never record timestamps) and are not bounded here.
 */
public final class EventTimeBounds {
  /** Longest distance an event time may lie ahead of the wall clock. */
  public static final Duration MAX_AHEAD = Duration.ofHours(1);

  /** Earliest event time: Kafka record timestamps are non-negative epoch milliseconds. */
  public static final Instant EARLIEST = Instant.EPOCH;

  private final Clock clock;

  /**
   * @param clock wall clock read at each check (UTC)
   */
  public EventTimeBounds(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @return bounds on the system's UTC clock
   */
  public static EventTimeBounds system() {
    return new EventTimeBounds(Clock.systemUTC());
  }

  /**
   * @return the latest acceptable event time now: the wall clock plus {@link #MAX_AHEAD}
   */
  public Instant latest() {
    return clock.instant().plus(MAX_AHEAD);
  }

  /**
   * @param column column name (for the message)
   * @param raw the value as written in the file (for the message)
   * @param t the parsed instant
   * @return {@code t}
   * @throws RowRejected {@code date out of range}, naming the column, the value and the bound
   */
  public Instant check(String column, String raw, Instant t) throws RowRejected {
    if (t.isBefore(EARLIEST)) {
      throw new RowRejected(
          "date out of range",
          column
              + "="
              + RowRejected.quoted(raw)
              + " is before 1970-01-01T00:00Z, the earliest Kafka record time");
    }
    Instant latest = latest();
    if (t.isAfter(latest)) {
      throw new RowRejected(
          "date out of range",
          column
              + "="
              + RowRejected.quoted(raw)
              + " is more than "
              + MAX_AHEAD.toHours()
              + " h after the import's clock ("
              + latest.minus(MAX_AHEAD)
              + "); an event cannot lie in the future");
    }
    return t;
  }
}
