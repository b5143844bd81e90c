package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.testkit.TestRecords;

/**
 * The HTTP/SSE layer over an alert log filled directly (the Kafka side is covered by AlertFeedIT).
 */
class FeedServerTest {
  private final OrgTree org = Fixtures.cityTree();
  private final AlertLog log = new AlertLog();
  private final ApiKeyPrincipals principals =
      ApiKeyPrincipals.of(
          Map.of(
              "k-hk", Principal.of("cb-hk", Scope.unit("HK"), Role.SUPERVISOR),
              "k-bd", Principal.of("cb-bd", Scope.unit("BD"), Role.SUPERVISOR),
              "k-city", Principal.of("cb-city", Scope.subtree("HN"), Role.SUPERVISOR)));
  private final FeedServer server = new FeedServer("127.0.0.1", 0, principals, log, org, 200);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void unknownKeyIs401ProblemAndBadLastEventIdIs400() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/feeds/alerts"))
                .header("Accept", "text/event-stream")
                .header("X-API-Key", "nope")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/feeds/alerts?key=k-hk"))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", "zero")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("Last-Event-ID");
  }

  @Test
  void aBearerJwtWithoutAConfiguredIssuerIs401() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/feeds/alerts"))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("no issuer is configured").doesNotContain("eyJ");
  }

  @Test
  void twoCredentialsAre400NamingTheHeaderWithoutTheKeys() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/feeds/alerts"))
                    .header("Accept", "text/event-stream")
                    .header("X-API-Key", "k-hk")
                    .header("X-API-Key", "k-city")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("\"field\":\"X-API-Key\"")
        .doesNotContain("k-hk")
        .doesNotContain("k-city");
  }

  @Test
  void scopesDeduplicatesAndResumesWithoutGapsOrRepeats() throws Exception {
    log.append(0, 0, TestRecords.alert("hk-1", "c1", "HK", "HK", AlertKind.WARNING, 0).build());
    log.append(1, 0, TestRecords.alert("bd-1", "c2", "BD", "BD", AlertKind.BREACH, 1).build());
    log.append(
        0,
        1,
        TestRecords.alert("hk-1", "c1", "HK", "HK", AlertKind.WARNING, 0)
            .build()); // duplicate copy
    log.append(1, 1, TestRecords.alert("hk-2", "c3", "HK", "HK", AlertKind.BREACH, 1).build());

    String resumeFrom;
    try (SseTestClient hk = new SseTestClient(server.port(), "k-hk", null);
        SseTestClient bd = new SseTestClient(server.port(), "k-bd", null);
        SseTestClient city = new SseTestClient(server.port(), "k-city", null)) {
      assertThat(hk.status).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> hk.events.size() == 2 && bd.events.size() == 1 && city.events.size() == 3);
      assertThat(hk.alertIds()).containsExactly("hk-1", "hk-2");
      assertThat(bd.alertIds()).containsExactly("bd-1");
      assertThat(city.alertIds()).containsExactly("hk-1", "bd-1", "hk-2");
      assertThat(hk.events.get(0).data().get("unitName").asText()).isEqualTo("UBND quận Hoàn Kiếm");
      resumeFrom = hk.lastEventId();
      assertThat(resumeFrom).isEqualTo("0-2,1-2");
    }
    // While the head is disconnected, more alerts arrive.
    log.append(0, 2, TestRecords.alert("hk-3", "c4", "HK", "HK", AlertKind.WARNING, 0).build());
    log.append(
        1,
        2,
        TestRecords.alert("hk-2", "c3", "HK", "HK", AlertKind.BREACH, 1)
            .build()); // re-emitted copy
    try (SseTestClient hk = new SseTestClient(server.port(), "k-hk", resumeFrom)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> hk.events.size() >= 1);
      log.append(
          1, 3, TestRecords.alert("hk-4", "c5", "HK", "HK", AlertKind.ESCALATION, 2).build());
      await().atMost(Duration.ofSeconds(10)).until(() -> hk.events.size() >= 2);
      List<String> ids = new ArrayList<>(hk.alertIds());
      assertThat(ids).containsExactly("hk-3", "hk-4");
    }
  }

  @Test
  void servesTheSupervisorPage() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/supervisor"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("EventSource")
        .contains("name=\"viewport\"")
        .doesNotContain("https://")
        .doesNotContain("http://");
  }
}
