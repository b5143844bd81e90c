package vn.onestop.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.TopicSetup;

/**
 * The engine refuses to start on a cluster where its system of record could expire: an existing
 * cluster's default of 7 days on {@code case-events} would silently delete imported history, whose
 * records carry event-time stamps.
 */
@WithKafkaStack
class SystemOfRecordIT {

  @Test
  void engineRefusesCaseEventsWithSevenDayRetentionInOneLineNamingTopicAndSetting(
      KafkaStack stack, @TempDir Path stateDir) throws Exception {
    SlaTopics topics = freshTopics(stack);
    alter(stack, topics.caseEvents(), TopicConfig.RETENTION_MS_CONFIG, "604800000");

    assertThatThrownBy(() -> new SlaEngine(config(stack, topics, stateDir), PolicyBook.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "topic "
                + topics.caseEvents()
                + " has retention.ms=604800000 (finite): its records carry event-time stamps and"
                + " the broker would delete them; set retention.ms=-1");
  }

  @Test
  void engineRefusesCompactedCaseEventsAndFiniteRetentionOnAlertsAndRejected(
      KafkaStack stack, @TempDir Path stateDir) throws Exception {
    SlaTopics topics = freshTopics(stack);
    alter(stack, topics.caseEvents(), TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
    alter(stack, topics.caseAlerts(), TopicConfig.RETENTION_MS_CONFIG, "86400000");
    alter(stack, topics.rejected(), TopicConfig.RETENTION_BYTES_CONFIG, "1073741824");

    try (Admin admin = admin(stack)) {
      List<String> lines =
          TopicAdmin.systemOfRecordViolations(
              admin, topics.caseEvents(), topics.caseAlerts(), topics.rejected());
      assertThat(lines)
          .containsExactly(
              "topic "
                  + topics.caseEvents()
                  + " has cleanup.policy=compact: compaction keeps only the latest record of a"
                  + " case; set cleanup.policy=delete",
              "topic "
                  + topics.caseAlerts()
                  + " has retention.ms=86400000 (finite): its records carry event-time stamps"
                  + " and the broker would delete them; set retention.ms=-1",
              "topic "
                  + topics.rejected()
                  + " has retention.bytes=1073741824 (finite): its records carry event-time"
                  + " stamps and the broker would delete them; set retention.bytes=-1");
    }
    assertThatThrownBy(() -> new SlaEngine(config(stack, topics, stateDir), PolicyBook.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("topic " + topics.caseEvents() + " has cleanup.policy=compact")
        .hasMessageContaining("topic " + topics.caseAlerts() + " has retention.ms=86400000")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theProductsOwnTopicSettingsHaveNoViolations(KafkaStack stack) {
    SlaTopics topics = freshTopics(stack);
    try (Admin admin = admin(stack)) {
      assertThat(
              TopicAdmin.systemOfRecordViolations(
                  admin, topics.caseEvents(), topics.caseAlerts(), topics.rejected()))
          .isEmpty();
    }
  }

  private static SlaTopics freshTopics(KafkaStack stack) {
    SlaTopics topics =
        SlaTopics.DEFAULT.withPrefix("sor-" + UUID.randomUUID().toString().substring(0, 8) + "-");
    try (Admin admin = admin(stack)) {
      TopicSetup.createAll(admin, topics, 1, (short) 1);
    }
    return topics;
  }

  private static SlaEngineConfig config(KafkaStack stack, SlaTopics topics, Path stateDir) {
    return SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
        .applicationId(topics.caseEvents() + "-engine")
        .stateDir(stateDir)
        .topics(topics)
        .build();
  }

  private static void alter(KafkaStack stack, String topic, String setting, String value)
      throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Collection<AlterConfigOp> ops =
        List.of(new AlterConfigOp(new ConfigEntry(setting, value), AlterConfigOp.OpType.SET));
    try (Admin admin = admin(stack)) {
      admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get();
      // The broker applies the change from the metadata log: wait until it describes it.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  value.equals(
                      admin
                          .describeConfigs(List.of(resource))
                          .all()
                          .get()
                          .get(resource)
                          .get(setting)
                          .value()));
    }
  }

  private static Admin admin(KafkaStack stack) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
  }
}
