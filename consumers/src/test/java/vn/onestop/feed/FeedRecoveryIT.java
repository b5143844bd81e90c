package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Topics;
import vn.onestop.schema.testkit.TestRecords;

/**
 * A feed started before its alerts topic exists is up but not ready ({@code /health/ready} 503
 * naming the tailer), and recovers by itself once the topic is created: ready, and the alerts
 * written then reach it.
 */
@WithKafkaStack
class FeedRecoveryIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFeedStartedBeforeItsAlertsTopicExistsIsNotReadyThenRecovers(KafkaStack stack)
      throws Exception {
    String alerts = ItKafka.unique("case-alerts");
    String orgUnits = ItKafka.cityOrgUnits(stack);
    FeedConfig config =
        FeedConfig.defaults(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                ApiKeyPrincipals.of(
                    Map.of("k-hk", Principal.of("cb-hk", Scope.unit("HK"), Role.SUPERVISOR))),
                null)
            .withPort(0)
            .withTopics(alerts, orgUnits, ItKafka.unique("webhooks"));

    try (AlertFeedService feed = AlertFeedService.start(config)) {
      assertThat(get(feed.port(), "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(feed.port(), "/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("tailer " + alerts + " down");

      ItKafka.createTopics(stack, Topics.CASE_ALERTS, 2, alerts);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                HttpResponse<String> ready = get(feed.port(), "/health/ready");
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).isEqualTo("ready");
              });

      try (KafkaProducer<String, CaseAlert> p = ItKafka.producer(stack, Topics.CASE_ALERTS, null)) {
        ItKafka.send(
            p,
            alerts,
            "c1",
            TestRecords.alert("hk-1", "c1", "HK", "HK", AlertKind.WARNING, 0).build());
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> feed.alerts().size() == 1);
    }
  }
}
