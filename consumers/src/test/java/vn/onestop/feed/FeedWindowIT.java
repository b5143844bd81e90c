package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * The bounded feed on the real broker and registry: it starts reading {@code case-alerts} at "now
 * minus the window" (alerts stamped 10 days ago are never read, not merely evicted), a new
 * connection gets each case's latest alert in the window, an older Last-Event-ID is refused with
 * 410, and a principal's second connection over its cap gets 429. The topic is created with the
 * product's settings (no time retention), since the records carry event times in the past.
 */
@WithKafkaStack
class FeedWindowIT {
  @Test
  void startsAtTheWindowServesEachCasesLatestAlertAndCapsConnections(KafkaStack stack)
      throws Exception {
    String alerts = ItKafka.unique("case-alerts");
    ItKafka.createTopics(stack, Topics.CASE_ALERTS, 1, alerts);
    String orgUnits = ItKafka.cityOrgUnits(stack);
    Instant now = Instant.now();
    Instant old = now.minus(Duration.ofDays(10));
    Instant recent = now.minus(Duration.ofHours(1));
    try (KafkaProducer<String, CaseAlert> p = ItKafka.producer(stack, Topics.CASE_ALERTS, null)) {
      send(p, alerts, "old-1", "c-old", old);
      send(p, alerts, "old-2", "c1", old);
      send(p, alerts, "c1-warn", "c1", recent);
      send(p, alerts, "c1-breach", "c1", recent.plusSeconds(60));
      send(p, alerts, "c2-warn", "c2", recent.plusSeconds(120));
    }
    FeedConfig config =
        FeedConfig.defaults(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                ApiKeyPrincipals.of(
                    Map.of("k-hk", Principal.of("cb-hk", Scope.unit("HK"), Role.SUPERVISOR))),
                null)
            .withPort(0)
            .withTopics(alerts, orgUnits, ItKafka.unique("webhooks"))
            .withLimits(new FeedLimits(1000, Duration.ofDays(7), 10, 1, Duration.ofSeconds(5)));
    try (AlertFeedService feed = AlertFeedService.start(config)) {
      assertThat(feed.awaitAlertsLoaded(Duration.ofSeconds(60))).isTrue();
      assertThat(feed.alerts().since(0))
          .extracting(e -> e.alert().getAlertId().toString())
          .containsExactly("c1-warn", "c1-breach", "c2-warn");
      assertThat(feed.alerts().evicted()).as("old alerts were never read").isZero();

      HttpResponse<String> gone = refusal(feed.port(), "0-1");
      assertThat(gone.statusCode()).isEqualTo(410);
      assertThat(gone.body()).contains("older than the feed's recent window");

      try (SseTestClient hk = new SseTestClient(feed.port(), "k-hk", null)) {
        assertThat(hk.status).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> hk.events.size() >= 2);
        assertThat(hk.alertIds()).containsExactly("c1-breach", "c2-warn");
        assertThat(hk.lastEventId()).isEqualTo("0-5");

        HttpResponse<String> second = refusal(feed.port(), null);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("5");
      }
    }
  }

  private static void send(
      KafkaProducer<String, CaseAlert> p, String topic, String id, String caseId, Instant at)
      throws Exception {
    CaseAlert a =
        TestRecords.alert(id, caseId, "HK", "HK", AlertKind.BREACH, 1).setDecidedAt(at).build();
    // Record timestamp = decidedAt, as the engine writes alerts.
    p.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), caseId, a)).get();
  }

  /** A request expected to be refused: its body is read only when the status is not 200. */
  private static HttpResponse<String> refusal(int port, String lastEventId) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feeds/alerts?key=k-hk"))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      String body =
          r.statusCode() == 200 ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new StringResponse(r, body);
    }
  }

  private record StringResponse(HttpResponse<InputStream> r, String body)
      implements HttpResponse<String> {
    @Override
    public int statusCode() {
      return r.statusCode();
    }

    @Override
    public HttpRequest request() {
      return r.request();
    }

    @Override
    public java.util.Optional<HttpResponse<String>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return r.headers();
    }

    @Override
    public URI uri() {
      return r.uri();
    }

    @Override
    public HttpClient.Version version() {
      return r.version();
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return r.sslSession();
    }
  }
}
