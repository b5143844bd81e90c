package vn.onestop.sla;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaTopics;

/**
 * Settings of the SLA engine ({@link SlaEngine}). Build with {@link #builder(String, String)}.
 *
 * <p>Fixed by the engine, not configurable: {@code processing.guarantee=exactly_once_v2} (the case
 * store, the deadline index, the alerts and the input offsets commit in one transaction), no
 * default serdes (every topic and store gets an explicit registry serde).
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl Confluent-compatible registry base URL, e.g. {@code
 *     http://127.0.0.1:8081/apis/ccompat/v7}
 * @param applicationId Kafka Streams {@code application.id} (consumer group, transactional-id and
 *     changelog-topic prefix); instances with the same id share the work
 * @param stateDir directory of the local RocksDB stores; keep it across restarts to avoid a full
 *     restore from the changelogs
 * @param topics topic names
 * @param punctuation punctuation interval (stream time) and work budget
 * @param numStreamThreads stream threads in this instance
 * @param maxTaskIdleMs {@code max.task.idle.ms}: -1 (never idle, the default) or from 0 up to below
 *     {@code max.poll.interval.ms} (KAFKA-12360). Every task of the engine reads exactly one
 *     partition, so there is no second partition to wait for and -1 and 0 order records alike; -1
 *     also skips Kafka Streams' per-call lag check for an empty partition, which formats a log
 *     string each time (7 % of the stream thread while catching up)
 * @param autoRegisterSchemas whether sinks register the alert and rejected-event schemas when
 *     missing
 * @param applicationServer this instance's {@code host:port} for interactive-query metadata, if
 *     several instances run; empty for a single instance
 * @param overrides further Kafka Streams / client properties (e.g. {@code session.timeout.ms});
 *     they cannot change the processing guarantee
 */
public record SlaEngineConfig(
    String bootstrapServers,
    String schemaRegistryUrl,
    String applicationId,
    Path stateDir,
    SlaTopics topics,
    PunctuationSettings punctuation,
    int numStreamThreads,
    long maxTaskIdleMs,
    boolean autoRegisterSchemas,
    Optional<String> applicationServer,
    Map<String, Object> overrides) {

  /** Default {@code application.id}. */
  public static final String DEFAULT_APPLICATION_ID = "onestop-sla-engine";

  /** Kafka Streams' default {@code max.poll.interval.ms} (5 minutes). */
  static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

  /**
   * @throws IllegalArgumentException naming the setting if a value is missing or out of range
   */
  public SlaEngineConfig {
    require(bootstrapServers, "bootstrap.servers");
    require(schemaRegistryUrl, "schema.registry.url");
    require(applicationId, "application.id");
    Objects.requireNonNull(stateDir, "state.dir");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(punctuation, "punctuation");
    Objects.requireNonNull(applicationServer, "applicationServer");
    overrides = Map.copyOf(Objects.requireNonNull(overrides, "overrides"));
    if (numStreamThreads < 1) {
      throw new IllegalArgumentException(
          "num.stream.threads must be >= 1, got " + numStreamThreads);
    }
    if (overrides.containsKey(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)) {
      throw new IllegalArgumentException(
          "processing.guarantee is fixed to exactly_once_v2 and cannot be overridden");
    }
    long maxPoll =
        Long.parseLong(
            String.valueOf(
                overrides.getOrDefault(
                    ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                    overrides.getOrDefault(
                        StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG),
                        DEFAULT_MAX_POLL_INTERVAL_MS))));
    if (maxTaskIdleMs < -1 || maxTaskIdleMs >= maxPoll) {
      throw new IllegalArgumentException(
          "max.task.idle.ms must be -1 or >= 0 and below max.poll.interval.ms ("
              + maxPoll
              + ") so an idling task cannot get its member kicked out of the group (KAFKA-12360), got "
              + maxTaskIdleMs);
    }
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  /**
   * @param bootstrapServers Kafka {@code bootstrap.servers}
   * @param schemaRegistryUrl registry base URL
   * @return a builder with the defaults: application id {@value #DEFAULT_APPLICATION_ID}, state dir
   *     {@code <java.io.tmpdir>/onestop-sla-engine}, default topics, punctuation every 1 s of
   *     stream time with a budget of 10 000 entries, one thread, no task idling (-1), schema
   *     auto-registration on
   */
  public static Builder builder(String bootstrapServers, String schemaRegistryUrl) {
    return new Builder(bootstrapServers, schemaRegistryUrl);
  }

  /**
   * @return the Kafka Streams properties of this configuration
   */
  public Properties toStreamsProperties() {
    Properties p = new Properties();
    p.putAll(overrides);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, maxTaskIdleMs);
    // The org-units updater skips unreadable records itself; this only opts into Kafka 5.0's
    // default.
    p.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    applicationServer.ifPresent(s -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s));
    return p;
  }

  /** Mutable builder of {@link SlaEngineConfig}. */
  public static final class Builder {
    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private String applicationId = DEFAULT_APPLICATION_ID;
    private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "onestop-sla-engine");
    private SlaTopics topics = SlaTopics.DEFAULT;
    private PunctuationSettings punctuation = PunctuationSettings.DEFAULT;
    private int numStreamThreads = 1;
    private long maxTaskIdleMs = -1;
    private boolean autoRegisterSchemas = true;
    private String applicationServer;
    private final Map<String, Object> overrides = new LinkedHashMap<>();

    private Builder(String bootstrapServers, String schemaRegistryUrl) {
      this.bootstrapServers = bootstrapServers;
      this.schemaRegistryUrl = schemaRegistryUrl;
    }

    /**
     * @param id {@code application.id} @return this
     */
    public Builder applicationId(String id) {
      this.applicationId = id;
      return this;
    }

    /**
     * @param dir state directory @return this
     */
    public Builder stateDir(Path dir) {
      this.stateDir = dir;
      return this;
    }

    /**
     * @param t topic names @return this
     */
    public Builder topics(SlaTopics t) {
      this.topics = t;
      return this;
    }

    /**
     * @param p punctuation interval and budget @return this
     */
    public Builder punctuation(PunctuationSettings p) {
      this.punctuation = p;
      return this;
    }

    /**
     * @param n stream threads @return this
     */
    public Builder numStreamThreads(int n) {
      this.numStreamThreads = n;
      return this;
    }

    /**
     * @param ms {@code max.task.idle.ms}, -1 for never idling
     * @return this
     */
    public Builder maxTaskIdleMs(long ms) {
      this.maxTaskIdleMs = ms;
      return this;
    }

    /**
     * @param auto whether sinks register missing schemas @return this
     */
    public Builder autoRegisterSchemas(boolean auto) {
      this.autoRegisterSchemas = auto;
      return this;
    }

    /**
     * @param hostPort {@code application.server} of this instance @return this
     */
    public Builder applicationServer(String hostPort) {
      this.applicationServer = hostPort;
      return this;
    }

    /**
     * @param key a Kafka Streams or client property
     * @param value its value
     * @return this
     */
    public Builder override(String key, Object value) {
      overrides.put(key, value);
      return this;
    }

    /**
     * @return the configuration
     * @throws IllegalArgumentException naming the setting that is missing or out of range
     */
    public SlaEngineConfig build() {
      return new SlaEngineConfig(
          bootstrapServers,
          schemaRegistryUrl,
          applicationId,
          stateDir,
          topics,
          punctuation,
          numStreamThreads,
          maxTaskIdleMs,
          autoRegisterSchemas,
          Optional.ofNullable(applicationServer),
          overrides);
    }
  }
}
