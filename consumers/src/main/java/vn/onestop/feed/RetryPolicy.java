package vn.onestop.feed;

import java.time.Duration;

/**
 * Bounded exponential backoff for webhook deliveries: attempt 1 at once, attempt n+1 after {@code
 * min(initialDelay * multiplier^(n-1), maxDelay)}; at most {@code maxAttempts} attempts, each
 * waiting at most {@code attemptTimeout} for the receiver's answer. After the last failed attempt
 * the alert is recorded as undelivered at that receiver and its next alert is sent.
 *
 * @param maxAttempts at least 1
 * @param initialDelay delay before the second attempt, positive
 * @param multiplier growth factor, at least 1
 * @param maxDelay upper bound of a single delay
 * @param attemptTimeout longest wait for one answer (connect + response), positive
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialDelay,
    double multiplier,
    Duration maxDelay,
    Duration attemptTimeout) {
  /** Default answer timeout of one attempt: 10 s. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Default: 8 attempts, 1 s doubling up to 5 min (127 s of backoff in all), 10 s answer timeout;
   * worst case 207 s per alert.
   */
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
    if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
      throw new IllegalArgumentException("attemptTimeout must be positive");
    }
  }

  /**
   * A policy with the {@link #DEFAULT_ATTEMPT_TIMEOUT default answer timeout}.
   *
   * @throws IllegalArgumentException naming the bad component
   */
  public RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {
    this(maxAttempts, initialDelay, multiplier, maxDelay, DEFAULT_ATTEMPT_TIMEOUT);
  }

  /**
   * @param failedAttempts attempts made so far (at least 1)
   * @return the delay before the next attempt
   */
  public Duration delayAfter(int failedAttempts) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }

  /**
   * @return the longest time one alert can take at a receiver that never answers: every attempt's
   *     timeout plus every backoff delay
   */
  public Duration worstCase() {
    Duration d = attemptTimeout.multipliedBy(maxAttempts);
    for (int i = 1; i < maxAttempts; i++) {
      d = d.plus(delayAfter(i));
    }
    return d;
  }
}
