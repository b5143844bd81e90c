package vn.onestop.sla.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics the SLA engine reads and writes. Kafka Streams creates only its internal topics
 * (the changelogs and the KPI facts repartition topic {@code <application.id>-kpi-facts-repartition},
 * with as many partitions as {@code case-events}); the application (the {@code onestop} command, or a test) calls this before
 * starting the engine, because {@code case-events} must exist with its final partition count before any
 * producer writes (the partition of a case decides which task owns its state).
 *
 * <p>{@code org-units} and {@code unit-kpis} (one record per unit and month, corrections under the
 * same key) are compacted; {@code case-events} (the system of record that audits replay),
 * {@code case-alerts} (what the engine decided, compared by the audit replay) and
 * {@code case-events-rejected} keep everything ({@code retention.ms=-1}).
 *
 * <p>Why no time retention: their record timestamps are event time (an alert is stamped with its
 * {@code decidedAt}, a rejection with its event's time), which for imported history lies years in the
 * past. Time retention compares a segment's newest timestamp with the broker's wall clock, and the first
 * transaction marker (wall-clock timestamp) rolls the first segment; the retention thread then deleted
 * that segment, i.e. the engine's first committed alerts, a few seconds or minutes after they were
 * written (the demo's audit replay reported them missing). Old data must be removed by an explicit,
 * audited purge, not by the broker's clock.
 *
 * <p>An existing topic is left as it is (check its {@code retention.ms} when upgrading a cluster).
 */
public final class TopicSetup {
  private static final long TIMEOUT_MS = 30_000;

  private TopicSetup() {}

  /**
   * Creates the pipeline's default topics (see {@link #createAll(Admin, SlaTopics, int, short)}).
   *
   * @param admin admin client
   * @param partitions partitions per topic (case-events decides the engine's parallelism)
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer in 30 s
   */
  public static void createAll(Admin admin, int partitions) {
    createAll(admin, SlaTopics.DEFAULT, partitions, (short) 1);
  }

  /**
   * Creates the engine's five topics if missing.
   *
   * @param admin admin client
   * @param topics topic names
   * @param partitions partitions per topic, at least 1
   * @param replication replication factor (1 on the local broker, 3 in production)
   * @throws IllegalArgumentException if {@code partitions < 1}
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer in 30 s
   */
  public static void createAll(Admin admin, SlaTopics topics, int partitions, short replication) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    List<NewTopic> wanted = new ArrayList<>();
    wanted.add(new NewTopic(topics.caseEvents(), partitions, replication)
        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
    wanted.add(new NewTopic(topics.orgUnits(), partitions, replication)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    wanted.add(new NewTopic(topics.caseAlerts(), partitions, replication)
        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
    wanted.add(new NewTopic(topics.rejected(), partitions, replication)
        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
    wanted.add(new NewTopic(topics.unitKpis(), partitions, replication)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    create(admin, wanted);
  }

  private static void create(Admin admin, List<NewTopic> wanted) {
    var result = admin.createTopics(wanted);
    for (var e : result.values().entrySet()) {
      try {
        e.getValue().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + e.getKey() + ": " + ex.getCause().getMessage(), ex.getCause());
        }
      } catch (TimeoutException ex) {
        throw new IllegalStateException("cluster did not create topic " + e.getKey() + " within " + TIMEOUT_MS + " ms", ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating topic " + e.getKey(), ex);
      }
    }
  }
}
