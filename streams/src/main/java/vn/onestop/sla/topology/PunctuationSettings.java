package vn.onestop.sla.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * How the deadline punctuator runs.
 *
 * @param interval STREAM_TIME punctuation interval (stream time, not wall-clock time); keep it at
 *     or below the ticker's interval so every tick can trigger a scan
 * @param maxEntriesPerPunctuation work budget: index entries fired per punctuation at most;
 *     leftovers continue at the next punctuation
 */
public record PunctuationSettings(Duration interval, int maxEntriesPerPunctuation) {
  /** 1 s of stream time, 10 000 entries. */
  public static final PunctuationSettings DEFAULT =
      new PunctuationSettings(Duration.ofSeconds(1), 10_000);

  /**
   * @throws IllegalArgumentException if the interval is not positive or the budget is below 1
   */
  public PunctuationSettings {
    Objects.requireNonNull(interval, "interval");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("punctuation interval must be positive, got " + interval);
    }
    if (maxEntriesPerPunctuation < 1) {
      throw new IllegalArgumentException(
          "maxEntriesPerPunctuation must be >= 1, got " + maxEntriesPerPunctuation);
    }
  }
}
