package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.feed.AlertFeedService;
import vn.onestop.feed.AlertLog;
import vn.onestop.infra.LocalKafkaStack;
import vn.onestop.intake.IntakeOptions;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.IntakeHttpConfig;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.policy.PolicyBook;

/**
 * The operations side of {@code onestop run} on a real broker and registry (its own local stack, so
 * the test can stop the broker): the engine, the intake, the feed and the ticker in one process
 * with one {@link Operations}, wired as {@link RunCommand} does. After a small load (cases filed
 * 120 days ago through an intake whose clock lags, two of them rejected, then live clock ticks that
 * make the others overdue), {@code /metrics} shows the named series with the figures of that load,
 * and {@code /health/ready} turns 503 naming the broker when the broker stops.
 */
class OperationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "ops-key";
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void metricsShowTheLoadAndReadinessFollowsTheBroker(@TempDir Path dir) throws Exception {
    try (LocalKafkaStack stack = LocalKafkaStack.start();
        Shutdown shutdown = new Shutdown()) {
      Cluster c = Cluster.external(stack.bootstrapServers(), stack.schemaRegistryUrl());
      Services.prepareTopics(c, 3);
      Operations ops = shutdown.register(new Operations(c));
      SlaEngine engine =
          shutdown.register(
              Services.engine(
                  c, Files.createDirectories(dir.resolve("state")), PolicyBook.defaults()));
      ops.engine(engine, Duration.ofMillis(500));
      OpsServer engineHttp = shutdown.register(new OpsServer("127.0.0.1", 0, ops));
      byte[] raw = new byte[32];
      IntakeOptions options =
          IntakeOptions.defaults(
                  c.bootstrapServers(),
                  c.schemaRegistryUrl(),
                  IntakeHttpConfig.defaults(Map.of(KEY, "ops-test:intake+officer+unit_head@*")))
              .withIdentityKey(IdentityKey.fromBytes(raw));
      // Cases filed 120 days ago: the live ticks below make every open one overdue.
      options =
          new IntakeOptions(
              options.bootstrapServers(),
              options.schemaRegistryUrl(),
              options.http(),
              options.deliveryTimeout(),
              options.maxBlock(),
              options.identityKey(),
              options.denunciations(),
              options.catalog(),
              Clock.offset(Clock.systemUTC(), Duration.ofDays(-120)),
              options.readModelCapacity());
      IntakeService intake = shutdown.register(Services.intake(options, ops));
      intake.attachStatus(new EngineStatusLookup(engine.statusQuery()));
      AlertFeedService feed =
          shutdown.register(
              Services.feed(c, "127.0.0.1", 0, ApiKeyPrincipals.of(Map.of()), null, null, ops));
      String base = intake.baseUrl();
      String feedBase = "http://127.0.0.1:" + feed.port();
      String engineBase = "http://127.0.0.1:" + engineHttp.port();

      for (String b : List.of(base, feedBase, engineBase)) {
        assertThat(get(b + "/health/live").statusCode()).isEqualTo(200);
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                for (String b : List.of(base, feedBase, engineBase)) {
                  HttpResponse<String> r = get(b + "/health/ready");
                  assertThat(r.statusCode()).as(b + ": " + r.body()).isEqualTo(200);
                  assertThat(r.body()).isEqualTo("ready");
                }
              });

      // Load: 4 cases for unit ops-a, 2 for ops-b, one refused body; reject one case of each unit.
      List<String> a = new ArrayList<>();
      List<String> b = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        (i < 4 ? a : b).add(submit(base, i < 4 ? "ops-a" : "ops-b"));
      }
      assertThat(post(base + "/api/v1/cases", "{\"category\":\"PHAN_ANH\"}").statusCode())
          .isEqualTo(400);
      for (String caseId : List.of(a.get(0), b.get(0))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    post(
                                    base + "/api/v1/cases/" + caseId + "/actions",
                                    "{\"action\":\"reject\",\"reason\":\"Không thuộc thẩm quyền\"}")
                                .statusCode()
                            // 200: the engine applied it within the decision wait; 202: still
                            // pending
                            / 100
                        == 2);
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                assertThat(status(base, a.get(0))).isEqualTo("REJECTED");
                assertThat(status(base, b.get(0))).isEqualTo("REJECTED");
              });
      // Live ticks: stream time jumps 120 days to the wall clock.
      shutdown.register(Services.ticker(c, Duration.ofSeconds(1)));

      AlertLog alerts = feed.alerts();
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () -> {
                Metrics m = scrape(base);
                assertThat(m.sum("onestop_alerts_total", x -> true)).isPositive();
                assertThat(m.value("onestop_cases_open", Map.of("unit", "ops-a"))).isEqualTo(3);
                assertThat(m.value("onestop_cases_open", Map.of("unit", "ops-b"))).isEqualTo(1);
                assertThat(m.value("onestop_cases_overdue", Map.of("unit", "ops-a"))).isEqualTo(3);
                assertThat(m.value("onestop_cases_overdue", Map.of("unit", "ops-b"))).isEqualTo(1);
                // the feed has read every alert the metric counted (the 120-day jump evicts the
                // oldest from its 7-day window: counted as read all the same)
                assertThat(m.sum("onestop_alerts_total", x -> true))
                    .isEqualTo(distinctAlerts(alerts));
              });

      Metrics m = scrape(base);
      // The product's own series, for whoever reads the IT log.
      m.text().lines().filter(l -> l.startsWith("onestop_")).forEach(System.out::println);
      assertThat(
              m.value(
                  "onestop_intake_requests_seconds_count",
                  Map.of("method", "POST", "route", "/api/v1/cases", "status", "202")))
          .isEqualTo(6);
      assertThat(
              m.value(
                  "onestop_intake_requests_seconds_count",
                  Map.of("method", "POST", "route", "/api/v1/cases", "status", "400")))
          .isEqualTo(1);
      assertThat(
              m.sum(
                  "onestop_intake_requests_seconds_count",
                  l ->
                      "/api/v1/cases/{id}/actions".equals(l.get("route"))
                          && List.of("200", "202").contains(l.get("status"))))
          .as("the two rejections, answered 200 (applied) or 202 (decision pending)")
          .isEqualTo(2);
      assertThat(
              m.sum(
                  "onestop_intake_requests_seconds_count",
                  l -> "/api/v1/cases/{id}".equals(l.get("route"))))
          .as("status reads are counted under their route template")
          .isPositive();
      for (String caseId : concat(a, b)) {
        assertThat(m.text()).as("no raw path with a case id in any series").doesNotContain(caseId);
      }
      assertThat(
              m.sum("onestop_alerts_total", l -> l.containsKey("kind") && l.containsKey("level")))
          .isEqualTo(m.sum("onestop_alerts_total", x -> true));
      assertThat(m.sum("onestop_alerts_total", l -> "BREACH".equals(l.get("kind"))))
          .as("120 days late: every open case breached its acceptance period")
          .isGreaterThanOrEqualTo(4);
      double lag = m.value("onestop_engine_lag_seconds", Map.of());
      assertThat(lag).as("wall clock - stream time with 1 s ticks").isBetween(-5.0, 120.0);
      assertThat(m.value("onestop_engine_running", Map.of())).isEqualTo(1);
      assertThat(m.sum("jvm_memory_used_bytes", x -> true)).isPositive();
      assertThat(m.sum("jvm_threads_live_threads", x -> true)).isPositive();
      assertThat(m.has("jvm_gc_")).isTrue();
      assertThat(m.sum("system_cpu_count", x -> true)).isPositive();
      assertThat(m.sum("kafka_producer_record_send_total", l -> clientIs(l, "onestop-web-intake")))
          .as("the intake producer's own metrics")
          .isGreaterThanOrEqualTo(8);
      assertThat(
              m.sum(
                  "kafka_consumer_fetch_manager_records_consumed_total",
                  l -> clientStarts(l, "onestop-feed-case-alerts")))
          .as("the feed consumers' own metrics")
          .isPositive();
      assertThat(m.has("kafka_stream_")).as("Kafka Streams' own metrics").isTrue();
      assertThat(scrape(feedBase).has("onestop_cases_open"))
          .as("the feed port serves the same process-wide metrics")
          .isTrue();
      assertThat(scrape(engineBase).has("onestop_intake_requests_seconds_count")).isTrue();

      // Broker down: every service of the process says not ready, naming the broker.
      stack.broker().stop();
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  for (String u : List.of(base, feedBase, engineBase)) {
                    HttpResponse<String> r = get(u + "/health/ready");
                    assertThat(r.statusCode()).as(u).isEqualTo(503);
                    assertThat(r.body()).startsWith("not ready: ").contains("broker unreachable");
                  }
                  assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
                });
      } finally {
        stack.broker().restart();
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> assertThat(get(engineBase + "/health/ready").statusCode()).isEqualTo(200));
    }
  }

  private static boolean clientIs(Map<String, String> labels, String clientId) {
    return clientId.equals(labels.get("client_id"));
  }

  private static boolean clientStarts(Map<String, String> labels, String prefix) {
    String id = labels.get("client_id");
    return id != null && id.startsWith(prefix);
  }

  private static double distinctAlerts(AlertLog log) {
    return log.distinctAppended();
  }

  private static List<String> concat(List<String> x, List<String> y) {
    List<String> all = new ArrayList<>(x);
    all.addAll(y);
    return all;
  }

  private String submit(String base, String unit) throws Exception {
    HttpResponse<String> r =
        post(
            base + "/api/v1/cases",
            "{\"category\":\"PHAN_ANH\",\"channel\":\"WEB\",\"unitId\":\""
                + unit
                + "\",\"description\":\"Phản ánh về nhũng nhiễu tại bộ phận một cửa\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return JSON.readTree(r.body()).get("caseId").asText();
  }

  private String status(String base, String caseId) throws Exception {
    HttpResponse<String> r = get(base + "/api/v1/cases/" + caseId);
    if (r.statusCode() != 200) {
      return r.statusCode() + " " + r.body();
    }
    JsonNode n = JSON.readTree(r.body());
    return n.path("state").asText();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("X-API-Key", KEY)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("X-API-Key", KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Metrics scrape(String base) throws Exception {
    HttpResponse<String> r = get(base + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> t.startsWith("text/plain"));
    return new Metrics(r.body());
  }

  /** The samples of a Prometheus text exposition: name, labels, value. */
  record Metrics(String text) {
    record Sample(String name, Map<String, String> labels, double value) {}

    List<Sample> samples() {
      List<Sample> out = new ArrayList<>();
      for (String line : text.lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        String name;
        Map<String, String> labels = new HashMap<>();
        if (brace >= 0 && brace < space) {
          name = line.substring(0, brace);
          String inner = line.substring(brace + 1, line.lastIndexOf('}'));
          for (String pair : inner.split("\",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
              String v = pair.substring(eq + 1).trim();
              v = v.startsWith("\"") ? v.substring(1) : v;
              v = v.endsWith("\"") ? v.substring(0, v.length() - 1) : v;
              labels.put(pair.substring(0, eq).trim(), v);
            }
          }
        } else {
          name = line.substring(0, space);
        }
        out.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
      }
      return out;
    }

    boolean has(String namePrefix) {
      return samples().stream().anyMatch(s -> s.name().startsWith(namePrefix));
    }

    double sum(String name, Predicate<Map<String, String>> labels) {
      return samples().stream()
          .filter(s -> s.name().equals(name) && labels.test(s.labels()))
          .mapToDouble(Sample::value)
          .sum();
    }

    /** The one sample of that name whose labels include these; NaN if none. */
    double value(String name, Map<String, String> labels) {
      Optional<Sample> s =
          samples().stream()
              .filter(
                  x ->
                      x.name().equals(name) && x.labels().entrySet().containsAll(labels.entrySet()))
              .findFirst();
      return s.map(Sample::value).orElse(Double.NaN);
    }
  }
}
