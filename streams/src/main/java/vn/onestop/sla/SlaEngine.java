package vn.onestop.sla;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.query.CaseStatusQuery;
import vn.onestop.sla.topology.SlaSerdes;
import vn.onestop.sla.topology.SlaTopology;
import vn.onestop.sla.topology.StreamClock;
import vn.onestop.sla.topology.TopicSetup;

/**
 * The SLA engine: a Kafka Streams application running {@link SlaTopology} with {@code
 * processing.guarantee=exactly_once_v2}, so the case store, the deadline index, the emitted alerts
 * and the consumed offsets of {@code case-events} commit atomically; a crash replays the
 * uncommitted input and its aborted alerts are invisible to {@code read_committed} consumers.
 *
 * <p>Topics: the engine does not create {@code case-events}, {@code org-units}, {@code
 * case-alerts}, {@code case-events-rejected} or {@code unit-kpis}; the application does, before
 * constructing it, with {@link TopicSetup#createAll}. Kafka Streams creates its changelog topics
 * and the KPI facts repartition topic {@code <application.id>-kpi-facts-repartition}.
 *
 * <p>KPIs: the constructor reads the partition count of {@code case-events} (the number of KPI fact
 * sources whose watermarks close a month, see {@link SlaTopology}); changing that count needs a
 * restart of the engine (and, as for any Kafka Streams application, a reset of its internal
 * topics).
 *
 * <p>Stream time advances only through records: the clock ticker (a producer component) must write
 * {@code ClockTick}s to every partition of {@code case-events}, or a quiet partition never
 * escalates.
 *
 * <p>A stream thread that dies of an unexpected exception is replaced ({@code REPLACE_THREAD}): its
 * tasks restart from the last commit. Records the engine cannot read never kill it; they go to
 * {@code case-events-rejected}.
 */
public final class SlaEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlaEngine.class);

  private final SlaEngineConfig config;
  private final PolicyBook policies;
  private final Topology topology;
  private final KafkaStreams streams;
  private final StreamClock streamClock = new StreamClock();

  /**
   * Builds the engine (not started).
   *
   * @param config settings
   * @param policies SLA policies (effective-dated)
   * @throws IllegalStateException naming the topic if {@code case-events} does not exist or the
   *     cluster does not answer within 30 s; naming the topic and its setting (one line per line)
   *     if {@code case-events}, {@code case-alerts} or {@code case-events-rejected} could lose
   *     records: finite {@code retention.ms} or {@code retention.bytes}, or compaction ({@link
   *     TopicAdmin#systemOfRecordViolations(Admin, String, String, String)})
   */
  public SlaEngine(SlaEngineConfig config, PolicyBook policies) {
    this.config = Objects.requireNonNull(config, "config");
    this.policies = Objects.requireNonNull(policies, "policies");
    SchemaRegistryClient registry = new SchemaRegistryClient(config.schemaRegistryUrl());
    int partitions = caseEventsPartitions(config);
    this.topology =
        SlaTopology.build(
            config.topics(),
            SlaSerdes.registry(registry, config.autoRegisterSchemas()),
            policies,
            config.punctuation(),
            partitions);
    Properties props = config.toStreamsProperties();
    props.put(StreamClock.CONFIG, streamClock); // the processors report their stream time here
    this.streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error(
              "SLA engine stream thread failed; replacing it (tasks resume from the last commit)",
              e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener((now, before) -> LOG.info("SLA engine {} -> {}", before, now));
  }

  /**
   * Partition count of case-events, read with an admin client (the overrides that are admin
   * settings apply), after checking that the system-of-record topics cannot lose records.
   */
  private static int caseEventsPartitions(SlaEngineConfig config) {
    Map<String, Object> props = new HashMap<>();
    config
        .overrides()
        .forEach(
            (k, v) -> {
              if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
              }
            });
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    String topic = config.topics().caseEvents();
    try (Admin admin = Admin.create(props)) {
      int partitions = partitions(admin, config);
      // The system of record must not expire: refuse to start rather than let the broker delete
      // imported history whose records carry event-time stamps.
      List<String> violations =
          TopicAdmin.systemOfRecordViolations(
              admin, topic, config.topics().caseAlerts(), config.topics().rejected());
      if (!violations.isEmpty()) {
        throw new IllegalStateException(String.join("; ", violations));
      }
      return partitions;
    }
  }

  private static int partitions(Admin admin, SlaEngineConfig config) {
    String topic = config.topics().caseEvents();
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalStateException(
            "topic "
                + topic
                + " does not exist: create the engine's topics first "
                + "(TopicSetup.createAll)",
            e.getCause());
      }
      throw new IllegalStateException(
          "cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "cluster "
              + config.bootstrapServers()
              + " did not describe topic "
              + topic
              + " within 30 s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topic " + topic, e);
    }
  }

  /**
   * @return the topology (for {@code describe()})
   */
  public Topology topology() {
    return topology;
  }

  /** Starts processing; returns at once (see {@link #state()}). */
  public void start() {
    LOG.info(
        "starting SLA engine application.id={} state.dir={} input={}",
        config.applicationId(),
        config.stateDir(),
        config.topics().caseEvents());
    streams.start();
  }

  /**
   * @return the Kafka Streams state (RUNNING once tasks are assigned and restored)
   */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /**
   * @return the underlying KafkaStreams, e.g. for metrics
   */
  public KafkaStreams streams() {
    return streams;
  }

  /**
   * @return the stream time of each case-events partition this instance processes (for the lag
   *     metric: wall clock minus stream time)
   */
  public StreamClock streamClock() {
    return streamClock;
  }

  /**
   * @return a case-status query over this engine's stores
   */
  public CaseStatusQuery statusQuery() {
    Optional<HostInfo> self = config.applicationServer().map(HostInfo::buildFromEndpoint);
    return CaseStatusQuery.over(streams, policies, self);
  }

  /**
   * @return the open cases of this instance's local case-store partitions, filtered, sorted and
   *     paged (the supervisors' cockpit: docs/design.md, Open cases from the engine's state); with
   *     several instances each answers for its own partitions only
   */
  public vn.onestop.sla.query.OpenCasesQuery openCasesQuery() {
    return vn.onestop.sla.query.OpenCasesQuery.over(streams, policies);
  }

  /**
   * Stops processing, commits and closes the stores, waiting at most {@code timeout}.
   *
   * @param timeout time limit
   * @return whether all threads stopped in time
   */
  public boolean close(Duration timeout) {
    return streams.close(timeout);
  }

  /** Closes with a 30 s limit. */
  @Override
  public void close() {
    if (!close(Duration.ofSeconds(30))) {
      LOG.warn("SLA engine did not stop within 30 s");
    }
  }
}
