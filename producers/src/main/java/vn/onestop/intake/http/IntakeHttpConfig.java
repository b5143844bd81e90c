package vn.onestop.intake.http;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Authenticator;
import vn.onestop.access.JwtAuthenticator;
import vn.onestop.access.JwtSettings;

/**
 * Settings of the intake HTTP server.
 *
 * @param host address to bind (default {@code 127.0.0.1})
 * @param port TCP port; 0 picks a free one
 * @param apiKeys command-line API keys: key to {@code clientId[:roles[@scope]]} ({@link
 *     ApiKeyPrincipals#parseSpec}; a bare client id is an INTAKE principal)
 * @param principals keys of the principals file (docs/access.md), in addition to {@code apiKeys}
 * @param jwt how bearer JWTs are verified, or null to refuse them
 * @param maxBodyBytes largest accepted request body in bytes (413 above; default 64 KiB)
 * @param retryAfterSeconds Retry-After value of 503 answers (default 5)
 * @param defaultUnitId unit of submissions that give a location but no unit (the intake desk)
 * @param displayZone zone of Open311 date/times on the wire (default Asia/Ho_Chi_Minh, +07:00)
 * @param limits slow-client defences
 */
public record IntakeHttpConfig(
    String host,
    int port,
    Map<String, String> apiKeys,
    ApiKeyPrincipals principals,
    JwtSettings jwt,
    int maxBodyBytes,
    int retryAfterSeconds,
    String defaultUnitId,
    ZoneId displayZone,
    Limits limits) {

  /**
   * Defences against slow or greedy clients (a connection that trickles its body holds a server
   * thread): Jetty's idle timeout and minimum request data rate end such a connection, and at most
   * {@code maxConcurrent} requests run at once, {@code maxConcurrentPerClient} per remote address;
   * a request over a cap is answered 503 problem+json with Retry-After at once.
   *
   * @param idleTimeout a connection with no byte for this long is closed (default 10 s)
   * @param minBodyBytesPerSecond a request body arriving slower than this (averaged by Jetty from
   *     the first byte) is answered 408 and closed (default 1024 B/s)
   * @param maxConcurrent requests served at once (default 150)
   * @param maxConcurrentPerClient requests served at once per remote address (default 20)
   */
  public record Limits(
      Duration idleTimeout,
      long minBodyBytesPerSecond,
      int maxConcurrent,
      int maxConcurrentPerClient) {
    /**
     * @throws IllegalArgumentException for a non-positive value
     */
    public Limits {
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive");
      }
      if (minBodyBytesPerSecond < 0 || maxConcurrent < 1 || maxConcurrentPerClient < 1) {
        throw new IllegalArgumentException(
            "minBodyBytesPerSecond must be >= 0 and the concurrency caps >= 1");
      }
    }

    /**
     * @return 10 s idle timeout, 1024 B/s, 150 requests, 20 per client
     */
    public static Limits defaults() {
      return new Limits(Duration.ofSeconds(10), 1024, 150, 20);
    }
  }

  /**
   * Checks and copies.
   *
   * @param host see the record component
   * @param port see the record component
   * @param apiKeys see the record component
   * @param principals see the record component
   * @param jwt see the record component
   * @param maxBodyBytes see the record component
   * @param retryAfterSeconds see the record component
   * @param defaultUnitId see the record component
   * @param displayZone see the record component
   * @param limits see the record component
   */
  public IntakeHttpConfig {
    Objects.requireNonNull(host, "host");
    apiKeys = Map.copyOf(apiKeys);
    Objects.requireNonNull(principals, "principals");
    Objects.requireNonNull(limits, "limits");
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535, got " + port);
    }
  }

  /**
   * @param apiKeys API key to {@code clientId[:roles[@scope]]}
   * @return 127.0.0.1, a free port, no principals file, no JWT, 64 KiB bodies, Retry-After 5 s,
   *     unit {@code tiep-nhan}, default limits
   */
  public static IntakeHttpConfig defaults(Map<String, String> apiKeys) {
    return new IntakeHttpConfig(
        "127.0.0.1",
        0,
        apiKeys,
        ApiKeyPrincipals.none(),
        null,
        64 * 1024,
        5,
        "tiep-nhan",
        ZoneId.of("Asia/Ho_Chi_Minh"),
        Limits.defaults());
  }

  /**
   * @param newHost bind address
   * @param newPort port (0 = any free)
   * @return a copy bound there
   */
  public IntakeHttpConfig withAddress(String newHost, int newPort) {
    return new IntakeHttpConfig(
        newHost,
        newPort,
        apiKeys,
        principals,
        jwt,
        maxBodyBytes,
        retryAfterSeconds,
        defaultUnitId,
        displayZone,
        limits);
  }

  /**
   * @param file keys of a principals file
   * @param jwtSettings JWT verification, or null
   * @return a copy with these credentials added to {@link #apiKeys}
   */
  public IntakeHttpConfig withPrincipals(ApiKeyPrincipals file, JwtSettings jwtSettings) {
    return new IntakeHttpConfig(
        host,
        port,
        apiKeys,
        file,
        jwtSettings,
        maxBodyBytes,
        retryAfterSeconds,
        defaultUnitId,
        displayZone,
        limits);
  }

  /**
   * @param newLimits slow-client defences
   * @return a copy with them
   */
  public IntakeHttpConfig withLimits(Limits newLimits) {
    return new IntakeHttpConfig(
        host,
        port,
        apiKeys,
        principals,
        jwt,
        maxBodyBytes,
        retryAfterSeconds,
        defaultUnitId,
        displayZone,
        newLimits);
  }

  /**
   * @return the authenticator of these credentials
   * @throws IllegalArgumentException when a command-line key entry or the JWT key source is bad
   */
  public Authenticator authenticator() {
    StringBuilder spec = new StringBuilder();
    apiKeys.forEach(
        (k, v) -> spec.append(spec.isEmpty() ? "" : ",").append(k).append('=').append(v));
    ApiKeyPrincipals keys =
        ApiKeyPrincipals.parseSpec(spec.toString(), "API keys").plus(principals);
    return new Authenticator(keys, Optional.ofNullable(jwt).map(JwtAuthenticator::new));
  }

  /** Does not print the API keys. */
  @Override
  public String toString() {
    return "IntakeHttpConfig["
        + host
        + ":"
        + port
        + ", "
        + (apiKeys.size() + principals.size())
        + " API keys, jwt="
        + (jwt != null)
        + ", maxBodyBytes="
        + maxBodyBytes
        + "]";
  }
}
