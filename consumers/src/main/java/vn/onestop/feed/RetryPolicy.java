package vn.onestop.feed;

import java.time.Duration;

/**
 * Bounded exponential backoff for webhook deliveries: attempt 1 at once, attempt n+1 after {@code
 * min(initialDelay * multiplier^(n-1), maxDelay)}; at most {@code maxAttempts} attempts.
 *
 * @param maxAttempts at least 1
 * @param initialDelay delay before the second attempt, positive
 * @param multiplier growth factor, at least 1
 * @param maxDelay upper bound of a single delay
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {
  /** Default: 8 attempts, 1 s doubling up to 5 min (about 9.5 minutes in all). */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(8, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

  /**
   * @throws IllegalArgumentException naming the bad component
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive");
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be at least 1");
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay must be at least initialDelay");
    }
  }

  /**
   * @param failedAttempts attempts made so far (at least 1)
   * @return the delay before the next attempt
   */
  public Duration delayAfter(int failedAttempts) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }
}
