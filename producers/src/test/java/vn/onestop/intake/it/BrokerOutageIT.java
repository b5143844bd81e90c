package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.EmbeddedKafkaBroker;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.intake.IntakeOptions;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.IntakeHttpConfig;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;

/**
 * A broker of this test's own (the shared stack's registry): with the broker stopped the API
 * answers 503 + Retry-After within the bounded Kafka timeouts; after restart every case
 * acknowledged with a 202 is in the log.
 */
@WithKafkaStack
class BrokerOutageIT {
  static final String KEY = "outage-key";
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void answers503WhileTheBrokerIsDownAndLosesNothingAcknowledged(KafkaStack stack)
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      TopicAdmin.create(
          broker.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
      IntakeOptions options =
          IntakeOptions.defaults(
                  broker.bootstrapServers(),
                  stack.schemaRegistryUrl(),
                  IntakeHttpConfig.defaults(Map.of(KEY, "outage")))
              .withIdentityKey(IdentityKey.fromBytes(new byte[32]))
              .withKafkaTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(2));
      try (IntakeService intake = IntakeService.start(options)) {
        Http http = new Http(intake.baseUrl());
        await().atMost(Duration.ofSeconds(60)).until(intake::readModelCaughtUp);
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          acknowledged.add(
              accepted(http.postJson("/api/v1/cases", body("trước sự cố " + i), "X-API-Key", KEY)));
        }

        broker.stop();
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> r =
              http.postJson(
                  "/api/v1/cases",
                  body("trong sự cố " + i),
                  "X-API-Key",
                  KEY,
                  "Idempotency-Key",
                  "outage-" + i);
          assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
          assertThat(r.headers().firstValue("Retry-After")).contains("5");
          assertThat(r.headers().firstValue("Content-Type").orElse(""))
              .startsWith("application/problem+json");
        }

        broker.restart();
        // the retry of a request that got 503 now succeeds with the same idempotency key
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    http.postJson(
                                "/api/v1/cases",
                                body("trong sự cố 0"),
                                "X-API-Key",
                                KEY,
                                "Idempotency-Key",
                                "outage-0")
                            .statusCode()
                        == 202);
        for (int i = 0; i < 5; i++) {
          acknowledged.add(
              accepted(http.postJson("/api/v1/cases", body("sau sự cố " + i), "X-API-Key", KEY)));
        }

        Set<String> inLog =
            new CaseEventsLog(broker.bootstrapServers(), stack.schemaRegistryUrl())
                .all().stream().map(r -> r.key()).collect(Collectors.toSet());
        assertThat(inLog).containsAll(acknowledged);
      }
    }
  }

  static String body(String description) throws Exception {
    return JSON.createObjectNode()
        .put("category", "PHAN_ANH")
        .put("unitId", "u-outage")
        .put("description", description)
        .toString();
  }

  static String accepted(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return JSON.readTree(r.body()).get("caseId").asText();
  }
}
