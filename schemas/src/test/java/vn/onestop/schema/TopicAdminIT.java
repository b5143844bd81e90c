package vn.onestop.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.EmbeddedKafkaBroker;

/**
 * {@link TopicAdmin#ensure} on a real broker: missing topics get the product's settings, an
 * existing topic with the broker's default retention is refused with one line naming topic and
 * setting, and a matching existing topic passes.
 */
class TopicAdminIT {
  private static EmbeddedKafkaBroker broker;
  private static Admin admin;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void createsMissingTopicsWithTheProductSettingsAndAcceptsThemOnTheNextCall() throws Exception {
    List<NewTopic> wanted =
        List.of(
            Topics.CASE_EVENTS.newTopic("ensure-case-events", 2, (short) 1),
            Topics.ORG_UNITS.newTopic("ensure-org-units", 1, (short) 1));
    TopicAdmin.ensure(admin, wanted);
    TopicAdmin.ensure(admin, wanted);

    assertThat(TopicAdmin.verify(admin, wanted)).isEmpty();
    var resource = new ConfigResource(ConfigResource.Type.TOPIC, "ensure-case-events");
    var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
  }

  @Test
  void anExistingTopicWithTheBrokersDefaultRetentionIsRefusedInOneLine() throws Exception {
    admin.createTopics(List.of(new NewTopic("ensure-default-retention", 1, (short) 1))).all().get();
    List<NewTopic> wanted =
        List.of(Topics.CASE_ALERTS.newTopic("ensure-default-retention", 1, (short) 1));

    assertThatThrownBy(() -> TopicAdmin.ensure(admin, wanted))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("topic ensure-default-retention: retention.ms is ")
        .hasMessageContaining("required -1")
        .hasMessageNotContaining("cleanup.policy");
    assertThat(TopicAdmin.verify(admin, wanted))
        .allSatisfy(line -> assertThat(line).doesNotContain("\n"))
        .anySatisfy(
            line -> assertThat(line).startsWith("topic ensure-default-retention: retention.ms"));
  }

  @Test
  void verifyNamesAMissingTopicAndCreatesNothing() throws Exception {
    List<NewTopic> wanted = List.of(Topics.CASE_EVENTS.newTopic("ensure-missing", 1, (short) 1));
    assertThat(TopicAdmin.verify(admin, wanted)).containsExactly("topic ensure-missing: missing");
    assertThat(admin.listTopics().names().get()).doesNotContain("ensure-missing");
  }
}
