package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topics;
import vn.onestop.schema.testkit.TestRecords;

/**
 * Three webhook receivers on the real broker and registry: a healthy one (the city inspectorate,
 * recipient of every alert), one answering 500 to everything (ward HK-P1) and one that holds its
 * requests (district BD). Each has its own consumer group, so the healthy one gets every alert
 * exactly once while the others are stuck or failing, also across a feed restart.
 */
@WithKafkaStack
class WebhookReceiversIT {
  private static final String SECRET = "it-webhook-secret-0123456789";

  @Test
  void aSlowAndAFailingReceiverNeitherDelayNorRepeatAHealthyOnesDeliveries(KafkaStack stack)
      throws Exception {
    String alerts = ItKafka.unique("case-alerts");
    String orgUnits = ItKafka.cityOrgUnits(stack);
    String groupPrefix = ItKafka.unique("webhook");
    ItKafka.createTopics(stack, Topics.CASE_ALERTS, 3, alerts);
    // 3 attempts per alert; the held receiver's attempt waits up to 60 s, longer than the test
    // needs
    RetryPolicy retry =
        new RetryPolicy(
            3, Duration.ofMillis(50), 2.0, Duration.ofMillis(200), Duration.ofSeconds(60));
    try (TestWebhookServer healthy = new TestWebhookServer(0);
        TestWebhookServer failing = new TestWebhookServer(-1, 500, Duration.ZERO);
        TestWebhookServer held = TestWebhookServer.gated();
        KafkaProducer<String, OrgUnit> orgs = ItKafka.producer(stack, Topics.ORG_UNITS, null);
        KafkaProducer<String, CaseAlert> p = ItKafka.producer(stack, Topics.CASE_ALERTS, null);
        LogCapture log =
            new LogCapture(WebhookReceiver.class, ReceiverConsumer.class, WebhookService.class)) {
      webhook(
          orgs, orgUnits, TestRecords.unit("HN", "Thanh tra Thành phố Hà Nội", null, 0), healthy);
      webhook(orgs, orgUnits, TestRecords.unit("HK-P1", "UBND phường Hàng Bạc", "HK", 2), failing);
      webhook(orgs, orgUnits, TestRecords.unit("BD", "UBND quận Ba Đình", "HN", 1), held);
      FeedConfig config =
          FeedConfig.defaults(
                  stack.bootstrapServers(),
                  stack.schemaRegistryUrl(),
                  ApiKeyPrincipals.of(Map.of()),
                  SECRET)
              .withPort(0)
              .withTopics(alerts, orgUnits, groupPrefix)
              .withRetry(retry);
      for (int i = 1; i <= 3; i++) {
        sendEscalations(p, alerts, i);
      }

      try (AlertFeedService feed = AlertFeedService.start(config)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> healthy.delivered().size() == 6);
        assertThat(held.delivered()).as("the held receiver is still on its first alert").isEmpty();
        assertThat(held.arrivals.get()).isLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> log.warnings().size() == 3);
        held.open();
        await().atMost(Duration.ofSeconds(60)).until(() -> held.delivered().size() == 3);
      }
      sendEscalations(p, alerts, 4); // while the feed is down
      try (AlertFeedService restarted = AlertFeedService.start(config)) {
        sendEscalations(p, alerts, 5);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    healthy.delivered().size() >= 10
                        && held.delivered().size() >= 5
                        && log.warnings().size() >= 5);
      }

      List<String> all =
          IntStream.rangeClosed(1, 5)
              .boxed()
              .flatMap(i -> List.of("w-" + i, "d-" + i).stream())
              .toList();
      assertThat(healthy.requests)
          .as("every alert exactly once, none again after the restart")
          .extracting(TestWebhookServer.Received::alertId)
          .containsExactlyInAnyOrderElementsOf(all);
      assertThat(held.delivered())
          .extracting(TestWebhookServer.Received::alertId)
          .containsExactlyInAnyOrder("d-1", "d-2", "d-3", "d-4", "d-5");
      assertThat(failing.attemptsByAlert())
          .as("3 attempts per alert, none repeated after the restart")
          .isEqualTo(Map.of("w-1", 3L, "w-2", 3L, "w-3", 3L, "w-4", 3L, "w-5", 3L));
      String failingId = WebhookReceiver.idOf(failing.url());
      assertThat(log.warnings())
          .as("one line per undelivered alert, naming only receiver and alert")
          .containsExactlyInAnyOrderElementsOf(
              IntStream.rangeClosed(1, 5)
                  .mapToObj(
                      i ->
                          "webhook receiver "
                              + failingId
                              + ": alert w-"
                              + i
                              + " undelivered after 3 attempts (last: HTTP 500)")
                  .toList());
      assertThat(log.lines()).hasSize(5 + 2 * 3).noneMatch(l -> l.contains("/hook"));

      // Each receiver's position is its own group's, at the end of the topic for all three.
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
        long end =
            admin
                .listOffsets(
                    Map.of(
                        new TopicPartition(alerts, 0), OffsetSpec.latest(),
                        new TopicPartition(alerts, 1), OffsetSpec.latest(),
                        new TopicPartition(alerts, 2), OffsetSpec.latest()))
                .all()
                .get()
                .values()
                .stream()
                .mapToLong(o -> o.offset())
                .sum();
        assertThat(end).isEqualTo(10);
        for (TestWebhookServer s : List.of(healthy, failing, held)) {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin
                  .listConsumerGroupOffsets(groupPrefix + "-" + WebhookReceiver.idOf(s.url()))
                  .partitionsToOffsetAndMetadata()
                  .get();
          assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
              .isEqualTo(end);
        }
      }
    }
  }

  /** Escalations of round {@code i}: ward HK-P1 (w-i) and district BD (d-i), both to the city. */
  private static void sendEscalations(KafkaProducer<String, CaseAlert> p, String topic, int i) {
    ItKafka.send(
        p,
        topic,
        "cw" + i,
        TestRecords.alert("w-" + i, "cw" + i, "HK-P1", "HN", AlertKind.ESCALATION, 3).build());
    ItKafka.send(
        p,
        topic,
        "cd" + i,
        TestRecords.alert("d-" + i, "cd" + i, "BD", "HN", AlertKind.ESCALATION, 3).build());
  }

  private static void webhook(
      KafkaProducer<String, OrgUnit> p, String topic, OrgUnit.Builder unit, TestWebhookServer s) {
    OrgUnit u = unit.setWebhookUrl(s.url()).build();
    ItKafka.send(p, topic, u.getUnitId().toString(), u);
  }
}
