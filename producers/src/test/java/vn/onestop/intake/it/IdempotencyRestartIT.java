package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.onestop.intake.it.IntakeApiIT.body;
import static vn.onestop.intake.it.IntakeApiIT.petition;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An Idempotency-Key survives an intake restart, for submissions and for case-officer actions: the
 * new process has no memory of the key, yet the same body is answered with the event id actually
 * written (nothing new in the log), and another body is still refused with 409.
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

  @Test
  void anActionKeyReusedAfterARestartReplaysTheWrittenEventOrConflicts() throws Exception {
    HttpResponse<String> filed =
        INTAKE
            .http()
            .postJson("/api/v1/cases", petition("Đèn đường hỏng ở ngõ 5"), "X-API-Key", KEY);
    assertThat(filed.statusCode()).isEqualTo(202);
    String caseId = body(filed).get("caseId").asText();
    String actions = "/api/v1/cases/" + caseId + "/actions";
    String idempotencyKey = "restart-action-" + UUID.randomUUID();
    String accept = "{\"action\":\"accept\",\"decisionNumber\":\"01/TB-UBND\"}";
    HttpResponse<String> first =
        INTAKE
            .http()
            .postJson(actions, accept, "X-API-Key", KEY, "Idempotency-Key", idempotencyKey);
    assertThat(first.statusCode()).isEqualTo(202);
    String eventId = body(first).get("eventId").asText();
    assertThat(body(first).get("replayed").asBoolean()).isFalse();

    INTAKE.restart();

    HttpResponse<String> again =
        INTAKE
            .http()
            .postJson(actions, accept, "X-API-Key", KEY, "Idempotency-Key", idempotencyKey);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(body(again).get("eventId").asText()).isEqualTo(eventId);
    assertThat(body(again).get("replayed").asBoolean()).isTrue();
    for (String other :
        List.of(
            "{\"action\":\"accept\",\"decisionNumber\":\"02/TB-UBND\"}",
            "{\"action\":\"suspend\",\"reason\":\"chờ giám định\",\"decisionNumber\":\"3/QĐ\"}")) {
      HttpResponse<String> conflict =
          INTAKE
              .http()
              .postJson(actions, other, "X-API-Key", KEY, "Idempotency-Key", idempotencyKey);
      assertThat(conflict.statusCode()).as(other).isEqualTo(409);
      assertThat(conflict.body()).contains("idempotency-key-reused");
    }
    // The same key on another case is another scope: written.
    HttpResponse<String> otherCase =
        INTAKE.http().postJson("/api/v1/cases", petition("Vỉa hè bị lấn chiếm"), "X-API-Key", KEY);
    String otherCaseId = body(otherCase).get("caseId").asText();
    assertThat(
            INTAKE
                .http()
                .postJson(
                    "/api/v1/cases/" + otherCaseId + "/actions",
                    accept,
                    "X-API-Key",
                    KEY,
                    "Idempotency-Key",
                    idempotencyKey)
                .statusCode())
        .isEqualTo(202);

    assertThat(INTAKE.log().ofCase(caseId))
        .as("Submitted and one Accepted, nothing written after the restart")
        .extracting(e -> e.getEventId().toString())
        .hasSize(2)
        .contains(eventId);
    assertThat(INTAKE.log().ofCase(otherCaseId)).hasSize(2);
  }
}
