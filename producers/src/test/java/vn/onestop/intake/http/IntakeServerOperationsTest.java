package vn.onestop.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The intake server's operations endpoints and request timer, with a one-route channel and no
 * Kafka: requests are counted under their route template, never their raw path.
 */
class IntakeServerOperationsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthMetricsAndRequestsByRouteTemplate() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HttpChannel channel =
        routes ->
            routes.get(
                "/api/v1/things/{id}",
                ctx -> {
                  if (ctx.pathParam("id").startsWith("missing")) {
                    throw Problem.of(404, "unknown", "Not Found", "no such thing").toException();
                  }
                  ctx.result("ok");
                });
    IntakeServer server =
        new IntakeServer(IntakeHttpConfig.defaults(Map.of()), List.of(channel), meters).start();
    try {
      String base = server.baseUrl();
      assertThat(get(base + "/health/live").body()).isEqualTo("live");
      assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(base + "/metrics").statusCode()).as("no registry attached").isEqualTo(404);

      AtomicReference<List<String>> problems = new AtomicReference<>(List.of("broker unreachable"));
      server.readiness(problems::get);
      HttpResponse<String> down = get(base + "/health/ready");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("not ready: broker unreachable");
      problems.set(List.of());
      assertThat(get(base + "/health/ready").body()).isEqualTo("ready");

      server.metrics(() -> "onestop_test 1\n");
      HttpResponse<String> m = get(base + "/metrics");
      assertThat(m.body()).isEqualTo("onestop_test 1\n");
      assertThat(m.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));

      get(base + "/api/v1/things/case-1");
      get(base + "/api/v1/things/case-2");
      get(base + "/api/v1/things/missing-3");
      get(base + "/nowhere/case-4");

      Timer ok =
          meters
              .find(IntakeServer.REQUESTS_METER)
              .tags("method", "GET", "route", "/api/v1/things/{id}", "status", "200")
              .timer();
      assertThat(ok).isNotNull();
      assertThat(ok.count()).isEqualTo(2);
      assertThat(
              meters
                  .find(IntakeServer.REQUESTS_METER)
                  .tags("route", "/api/v1/things/{id}", "status", "404")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(
              meters
                  .find(IntakeServer.REQUESTS_METER)
                  .tags("route", "unmatched", "status", "404")
                  .timer()
                  .count())
          .isEqualTo(1);
      assertThat(meters.getMeters())
          .flatExtracting(x -> x.getId().getTags())
          .noneMatch(t -> t.getValue().contains("case-"));
    } finally {
      server.close();
    }
  }
}
