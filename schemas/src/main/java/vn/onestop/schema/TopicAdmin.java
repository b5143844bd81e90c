package vn.onestop.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates topics with the product's settings ({@link Topic#configs()}), never the broker's
 * defaults. Used by the services at start-up and by every test that writes product records, so that
 * records stamped with event time in the past are kept whatever day the suite runs.
 */
public final class TopicAdmin {
  /** Time limit of one create call. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicAdmin() {}

  /**
   * Creates topics named {@code names}, each with the settings of {@code contract}, unless they
   * exist.
   *
   * @param bootstrapServers Kafka {@code bootstrap.servers}
   * @param contract the topic whose settings apply (e.g. {@link Topics#CASE_EVENTS})
   * @param partitions partitions per topic, at least 1
   * @param replication replication factor, at least 1
   * @param names topic names, not blank
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer within
   *     {@link #TIMEOUT}
   */
  public static void create(
      String bootstrapServers,
      Topic<?> contract,
      int partitions,
      short replication,
      String... names) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      List<NewTopic> wanted = new ArrayList<>();
      for (String name : names) {
        wanted.add(contract.newTopic(name, partitions, replication));
      }
      create(admin, wanted);
    }
  }

  /**
   * Creates each topic unless it exists (an existing topic is left as it is).
   *
   * @param admin admin client
   * @param wanted topics with their settings
   * @throws IllegalArgumentException if a topic has fewer than 1 partition
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer within
   *     {@link #TIMEOUT}
   */
  public static void create(Admin admin, Collection<NewTopic> wanted) {
    for (NewTopic t : wanted) {
      if (t.numPartitions() < 1) {
        throw new IllegalArgumentException(
            "partitions of " + t.name() + " must be >= 1, got " + t.numPartitions());
      }
    }
    var result = admin.createTopics(wanted);
    for (var e : result.values().entrySet()) {
      try {
        e.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "cannot create topic " + e.getKey() + ": " + ex.getCause().getMessage(),
              ex.getCause());
        }
      } catch (TimeoutException ex) {
        throw new IllegalStateException(
            "cluster did not create topic " + e.getKey() + " within " + TIMEOUT.toSeconds() + " s",
            ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating topic " + e.getKey(), ex);
      }
    }
  }

  /**
   * Creates each missing topic with its settings, then checks every wanted topic (new or existing)
   * against them: a topic that already exists with another value of a product setting (e.g. the
   * broker's default {@code retention.ms=604800000} where the product requires {@code -1}) is an
   * error, because records stamped with event time in the past would be deleted by it.
   *
   * @param admin admin client
   * @param wanted topics with their product settings ({@link Topic#newTopic})
   * @throws TopicSettingsException with one line per wrong setting, each naming topic, setting,
   *     actual and required value
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer within
   *     {@link #TIMEOUT}
   */
  public static void ensure(Admin admin, Collection<NewTopic> wanted) {
    create(admin, wanted);
    // A topic just created may take a moment to be described by every broker.
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<String> wrong = verify(admin, wanted);
    while (wrong.stream().anyMatch(line -> line.endsWith(": missing"))
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking topics", e);
      }
      wrong = verify(admin, wanted);
    }
    if (!wrong.isEmpty()) {
      throw new TopicSettingsException(wrong);
    }
    awaitLeaders(admin, wanted);
  }

  /**
   * Waits until the leader of every partition of the topics serves it (answers a ListOffsets). A
   * producer that writes right after the topic's creation otherwise meets NOT_LEADER_OR_FOLLOWER on
   * a partition the broker has not opened yet, and an idempotent producer's retries of it ended in
   * OUT_OF_ORDER_SEQUENCE_NUMBER and a lost record on a one-broker Kafka 4.4 in the suite.
   *
   * @param admin admin client
   * @param wanted topics (existing)
   * @throws IllegalStateException naming the topics if some partition has no serving leader within
   *     {@link #TIMEOUT}
   */
  public static void awaitLeaders(Admin admin, Collection<NewTopic> wanted) {
    List<String> names = wanted.stream().map(NewTopic::name).toList();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        var described = admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        boolean leaderless = false;
        for (var d : described.values()) {
          for (var p : d.partitions()) {
            leaderless |= p.leader() == null;
            ask.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
          }
        }
        if (!leaderless) {
          admin.listOffsets(ask).all().get(5, TimeUnit.SECONDS);
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        last = e; // not served yet: ask again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic leaders", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topic leaders", e);
      }
    }
    throw new IllegalStateException(
        "partitions of "
            + names
            + " have no serving leader after "
            + TIMEOUT.toSeconds()
            + " s"
            + (last == null ? "" : ": " + last.getMessage()),
        last);
  }

  /**
   * Compares the settings of existing topics with the wanted ones; creates nothing.
   *
   * @param admin admin client
   * @param wanted topics with their product settings
   * @return one line per missing topic or wrong setting ({@code "topic case-events: retention.ms is
   *     604800000, required -1"}); empty when every topic matches
   * @throws IllegalStateException if the cluster does not answer within {@link #TIMEOUT}
   */
  public static List<String> verify(Admin admin, Collection<NewTopic> wanted) {
    List<String> wrong = new ArrayList<>();
    List<ConfigResource> resources = new ArrayList<>();
    for (NewTopic t : wanted) {
      resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
    }
    var futures = admin.describeConfigs(resources).values();
    for (NewTopic t : wanted) {
      Config actual;
      try {
        actual =
            futures
                .get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException ex) {
        if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
          wrong.add("topic " + t.name() + ": missing");
          continue;
        }
        throw new IllegalStateException(
            "cannot read the settings of topic " + t.name() + ": " + ex.getCause().getMessage(),
            ex.getCause());
      } catch (TimeoutException ex) {
        throw new IllegalStateException(
            "cluster did not describe topic " + t.name() + " within " + TIMEOUT.toSeconds() + " s",
            ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading topic settings", ex);
      }
      if (t.configs() == null) {
        continue;
      }
      for (var required : new TreeMap<>(t.configs()).entrySet()) {
        ConfigEntry entry = actual.get(required.getKey());
        String value = entry == null ? null : entry.value();
        if (!required.getValue().equals(value)) {
          wrong.add(
              "topic "
                  + t.name()
                  + ": "
                  + required.getKey()
                  + " is "
                  + value
                  + ", required "
                  + required.getValue());
        }
      }
    }
    return wrong;
  }

  /**
   * Checks that the topics of the system of record ({@code case-events}, {@code case-alerts},
   * {@code case-events-rejected}, under their default names) cannot lose records on the cluster
   * (see {@link #systemOfRecordViolations(Admin, String, String, String)}).
   *
   * @param admin admin client
   * @return one line per violated setting, empty if none
   * @throws IllegalStateException if the cluster does not answer within {@link #TIMEOUT}
   */
  public static List<String> systemOfRecordViolations(Admin admin) {
    return systemOfRecordViolations(
        admin,
        Topics.CASE_EVENTS.name(),
        Topics.CASE_ALERTS.name(),
        Topics.CASE_EVENTS_REJECTED.name());
  }

  /**
   * Checks that the topics of the system of record cannot lose records: each must have {@code
   * retention.ms=-1} and {@code retention.bytes=-1} (no time or size retention) and must not be
   * compacted (compaction keeps only the latest record of a case). Records carry event-time stamps
   * (an imported case of 2015, an alert stamped with its {@code decidedAt}), so a broker default of
   * 7 days would silently delete imported history (see {@link Topic#configs()}). A topic that does
   * not exist is not checked here.
   *
   * @param admin admin client
   * @param caseEvents name of the case-events topic
   * @param caseAlerts name of the case-alerts topic
   * @param rejected name of the case-events-rejected topic
   * @return one line per violated setting, naming the topic, the setting and its value, e.g. {@code
   *     topic case-events has retention.ms=604800000 (finite): ...}; empty if none
   * @throws IllegalStateException if the cluster refuses or does not answer within {@link #TIMEOUT}
   */
  public static List<String> systemOfRecordViolations(
      Admin admin, String caseEvents, String caseAlerts, String rejected) {
    List<String> lines = new ArrayList<>();
    for (String topic : List.of(caseEvents, caseAlerts, rejected)) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      KafkaFuture<Config> future = admin.describeConfigs(List.of(resource)).values().get(resource);
      Config config;
      try {
        config = future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException ex) {
        if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
          continue;
        }
        throw new IllegalStateException(
            "cannot describe topic " + topic + ": " + ex.getCause().getMessage(), ex.getCause());
      } catch (TimeoutException ex) {
        throw new IllegalStateException(
            "cluster did not describe topic " + topic + " within " + TIMEOUT.toSeconds() + " s",
            ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while describing topic " + topic, ex);
      }
      for (String setting :
          List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
        String value = value(config, setting);
        if (value != null && !value.equals("-1")) {
          lines.add(
              "topic "
                  + topic
                  + " has "
                  + setting
                  + "="
                  + value
                  + " (finite): its records carry event-time stamps and the broker would delete"
                  + " them; set "
                  + setting
                  + "=-1");
        }
      }
      String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
      if (policy != null && policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        lines.add(
            "topic "
                + topic
                + " has cleanup.policy="
                + policy
                + ": compaction keeps only the latest record of a case; set cleanup.policy=delete");
      }
    }
    return lines;
  }

  private static String value(Config config, String name) {
    ConfigEntry entry = config.get(name);
    return entry == null ? null : entry.value();
  }
}
