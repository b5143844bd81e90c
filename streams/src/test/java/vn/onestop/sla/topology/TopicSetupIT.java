package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;

/**
 * The topics {@link TopicSetup} creates on the real broker. Regression: {@code case-alerts} used to
 * keep the broker's default time retention (7 days) while its records are stamped with the alerts'
 * {@code decidedAt} (event time, e.g. 2015 for the imported Boston year). The first commit marker
 * (wall-clock timestamp) rolled the first segment of each partition, whose newest record was then
 * years "old", and the retention thread deleted it: the live engine's first alerts vanished from
 * the record and the audit replay reported them missing.
 */
@WithKafkaStack
class TopicSetupIT {

  @Test
  void topicsWhoseRecordsCarryEventTimeAreNeverDeletedByTimeRetention(KafkaStack stack)
      throws Exception {
    SlaTopics topics =
        SlaTopics.DEFAULT.withPrefix(
            "topic-setup-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      TopicSetup.createAll(admin, topics, 2, (short) 1);

      Map<String, Config> configs =
          describe(
              admin,
              List.of(
                  topics.caseEvents(),
                  topics.caseAlerts(),
                  topics.rejected(),
                  topics.orgUnits(),
                  topics.unitKpis()));
      for (String t : List.of(topics.caseEvents(), topics.caseAlerts(), topics.rejected())) {
        assertThat(configs.get(t).get(TopicConfig.RETENTION_MS_CONFIG).value())
            .as("retention.ms of %s (records stamped with event time)", t)
            .isEqualTo("-1");
        assertThat(configs.get(t).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
            .as("cleanup.policy of %s", t)
            .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
      }
      for (String t : List.of(topics.orgUnits(), topics.unitKpis())) {
        assertThat(configs.get(t).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
            .as("cleanup.policy of %s", t)
            .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      }

      // Idempotent: a second call leaves the existing topics as they are.
      TopicSetup.createAll(admin, topics, 2, (short) 1);
      assertThat(
              admin
                  .describeTopics(List.of(topics.caseAlerts()))
                  .allTopicNames()
                  .get()
                  .get(topics.caseAlerts())
                  .partitions())
          .hasSize(2);
    }
  }

  private static Map<String, Config> describe(Admin admin, List<String> names) throws Exception {
    var resources =
        names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> byResource = admin.describeConfigs(resources).all().get();
    return byResource.entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
  }
}
