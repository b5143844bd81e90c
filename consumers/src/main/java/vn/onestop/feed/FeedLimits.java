package vn.onestop.feed;

import java.time.Duration;

/**
 * The bounds of the alert feed's memory and connections.
 *
 * <p>The feed keeps a <em>recent window</em> of {@code case-alerts} in memory ({@link AlertLog}):
 * at most {@code windowAlerts} alerts, none decided more than {@code windowAge} before the newest
 * alert read (the log's own clock, as the engine's: a replay of historical data keeps its last
 * {@code windowAge}). Measured retained heap is about 770 bytes per alert (Avro-decoded alerts with
 * the window's indexes; AlertLogTest prints the figure), so the default of 50,000 alerts needs
 * about 40 MB of heap, whatever the size of {@code case-alerts}.
 *
 * @param windowAlerts most alerts kept (oldest evicted first), at least 1
 * @param windowAge longest age of a kept alert, measured from the newest {@code decidedAt} read;
 *     positive
 * @param maxConnections most open SSE connections in total, at least 1
 * @param maxConnectionsPerPrincipal most open SSE connections of one principal (all its API keys
 *     together), at least 1
 * @param retryAfter what a refused connection is told to wait ({@code Retry-After}, whole seconds)
 */
public record FeedLimits(
    int windowAlerts,
    Duration windowAge,
    int maxConnections,
    int maxConnectionsPerPrincipal,
    Duration retryAfter) {

  /** 50,000 alerts, 7 days, 200 connections in total, 5 per principal, retry after 30 s. */
  public static final FeedLimits DEFAULT =
      new FeedLimits(50_000, Duration.ofDays(7), 200, 5, Duration.ofSeconds(30));

  /**
   * @throws IllegalArgumentException naming the setting out of range
   */
  public FeedLimits {
    if (windowAlerts < 1) {
      throw new IllegalArgumentException("windowAlerts must be at least 1, got " + windowAlerts);
    }
    if (windowAge == null || windowAge.isNegative() || windowAge.isZero()) {
      throw new IllegalArgumentException("windowAge must be positive, got " + windowAge);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be at least 1, got " + maxConnections);
    }
    if (maxConnectionsPerPrincipal < 1) {
      throw new IllegalArgumentException(
          "maxConnectionsPerPrincipal must be at least 1, got " + maxConnectionsPerPrincipal);
    }
    if (retryAfter == null || retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, got " + retryAfter);
    }
  }
}
