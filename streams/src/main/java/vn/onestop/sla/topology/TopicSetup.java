package vn.onestop.sla.topology;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;

/**
 * Creates the topics the SLA engine reads and writes. Kafka Streams creates only its internal
 * topics (the changelogs and the KPI facts repartition topic {@code
 * <application.id>-kpi-facts-repartition}, with as many partitions as {@code case-events}); the
 * application (the {@code onestop} command, or a test) calls this before starting the engine,
 * because {@code case-events} must exist with its final partition count before any producer writes
 * (the partition of a case decides which task owns its state).
 *
 * <p>Each topic gets its contract's settings ({@link vn.onestop.schema.Topic#configs()}: compacted
 * {@code org-units} and {@code unit-kpis}; everything else kept forever, because record timestamps
 * are event time).
 *
 * <p>An existing topic is checked, not changed: a product setting with another value (e.g. the
 * broker's default 7-day {@code retention.ms}) stops the start with one line per wrong setting.
 */
public final class TopicSetup {
  private TopicSetup() {}

  /**
   * Creates the pipeline's default topics (see {@link #createAll(Admin, SlaTopics, int, short)}).
   *
   * @param admin admin client
   * @param partitions partitions per topic (case-events decides the engine's parallelism)
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer in 30
   *     s
   */
  public static void createAll(Admin admin, int partitions) {
    createAll(admin, SlaTopics.DEFAULT, partitions, (short) 1);
  }

  /**
   * Creates the engine's five topics if missing and checks the settings of those that exist.
   *
   * @param admin admin client
   * @param topics topic names
   * @param partitions partitions per topic, at least 1
   * @param replication replication factor (1 on the local broker, 3 in production)
   * @throws IllegalArgumentException if {@code partitions < 1}
   * @throws IllegalStateException naming the topic if the cluster refuses or does not answer in 30
   *     s
   * @throws vn.onestop.schema.TopicSettingsException with one line per wrong setting of an existing
   *     topic (topic, setting, actual and required value)
   */
  public static void createAll(Admin admin, SlaTopics topics, int partitions, short replication) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    TopicAdmin.ensure(admin, wanted(topics, partitions, replication));
  }

  /**
   * The engine's five topics with their contracts' settings.
   *
   * @param topics topic names
   * @param partitions partitions per topic, at least 1
   * @param replication replication factor
   * @return the admin requests, in the order case-events, org-units, case-alerts, rejected,
   *     unit-kpis
   */
  public static List<NewTopic> wanted(SlaTopics topics, int partitions, short replication) {
    return List.of(
        Topics.CASE_EVENTS.newTopic(topics.caseEvents(), partitions, replication),
        Topics.ORG_UNITS.newTopic(topics.orgUnits(), partitions, replication),
        Topics.CASE_ALERTS.newTopic(topics.caseAlerts(), partitions, replication),
        Topics.CASE_EVENTS_REJECTED.newTopic(topics.rejected(), partitions, replication),
        Topics.UNIT_KPIS.newTopic(topics.unitKpis(), partitions, replication));
  }
}
