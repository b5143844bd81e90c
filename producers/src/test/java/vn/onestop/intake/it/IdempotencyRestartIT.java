package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.onestop.intake.it.IntakeApiIT.body;
import static vn.onestop.intake.it.IntakeApiIT.petition;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An Idempotency-Key survives an intake restart: the new process has no memory of the key, yet the
 * same body is answered with the case and the event id actually written (nothing new in the log),
 * and another body is still refused with 409.
 */
class IdempotencyRestartIT {
  static final String KEY = "it-restart-key";

  @RegisterExtension static final RunningIntake INTAKE = new RunningIntake(KEY, "it-restart");

  @Test
  void aKeyReusedAfterARestartReplaysTheWrittenEventOrConflicts() throws Exception {
    String idempotencyKey = "restart-" + UUID.randomUUID();
    String body = petition("Cống thoát nước bị tắc ở ngõ 12");
    HttpResponse<String> first =
        INTAKE
            .http()
            .postJson("/api/v1/cases", body, "X-API-Key", KEY, "Idempotency-Key", idempotencyKey);
    assertThat(first.statusCode()).isEqualTo(202);
    String caseId = body(first).get("caseId").asText();
    String eventId = body(first).get("eventId").asText();

    INTAKE.restart();

    HttpResponse<String> again =
        INTAKE
            .http()
            .postJson("/api/v1/cases", body, "X-API-Key", KEY, "Idempotency-Key", idempotencyKey);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(body(again).get("caseId").asText()).isEqualTo(caseId);
    assertThat(body(again).get("eventId").asText()).isEqualTo(eventId);
    assertThat(body(again).get("replayed").asBoolean()).isTrue();

    HttpResponse<String> other =
        INTAKE
            .http()
            .postJson(
                "/api/v1/cases",
                petition("Nội dung khác"),
                "X-API-Key",
                KEY,
                "Idempotency-Key",
                idempotencyKey);
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(INTAKE.log().ofCase(caseId)).hasSize(1);
  }
}
