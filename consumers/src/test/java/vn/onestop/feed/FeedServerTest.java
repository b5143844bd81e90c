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
    // the same challenge and problem shape as the intake's 401 (docs/access.md)
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValue(vn.onestop.access.Credentials.CHALLENGE);
    assertThat(r.body()).contains("\"instance\":\"/feeds/alerts\"").doesNotContain("nope");
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
  void aQueryKeyBesideAHeaderIs400NamingKeyWithoutTheKeys() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + server.port() + "/supervisor/cases?key=k-city"))
                    .header("X-API-Key", "k-hk")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("\"field\":\"key\"")
        .doesNotContain("k-hk")
        .doesNotContain("k-city");
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

  /** One request; the body is read only for a refusal (a 200 would be an endless stream). */
  private static Refusal connectOnce(int port, String key, String lastEventId) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feeds/alerts?key=" + key))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.InputStream in = r.body()) {
      String body =
          r.statusCode() == 200
              ? ""
              : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return new Refusal(r.statusCode(), r.headers(), body);
    }
  }

  private record Refusal(int statusCode, java.net.http.HttpHeaders headers, String body) {}

  @Test
  void capsOpenConnectionsPerPrincipalAndInTotalWith429AndRetryAfter() throws Exception {
    try (FeedServer capped =
        new FeedServer(
            "127.0.0.1",
            0,
            principals,
            log,
            org,
            200,
            new FeedLimits(50, Duration.ofDays(7), 3, 2, Duration.ofSeconds(7)))) {
      int port = capped.port();
      SseTestClient hk1 = new SseTestClient(port, "k-hk", null);
      try (SseTestClient hk2 = new SseTestClient(port, "k-hk", null)) {
        assertThat(hk1.status).isEqualTo(200);
        assertThat(hk2.status).isEqualTo(200);
        Refusal third = connectOnce(port, "k-hk", null);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(third.headers().firstValue("Content-Type"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(third.body()).contains("cb-hk").contains("at most 2");
        try (SseTestClient bd = new SseTestClient(port, "k-bd", null)) {
          assertThat(bd.status).as("third connection in total").isEqualTo(200);
          Refusal city = connectOnce(port, "k-city", null);
          assertThat(city.statusCode()).isEqualTo(429);
          assertThat(city.body()).contains("maximum of 3 open connections");
        }
        hk1.close();
        // The slot is freed when the server notices the closed connection.
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  SseTestClient again = new SseTestClient(port, "k-hk", null);
                  if (again.status != 200) {
                    again.close();
                    return false;
                  }
                  again.close();
                  return true;
                });
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> capped.openConnections() == 0);
    }
  }

  @Test
  void aLastEventIdOlderThanTheWindowIs410AndANewConnectionGetsEachCasesLatestAlert()
      throws Exception {
    AlertLog small = new AlertLog(2, Duration.ofDays(7));
    try (FeedServer windowed = new FeedServer("127.0.0.1", 0, principals, small, org, 200)) {
      small.append(0, 0, TestRecords.alert("c1-w", "c1", "HK", "HK", AlertKind.WARNING, 0).build());
      small.append(0, 1, TestRecords.alert("c2-w", "c2", "HK", "HK", AlertKind.WARNING, 0).build());
      small.append(0, 2, TestRecords.alert("c2-b", "c2", "HK", "HK", AlertKind.BREACH, 1).build());
      Refusal gone = connectOnce(windowed.port(), "k-hk", "0-0");
      assertThat(gone.statusCode()).isEqualTo(410);
      assertThat(gone.body()).contains("older than the feed's recent window").contains("0=1");
      try (SseTestClient fresh = new SseTestClient(windowed.port(), "k-hk", null);
          SseTestClient resumed = new SseTestClient(windowed.port(), "k-hk", "0-2")) {
        assertThat(resumed.status).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> fresh.events.size() == 1);
        assertThat(fresh.alertIds()).containsExactly("c2-b");
        assertThat(fresh.lastEventId()).isEqualTo("0-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events.size() == 1);
        assertThat(resumed.alertIds()).containsExactly("c2-b");
      }
    }
  }

  @Test
  void theCockpitJsonIsScopedAndNamesABadParameter() throws Exception {
    log.append(0, 0, TestRecords.alert("hk-1", "c1", "HK", "HK", AlertKind.WARNING, 0).build());
    log.append(0, 1, TestRecords.alert("hk-2", "c1", "HK", "HK", AlertKind.BREACH, 1).build());
    log.append(0, 2, TestRecords.alert("bd-1", "c2", "BD", "BD", AlertKind.BREACH, 1).build());
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> hk =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/supervisor/cases?key=k-hk"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(hk.statusCode()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode page =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(hk.body());
    assertThat(page.get("total").asInt()).isEqualTo(1);
    assertThat(page.get("rows").get(0).get("caseId").asText()).isEqualTo("c1");
    assertThat(page.get("rows").get(0).get("level").asInt()).isEqualTo(1);
    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + server.port()
                            + "/supervisor/cases?key=k-hk&size=100000"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("size: expected 1..200");
    // every bad value is a 400 naming its parameter in detail and errors[].field, never a 200
    // that silently filters on a value no row can have
    for (String[] q :
        new String[][] {
          {"level=9", "level", "level: expected 0..3, got '9'"},
          {"level=-1", "level", "level: expected 0..3, got '-1'"},
          {"level=x", "level", "level: expected 0..3, got 'x'"},
          {"category=NOPE", "category", "category: expected one of KHIEU_NAI, TO_CAO"},
          {"category=to_cao", "category", "got 'to_cao'"},
          {"due=soon", "due", "due: expected overdue or atRisk"},
          {"sort=foo", "sort", "sort: expected due, deadline, level, unit or lastAlert"},
          {"page=0", "page", "page: expected 1.."},
          {"size=201", "size", "size: expected 1..200"}
        }) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + server.port()
                              + "/supervisor/cases?key=k-hk&"
                              + q[0]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(q[0]).isEqualTo(400);
      com.fasterxml.jackson.databind.JsonNode problem =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
      assertThat(problem.get("detail").asText()).as(q[0]).contains(q[2]);
      assertThat(problem.at("/errors/0/field").asText()).as(q[0]).isEqualTo(q[1]);
    }
    HttpResponse<String> valid =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + server.port()
                            + "/supervisor/cases?key=k-hk&level=1&category="
                            + page.get("rows").get(0).get("category").asText()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(valid.statusCode()).isEqualTo(200);
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(valid.body())
                .get("total")
                .asInt())
        .isEqualTo(1);
    HttpResponse<String> outOfScope =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + server.port() + "/supervisor/cases?key=k-hk&unit=BD"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(outOfScope.statusCode()).isEqualTo(403);
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(outOfScope.body())
                .at("/errors/0/field")
                .asText())
        .isEqualTo("unit");
    HttpResponse<String> anon =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/supervisor/cases"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anon.statusCode()).isEqualTo(401);
    // the same errors member as every other 401 of the feed (docs/access.md)
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(anon.body())
                .at("/errors/0/field")
                .asText())
        .isEqualTo("X-API-Key");
  }
}
