package vn.onestop.app;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.JwtSettings;
import vn.onestop.feed.AlertFeedService;
import vn.onestop.feed.FeedConfig;
import vn.onestop.intake.IntakeOptions;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.IntakeHttpConfig;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.intake.kafka.ProducerSettings;
import vn.onestop.intake.ticker.ClockTicker;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.TopicSetup;

/**
 * Starts the pipeline's services against a cluster: topic setup and schema registration, the SLA
 * engine, the web intake, the alert feed and the clock ticker. Each method returns the running
 * service; the caller closes it (usually through {@link Shutdown}).
 */
final class Services {
  private Services() {}

  /**
   * Creates missing topics and registers every value schema.
   *
   * @param partitions partitions of new topics
   */
  static void prepareTopics(Cluster cluster, int partitions) {
    prepareTopics(cluster, partitions, (short) 1);
  }

  /**
   * Creates missing topics, checks the settings of existing ones and registers every value schema;
   * every service calls it before it serves.
   *
   * @param topics partitions and replication factor of new topics
   * @throws vn.onestop.schema.TopicSettingsException one line per wrong setting of an existing
   *     topic
   */
  static void prepareTopics(Cluster cluster, TopicOptions topics) {
    prepareTopics(cluster, topics.partitions, topics.replication);
  }

  private static void prepareTopics(Cluster cluster, int partitions, short replication) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      // Every missing topic is created before any wrong setting is reported, so that a fix of
      // the reported settings is all an operator has left to do.
      List<String> problems = new java.util.ArrayList<>();
      try {
        TopicSetup.createAll(admin, SlaTopics.DEFAULT, partitions, replication);
      } catch (vn.onestop.schema.TopicSettingsException e) {
        problems.addAll(e.problems());
      }
      try {
        // The feed's acknowledgements: a product topic the engine does not read (docs/design.md).
        TopicAdmin.ensure(admin, feedTopics(partitions, replication));
      } catch (vn.onestop.schema.TopicSettingsException e) {
        problems.addAll(e.problems());
      }
      if (!problems.isEmpty()) {
        throw new vn.onestop.schema.TopicSettingsException(problems);
      }
    }
    Topics.registerAll(new SchemaRegistryClient(cluster.schemaRegistryUrl()));
  }

  /**
   * The product topics outside the engine's ({@link TopicSetup#wanted}): {@code
   * case-acknowledgements}, written and read by the alert feed only.
   *
   * @param partitions partitions of a new topic
   * @param replication replication factor of a new topic
   * @return the admin requests with the product's settings
   */
  static List<NewTopic> feedTopics(int partitions, short replication) {
    return List.of(
        Topics.CASE_ACKNOWLEDGEMENTS.newTopic(
            Topics.CASE_ACKNOWLEDGEMENTS.name(), partitions, replication));
  }

  /** The names of every product topic, engine's and feed's, for the operator's messages. */
  static List<String> allTopicNames() {
    List<String> names = new java.util.ArrayList<>(SlaTopics.DEFAULT.all());
    feedTopics(1, (short) 1).forEach(t -> names.add(t.name()));
    return names;
  }

  /**
   * Starts the SLA engine (exactly_once_v2).
   *
   * @param stateDir directory of its RocksDB stores (kept across restarts)
   */
  static SlaEngine engine(Cluster cluster, Path stateDir, PolicyBook policies) {
    return engine(cluster, stateDir, policies, null, 0, (short) -1, Map.of());
  }

  /**
   * Starts one SLA engine instance (exactly_once_v2) of several sharing the default {@code
   * application.id}.
   *
   * @param stateDir directory of its RocksDB stores (kept across restarts; one per instance)
   * @param applicationServer this instance's {@code host:port} for interactive-query metadata (the
   *     HTTP port answering {@code /internal/v1/cases/{id}/status}), or null
   * @param standbys {@code num.standby.replicas}
   * @param replication {@code replication.factor} of the changelog and repartition topics, or -1
   *     for the broker's default
   * @param streamsProperties further Kafka Streams properties
   */
  static SlaEngine engine(
      Cluster cluster,
      Path stateDir,
      PolicyBook policies,
      String applicationServer,
      int standbys,
      short replication,
      Map<String, String> streamsProperties) {
    SlaEngineConfig.Builder config =
        SlaEngineConfig.builder(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
            .stateDir(stateDir)
            .override(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys)
            .override(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication);
    if (applicationServer != null) {
      config.applicationServer(applicationServer);
    }
    streamsProperties.forEach(config::override);
    SlaEngine engine = new SlaEngine(config.build(), policies);
    engine.start();
    return engine;
  }

  /**
   * Starts the web intake (JSON API + Open311).
   *
   * @param host bind address
   * @param port port, 0 for any free one
   * @param apiKeys API key to client id
   * @param identityKey key of denouncer identities; empty = from ONESTOP_IDENTITY_KEY
   */
  static IntakeService intake(
      Cluster cluster,
      String host,
      int port,
      Map<String, String> apiKeys,
      Optional<IdentityKey> identityKey) {
    return intake(cluster, host, port, apiKeys, identityKey, null);
  }

  /**
   * Starts the web intake (JSON API + Open311) with the process's meters and readiness: {@code
   * /metrics} and {@code /health/ready} on its port answer for the whole process.
   *
   * @param host bind address
   * @param port port, 0 for any free one
   * @param apiKeys API key to client id
   * @param identityKey key of denouncer identities; empty = from ONESTOP_IDENTITY_KEY
   * @param ops the process's operations side, or null for none
   */
  static IntakeService intake(
      Cluster cluster,
      String host,
      int port,
      Map<String, String> apiKeys,
      Optional<IdentityKey> identityKey,
      Operations ops) {
    return intake(cluster, host, port, apiKeys, ApiKeyPrincipals.none(), null, identityKey, ops);
  }

  /**
   * Starts the web intake with every kind of credential.
   *
   * @param host bind address
   * @param port port, 0 for any free one
   * @param apiKeys command-line keys, key to {@code clientId[:roles[@scope]]}
   * @param principals keys of the principals file (docs/access.md)
   * @param jwt JWT bearer verification, or null
   * @param identityKey key of denouncer identities; empty = from ONESTOP_IDENTITY_KEY
   * @param ops the process's operations side, or null for none
   */
  static IntakeService intake(
      Cluster cluster,
      String host,
      int port,
      Map<String, String> apiKeys,
      ApiKeyPrincipals principals,
      JwtSettings jwt,
      Optional<IdentityKey> identityKey,
      Operations ops) {
    IntakeOptions options =
        IntakeOptions.defaults(
            cluster.bootstrapServers(),
            cluster.schemaRegistryUrl(),
            IntakeHttpConfig.defaults(apiKeys)
                .withAddress(host, port)
                .withPrincipals(principals, jwt));
    if (identityKey.isPresent()) {
      options = options.withIdentityKey(identityKey.get());
    }
    return intake(options, ops);
  }

  /**
   * Starts the web intake with the given options and the process's meters and readiness.
   *
   * @param options every setting of the intake
   * @param ops the process's operations side, or null for none
   */
  static IntakeService intake(IntakeOptions options, Operations ops) {
    // The engine's calendars: PUT /api/v1/units/{id} checks a unit's calendar against them.
    Set<String> calendars = Set.copyOf(Calendars.ids());
    if (ops == null) {
      return IntakeService.start(options, new CompositeMeterRegistry(), calendars);
    }
    IntakeService intake = IntakeService.start(options, ops.registry(), calendars);
    intake.readiness(ops.readiness()::problems);
    intake.metrics(ops::scrape);
    return intake;
  }

  /**
   * Starts the alert feed (SSE, supervisor page, webhooks when a secret is given), API keys only.
   */
  static AlertFeedService feed(
      Cluster cluster, String host, int port, ApiKeyPrincipals principals, String webhookSecret) {
    return feed(cluster, host, port, principals, null, webhookSecret, null);
  }

  /**
   * Starts the alert feed with the process's meters and readiness: {@code /metrics} and {@code
   * /health/ready} on its port answer for the whole process, readiness including the feed's own
   * tailers.
   *
   * @param principals API keys of the callers (the same principals file as the intake's)
   * @param jwt bearer JWT verification, the intake's settings ({@link ServiceSettings#jwt}), or
   *     null to refuse JWTs
   * @param ops the process's operations side, or null for none
   */
  static AlertFeedService feed(
      Cluster cluster,
      String host,
      int port,
      ApiKeyPrincipals principals,
      JwtSettings jwt,
      String webhookSecret,
      Operations ops) {
    FeedConfig defaults =
        FeedConfig.defaults(
            cluster.bootstrapServers(), cluster.schemaRegistryUrl(), principals, webhookSecret);
    FeedConfig config =
        new FeedConfig(
            defaults.bootstrapServers(),
            defaults.schemaRegistryUrl(),
            host,
            port,
            defaults.principals(),
            jwt,
            defaults.webhookSecret(),
            defaults.webhookGroupId(),
            defaults.retry(),
            defaults.alertsTopic(),
            defaults.orgUnitsTopic(),
            defaults.keepAlive());
    if (ops == null) {
      return AlertFeedService.start(config);
    }
    AlertFeedService feed = AlertFeedService.start(config, ops.registry());
    ops.readiness().check(feed::notReady);
    feed.readiness(ops.readiness()::problems);
    feed.metrics(ops::scrape);
    return feed;
  }

  /** A running live ticker and its producer, closed together. */
  record RunningTicker(ClockTicker ticker, CaseEventPublisher publisher) implements AutoCloseable {
    @Override
    public void close() {
      ticker.close();
      publisher.close();
    }
  }

  /** Starts the live clock ticker: a ClockTick to every partition of case-events each interval. */
  static RunningTicker ticker(Cluster cluster, Duration interval) {
    CaseEventPublisher publisher =
        new CaseEventPublisher(
            ProducerSettings.defaults(cluster.bootstrapServers(), "onestop-clock-ticker"),
            new SchemaRegistryClient(cluster.schemaRegistryUrl()),
            true);
    ClockTicker ticker =
        new ClockTicker(
            publisher, Clock.systemUTC(), interval, "ticker-" + ProcessHandle.current().pid());
    return new RunningTicker(ticker.start(), publisher);
  }

  /**
   * @return the key from ONESTOP_IDENTITY_KEY, or a random key for this session only (printed as a
   *     warning: denunciations written with it cannot be decrypted after the process ends)
   */
  static IdentityKey identityKeyOrEphemeral() {
    String env = System.getenv(IdentityKey.ENV);
    if (env != null && !env.isBlank()) {
      return IdentityKey.fromEnvironment();
    }
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    System.err.println(
        "Note: "
            + IdentityKey.ENV
            + " is not set; denouncer identities are encrypted with a key "
            + "that lives only as long as this process.");
    return IdentityKey.fromBytes(raw);
  }
}
