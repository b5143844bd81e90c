package vn.onestop.intake.http;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the intake HTTP server.
 *
 * @param host address to bind (default {@code 127.0.0.1})
 * @param port TCP port; 0 picks a free one
 * @param apiKeys API key to client id; writes need a key from this map (401 otherwise, 403 on
 *     Open311)
 * @param maxBodyBytes largest accepted request body in bytes (413 above; default 64 KiB)
 * @param retryAfterSeconds Retry-After value of 503 answers (default 5)
 * @param defaultUnitId unit of submissions that give a location but no unit (the intake desk)
 * @param displayZone zone of Open311 date/times on the wire (default Asia/Ho_Chi_Minh, +07:00)
 */
public record IntakeHttpConfig(
    String host,
    int port,
    Map<String, String> apiKeys,
    int maxBodyBytes,
    int retryAfterSeconds,
    String defaultUnitId,
    ZoneId displayZone) {

  /**
   * Checks and copies.
   *
   * @param host see the record component
   * @param port see the record component
   * @param apiKeys see the record component
   * @param maxBodyBytes see the record component
   * @param retryAfterSeconds see the record component
   * @param defaultUnitId see the record component
   * @param displayZone see the record component
   */
  public IntakeHttpConfig {
    Objects.requireNonNull(host, "host");
    apiKeys = Map.copyOf(apiKeys);
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
  }

  /**
   * @param apiKeys API key to client id
   * @return 127.0.0.1, a free port, 64 KiB bodies, Retry-After 5 s, unit {@code tiep-nhan}
   */
  public static IntakeHttpConfig defaults(Map<String, String> apiKeys) {
    return new IntakeHttpConfig(
        "127.0.0.1", 0, apiKeys, 64 * 1024, 5, "tiep-nhan", ZoneId.of("Asia/Ho_Chi_Minh"));
  }

  /**
   * @param newHost bind address
   * @param newPort port (0 = any free)
   * @return a copy bound there
   */
  public IntakeHttpConfig withAddress(String newHost, int newPort) {
    return new IntakeHttpConfig(
        newHost, newPort, apiKeys, maxBodyBytes, retryAfterSeconds, defaultUnitId, displayZone);
  }

  /** Does not print the API keys. */
  @Override
  public String toString() {
    return "IntakeHttpConfig["
        + host
        + ":"
        + port
        + ", "
        + apiKeys.size()
        + " API keys, maxBodyBytes="
        + maxBodyBytes
        + "]";
  }
}
