package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topics;
import vn.onestop.schema.testkit.TestRecords;

/** The feed service on the real broker and registry, with private topics. */
@WithKafkaStack
class AlertFeedIT {
  private final ApiKeyPrincipals principals =
      ApiKeyPrincipals.of(
          Map.of(
              "k-hk", Principal.of("cb-hk", Scope.unit("HK"), Role.SUPERVISOR),
              "k-bd", Principal.of("cb-bd", Scope.unit("BD"), Role.SUPERVISOR)));
  private String alerts;
  private String orgUnits;
  private FeedConfig config;

  @BeforeEach
  void topics(KafkaStack stack) {
    alerts = ItKafka.unique("case-alerts");
    orgUnits = ItKafka.unique("org-units");
    ItKafka.createTopics(stack, Topics.CASE_ALERTS, 3, alerts);
    ItKafka.createTopics(stack, Topics.ORG_UNITS, 1, orgUnits);
    try (KafkaProducer<String, OrgUnit> p = ItKafka.producer(stack, Topics.ORG_UNITS, null)) {
      for (OrgUnit u : Fixtures.cityTree().all().values()) {
        ItKafka.send(p, orgUnits, u.getUnitId().toString(), u);
      }
    }
    config =
        FeedConfig.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), principals, null)
            .withPort(0)
            .withTopics(alerts, orgUnits, ItKafka.unique("webhooks"));
  }

  @Test
  void headsOfTwoUnitsEachSeeOnlyTheirOwnAlerts(KafkaStack stack) throws Exception {
    try (AlertFeedService feed = AlertFeedService.start(config);
        KafkaProducer<String, CaseAlert> p = ItKafka.producer(stack, Topics.CASE_ALERTS, null);
        KafkaProducer<String, CaseAlert> tx =
            ItKafka.producer(stack, Topics.CASE_ALERTS, ItKafka.unique("tx"))) {
      ItKafka.send(
          p,
          alerts,
          "c1",
          TestRecords.alert("hk-1", "c1", "HK", "HK", AlertKind.WARNING, 0).build());
      ItKafka.send(
          p,
          alerts,
          "c2",
          TestRecords.alert("bd-1", "c2", "BD", "BD", AlertKind.BREACH, 1).build());
      // An aborted engine transaction never reaches a feed (read_committed).
      tx.initTransactions();
      tx.beginTransaction();
      tx.send(
              new ProducerRecord<>(
                  alerts,
                  "c9",
                  TestRecords.alert("hk-aborted", "c9", "HK", "HK", AlertKind.BREACH, 1).build()))
          .get();
      tx.abortTransaction();
      try (SseTestClient hk = new SseTestClient(feed.port(), "k-hk", null);
          SseTestClient bd = new SseTestClient(feed.port(), "k-bd", null)) {
        // Alerts that arrive while connected.
        ItKafka.send(
            p,
            alerts,
            "c3",
            TestRecords.alert("hk-2", "c3", "HK", "HK", AlertKind.BREACH, 1).build());
        ItKafka.send(
            p,
            alerts,
            "c4",
            TestRecords.alert("bd-2", "c4", "BD", "BD", AlertKind.ESCALATION, 2).build());
        ItKafka.send(
            p,
            alerts,
            "c5",
            TestRecords.alert("hk-3", "c5", "HK-P1", "HK", AlertKind.ESCALATION, 2).build());
        ItKafka.send(
            p,
            alerts,
            "c6",
            TestRecords.alert("bd-3", "c6", "BD", "BD", AlertKind.WARNING, 0).build());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> hk.events.size() >= 3 && bd.events.size() >= 3);
        assertThat(hk.alertIds()).containsExactlyInAnyOrder("hk-1", "hk-2", "hk-3");
        assertThat(bd.alertIds()).containsExactlyInAnyOrder("bd-1", "bd-2", "bd-3");
        assertThat(feed.alerts().since(0))
            .extracting(e -> e.alert().getAlertId().toString())
            .doesNotContain("hk-aborted");
      }
    }
  }

  @Test
  void reconnectingWithLastEventIdMissesNothingAndRepeatsNothingAcrossARestart(KafkaStack stack)
      throws Exception {
    String lastId;
    try (KafkaProducer<String, CaseAlert> p = ItKafka.producer(stack, Topics.CASE_ALERTS, null)) {
      for (int i = 1; i <= 4; i++) {
        ItKafka.send(
            p,
            alerts,
            "c" + i,
            TestRecords.alert("hk-" + i, "c" + i, "HK", "HK", AlertKind.WARNING, 0).build());
      }
      try (AlertFeedService feed = AlertFeedService.start(config);
          SseTestClient hk = new SseTestClient(feed.port(), "k-hk", null)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> hk.events.size() >= 4);
        assertThat(hk.alertIds()).containsExactlyInAnyOrder("hk-1", "hk-2", "hk-3", "hk-4");
        lastId = hk.lastEventId();
      }
      // Feed service down, client disconnected: new alerts, plus a re-emitted copy of an old one.
      for (int i = 5; i <= 8; i++) {
        ItKafka.send(
            p,
            alerts,
            "c" + i,
            TestRecords.alert("hk-" + i, "c" + i, "HK", "HK", AlertKind.BREACH, 1).build());
      }
      ItKafka.send(
          p,
          alerts,
          "c2",
          TestRecords.alert("hk-2", "c2", "HK", "HK", AlertKind.WARNING, 0).build());
      ItKafka.send(
          p,
          alerts,
          "c9",
          TestRecords.alert("bd-9", "c9", "BD", "BD", AlertKind.WARNING, 0).build());
      try (AlertFeedService restarted = AlertFeedService.start(config);
          SseTestClient hk = new SseTestClient(restarted.port(), "k-hk", lastId)) {
        ItKafka.send(
            p,
            alerts,
            "c10",
            TestRecords.alert("hk-10", "c10", "HK", "HK", AlertKind.BREACH, 1).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> hk.alertIds().contains("hk-10"));
        ItKafka.send(
            p,
            alerts,
            "c11",
            TestRecords.alert("hk-11", "c11", "HK", "HK", AlertKind.BREACH, 1).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> hk.alertIds().contains("hk-11"));
        assertThat(hk.alertIds())
            .containsExactlyInAnyOrder("hk-5", "hk-6", "hk-7", "hk-8", "hk-10", "hk-11");
      }
    }
  }

  @Test
  void webhookReceiverFailingTwiceGetsEachAlertOnceAlsoAfterARestart(KafkaStack stack)
      throws Exception {
    String secret = "it-webhook-secret-0123456789";
    try (TestWebhookServer hook = new TestWebhookServer(2);
        KafkaProducer<String, OrgUnit> orgs = ItKafka.producer(stack, Topics.ORG_UNITS, null);
        KafkaProducer<String, CaseAlert> p = ItKafka.producer(stack, Topics.CASE_ALERTS, null)) {
      ItKafka.send(
          orgs,
          orgUnits,
          "HK",
          TestRecords.unit("HK", "UBND quận Hoàn Kiếm", "HN", 1).setWebhookUrl(hook.url()).build());
      FeedConfig withHooks =
          new FeedConfig(
              config.bootstrapServers(),
              config.schemaRegistryUrl(),
              "127.0.0.1",
              0,
              principals,
              null,
              secret,
              config.webhookGroupId(),
              new RetryPolicy(6, Duration.ofMillis(50), 2.0, Duration.ofSeconds(1)),
              alerts,
              orgUnits,
              Duration.ofSeconds(15));
      ItKafka.send(
          p,
          alerts,
          "c1",
          TestRecords.alert("hk-1", "c1", "HK", "HK", AlertKind.BREACH, 1).build());
      ItKafka.send(
          p,
          alerts,
          "c2",
          TestRecords.alert("bd-1", "c2", "BD", "BD", AlertKind.BREACH, 1).build());
      ItKafka.send(
          p,
          alerts,
          "c1",
          TestRecords.alert("hk-1", "c1", "HK", "HK", AlertKind.BREACH, 1)
              .build()); // duplicate copy
      try (AlertFeedService feed = AlertFeedService.start(withHooks)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> hook.delivered().size() == 1);
        // the duplicate copy must not produce a second delivery; wait for the committed position.
        // Breaches: a warning may be held for working hours (NoticeHoursTest), whatever the hour.
        ItKafka.send(
            p,
            alerts,
            "c3",
            TestRecords.alert("hk-2", "c3", "HK", "HK", AlertKind.BREACH, 1).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> hook.delivered().size() == 2);
      }
      try (AlertFeedService restarted = AlertFeedService.start(withHooks)) {
        ItKafka.send(
            p,
            alerts,
            "c4",
            TestRecords.alert("hk-3", "c4", "HK", "HK", AlertKind.BREACH, 1).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> hook.delivered().size() >= 3);
      }
      assertThat(hook.requests)
          .extracting(TestWebhookServer.Received::status)
          .containsExactly(503, 503, 200, 200, 200);
      assertThat(hook.delivered())
          .extracting(TestWebhookServer.Received::alertId)
          .containsExactly("hk-1", "hk-2", "hk-3");
      WebhookSigner signer = new WebhookSigner(secret);
      assertThat(hook.delivered())
          .allSatisfy(r -> assertThat(signer.verify(r.body(), r.signature())).isTrue());
    }
  }
}
