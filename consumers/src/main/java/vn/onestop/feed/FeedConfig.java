package vn.onestop.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Authenticator;
import vn.onestop.access.JwtAuthenticator;
import vn.onestop.access.JwtSettings;
import vn.onestop.schema.Topics;

/**
 * Settings of the alert feed service.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl Confluent-compatible registry base URL
 * @param host interface to bind; {@code 127.0.0.1} unless deliberately exposed
 * @param port HTTP port, 0 for any free port
 * @param principals API keys of the callers
 * @param jwt bearer JWT verification, the same settings as the intake's ({@code ONESTOP_JWT_*},
 *     docs/access.md); null when no issuer is configured (then a bearer JWT is answered 401)
 * @param webhookSecret HMAC secret of webhook signatures (at least 16 characters), or null to
 *     disable webhooks
 * @param webhookGroupId prefix of the webhook consumer groups: each receiver (distinct webhook URL)
 *     keeps its position in group {@code <prefix>-<receiverId>} ({@link WebhookReceiver#idOf})
 * @param retry webhook retry policy
 * @param alertsTopic topic of the alerts
 * @param orgUnitsTopic topic of the org units
 * @param keepAlive interval of SSE keep-alive comments
 * @param limits bounds of the recent window and the connection caps
 * @param caseEventsTopic topic whose Resolved / Withdrawn / Reopened events take cases off (and
 *     back on) the cockpit ({@link CaseBoard}), or null to follow alerts only
 * @param acknowledgementsTopic topic of the cockpit's acknowledgements and snoozes ({@link
 *     AckRoutes}), written and tailed by the feed, or null to disable them (the POST routes answer
 *     503)
 */
public record FeedConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String host,
    int port,
    ApiKeyPrincipals principals,
    JwtSettings jwt,
    String webhookSecret,
    String webhookGroupId,
    RetryPolicy retry,
    String alertsTopic,
    String orgUnitsTopic,
    Duration keepAlive,
    FeedLimits limits,
    String caseEventsTopic,
    String acknowledgementsTopic) {

  /**
   * Settings with the default bounds ({@link FeedLimits#DEFAULT}), following {@code case-events}.
   *
   * @param bootstrapServers Kafka {@code bootstrap.servers}
   * @param schemaRegistryUrl registry base URL
   * @param host interface to bind
   * @param port HTTP port, 0 for any free port
   * @param principals API keys of the callers
   * @param webhookSecret webhook HMAC secret, or null
   * @param webhookGroupId prefix of the webhook consumer groups
   * @param retry webhook retry policy
   * @param alertsTopic topic of the alerts
   * @param orgUnitsTopic topic of the org units
   * @param keepAlive interval of SSE keep-alive comments
   */
  public FeedConfig(
      String bootstrapServers,
      String schemaRegistryUrl,
      String host,
      int port,
      ApiKeyPrincipals principals,
      String webhookSecret,
      String webhookGroupId,
      RetryPolicy retry,
      String alertsTopic,
      String orgUnitsTopic,
      Duration keepAlive) {
    this(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        port,
        principals,
        null,
        webhookSecret,
        webhookGroupId,
        retry,
        alertsTopic,
        orgUnitsTopic,
        keepAlive);
  }

  /**
   * Settings with bearer JWT verification and the default bounds ({@link FeedLimits#DEFAULT}),
   * following {@code case-events}.
   *
   * @param bootstrapServers Kafka {@code bootstrap.servers}
   * @param schemaRegistryUrl registry base URL
   * @param host interface to bind
   * @param port HTTP port, 0 for any free port
   * @param principals API keys of the callers
   * @param jwt bearer JWT verification (the intake's settings), or null for none
   * @param webhookSecret webhook HMAC secret, or null
   * @param webhookGroupId prefix of the webhook consumer groups
   * @param retry webhook retry policy
   * @param alertsTopic topic of the alerts
   * @param orgUnitsTopic topic of the org units
   * @param keepAlive interval of SSE keep-alive comments
   */
  public FeedConfig(
      String bootstrapServers,
      String schemaRegistryUrl,
      String host,
      int port,
      ApiKeyPrincipals principals,
      JwtSettings jwt,
      String webhookSecret,
      String webhookGroupId,
      RetryPolicy retry,
      String alertsTopic,
      String orgUnitsTopic,
      Duration keepAlive) {
    this(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        port,
        principals,
        jwt,
        webhookSecret,
        webhookGroupId,
        retry,
        alertsTopic,
        orgUnitsTopic,
        keepAlive,
        FeedLimits.DEFAULT,
        Topics.CASE_EVENTS.name(),
        Topics.CASE_ACKNOWLEDGEMENTS.name());
  }

  /**
   * @throws NullPointerException naming a missing required setting
   */
  public FeedConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(principals, "principals");
    Objects.requireNonNull(webhookGroupId, "webhookGroupId");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(alertsTopic, "alertsTopic");
    Objects.requireNonNull(orgUnitsTopic, "orgUnitsTopic");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * @param topic case-events topic to follow, or null for none
   * @return a copy following that topic
   */
  public FeedConfig withCaseEventsTopic(String topic) {
    return new FeedConfig(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        port,
        principals,
        jwt,
        webhookSecret,
        webhookGroupId,
        retry,
        alertsTopic,
        orgUnitsTopic,
        keepAlive,
        limits,
        topic,
        acknowledgementsTopic);
  }

  /**
   * @param topic case-acknowledgements topic to write and follow, or null to disable
   * @return a copy with that topic
   */
  public FeedConfig withAcknowledgementsTopic(String topic) {
    return new FeedConfig(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        port,
        principals,
        jwt,
        webhookSecret,
        webhookGroupId,
        retry,
        alertsTopic,
        orgUnitsTopic,
        keepAlive,
        limits,
        caseEventsTopic,
        topic);
  }

  /**
   * @param newLimits window bounds and connection caps
   * @return a copy with other limits
   */
  public FeedConfig withLimits(FeedLimits newLimits) {
    return new FeedConfig(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        port,
        principals,
        jwt,
        webhookSecret,
        webhookGroupId,
        retry,
        alertsTopic,
        orgUnitsTopic,
        keepAlive,
        newLimits,
        caseEventsTopic,
        acknowledgementsTopic);
  }

  /**
   * Defaults: no JWT verification, bind 127.0.0.1 port 8090, production topic names, webhook groups
   * {@code onestop-webhook-<receiverId>}, {@link RetryPolicy#DEFAULT}, keep-alive 15 s.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param schemaRegistryUrl registry URL
   * @param principals API keys
   * @param webhookSecret webhook HMAC secret or null
   * @return the settings
   */
  public static FeedConfig defaults(
      String bootstrapServers,
      String schemaRegistryUrl,
      ApiKeyPrincipals principals,
      String webhookSecret) {
    return new FeedConfig(
        bootstrapServers,
        schemaRegistryUrl,
        "127.0.0.1",
        8090,
        principals,
        null,
        webhookSecret,
        "onestop-webhook",
        RetryPolicy.DEFAULT,
        Topics.CASE_ALERTS.name(),
        Topics.ORG_UNITS.name(),
        Duration.ofSeconds(15));
  }

  /**
   * @param newPort HTTP port, 0 for any free port
   * @return a copy with another port
   */
  public FeedConfig withPort(int newPort) {
    return new FeedConfig(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        newPort,
        principals,
        jwt,
        webhookSecret,
        webhookGroupId,
        retry,
        alertsTopic,
        orgUnitsTopic,
        keepAlive,
        limits,
        caseEventsTopic,
        acknowledgementsTopic);
  }

  /**
   * @param alerts alerts topic
   * @param orgUnits org-units topic
   * @param groupId prefix of the webhook consumer groups
   * @return a copy with other topic names and webhook group, not following case-events and without
   *     acknowledgements (tests use private topics; see {@link #withCaseEventsTopic} and {@link
   *     #withAcknowledgementsTopic})
   */
  public FeedConfig withTopics(String alerts, String orgUnits, String groupId) {
    return new FeedConfig(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        port,
        principals,
        jwt,
        webhookSecret,
        groupId,
        retry,
        alerts,
        orgUnits,
        keepAlive,
        limits,
        null,
        null);
  }

  /**
   * @param newRetry webhook retry policy
   * @return a copy with another retry policy
   */
  public FeedConfig withRetry(RetryPolicy newRetry) {
    return new FeedConfig(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        port,
        principals,
        jwt,
        webhookSecret,
        webhookGroupId,
        newRetry,
        alertsTopic,
        orgUnitsTopic,
        keepAlive,
        limits,
        caseEventsTopic,
        acknowledgementsTopic);
  }

  /**
   * @param settings bearer JWT verification (the intake's settings), or null for none
   * @return a copy that verifies bearer JWTs with them
   */
  public FeedConfig withJwt(JwtSettings settings) {
    return new FeedConfig(
        bootstrapServers,
        schemaRegistryUrl,
        host,
        port,
        principals,
        settings,
        webhookSecret,
        webhookGroupId,
        retry,
        alertsTopic,
        orgUnitsTopic,
        keepAlive,
        limits,
        caseEventsTopic,
        acknowledgementsTopic);
  }

  /**
   * The feed's authentication: the API keys of {@link #principals} and, when {@link #jwt} is set,
   * bearer JWTs — the same {@link Authenticator} the intake builds.
   *
   * @return the authenticator
   * @throws IllegalArgumentException when the JWT key file cannot be read
   */
  public Authenticator authenticator() {
    return new Authenticator(principals, Optional.ofNullable(jwt).map(JwtAuthenticator::new));
  }
}
