package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onestop.intake.crypto.IdentityCipher;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Submitted;

/**
 * Every JSON API endpoint and error code against the running server on the real broker + registry.
 */
class IntakeApiIT {
  static final String KEY = "it-key-123";

  @RegisterExtension static final RunningIntake INTAKE = new RunningIntake(KEY, "it-client");

  static final String VN = "Phản ánh về nhũng nhiễu tại bộ phận một cửa";
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode body(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  static String petition(String description) throws Exception {
    return JSON.createObjectNode()
        .put("category", "PHAN_ANH")
        .put("unitId", "ubnd-phuong-1")
        .put("description", description)
        .toString();
  }

  static String submit(String json) throws Exception {
    HttpResponse<String> r = INTAKE.http().postJson("/api/v1/cases", json, "X-API-Key", KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return body(r).get("caseId").asText();
  }

  @Test
  void submissionIsAcknowledgedAndVietnameseRoundTripsByteExact() throws Exception {
    HttpResponse<String> r =
        INTAKE.http().postJson("/api/v1/cases", petition(VN), "X-API-Key", KEY);
    assertThat(r.statusCode()).isEqualTo(202);
    JsonNode b = body(r);
    String caseId = b.get("caseId").asText();
    assertThat(b.get("trackingCode").asText()).matches("OS-[0-9A-Z]{10}");
    assertThat(r.headers().firstValue("Location")).contains("/api/v1/cases/" + caseId);
    List<CaseEvent> events = INTAKE.log().ofCase(caseId);
    assertThat(events).hasSize(1);
    Submitted s = (Submitted) events.get(0).getPayload();
    assertThat(s.getDescription().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(VN.getBytes(StandardCharsets.UTF_8));
    assertThat(s.getTrackingCode()).isEqualTo(b.get("trackingCode").asText());
    assertThat(events.get(0).getSourceSystem()).isEqualTo("web-intake");
    assertThat(events.get(0).getEventId()).isEqualTo(b.get("eventId").asText());
  }

  @Test
  void denunciationIdentityIsEncryptedInTheLog() throws Exception {
    String caseId =
        submit(
            """
        {"category":"TO_CAO","unitId":"ubnd-q1","subjectOfficialId":"cb-mc-07",
         "description":"Tố cáo cán bộ một cửa đòi tiền","complainant":{"fullName":"Đỗ Thị Mai",
         "address":"Phường Bến Nghé, Quận 1","phone":"0901234567"}}""");
    Submitted s = (Submitted) INTAKE.log().ofCase(caseId).get(0).getPayload();
    assertThat(s.getComplainant()).isNull();
    assertThat(s.getEncryptedIdentity()).isNotNull();
    assertThat(
            new IdentityCipher(INTAKE.identityKey())
                .decrypt(caseId, s.getEncryptedIdentity())
                .getFullName())
        .isEqualTo("Đỗ Thị Mai");
  }

  @Test
  void errorsAreProblemDetailsNamingFields() throws Exception {
    HttpResponse<String> invalid =
        INTAKE
            .http()
            .postJson(
                "/api/v1/cases",
                "{\"category\":\"KHIEU_NAI\",\"description\":\"\",\"channel\":\"X\"}",
                "X-API-Key",
                KEY);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode p = body(invalid);
    assertThat(p.get("status").asInt()).isEqualTo(400);
    assertThat(p.get("errors").findValuesAsText("field"))
        .contains("description", "channel", "unitId", "complainant");

    HttpResponse<String> malformed =
        INTAKE.http().postJson("/api/v1/cases", "{\"category\": ", "X-API-Key", KEY);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(body(malformed).get("detail").asText()).contains("line 1");

    HttpResponse<String> badUtf8 =
        INTAKE
            .http()
            .post(
                "/api/v1/cases",
                "application/json",
                new byte[] {'{', '"', (byte) 0xC3, '"', '}'},
                "X-API-Key",
                KEY);
    assertThat(badUtf8.statusCode()).isEqualTo(400);

    assertThat(INTAKE.http().postJson("/api/v1/cases", petition("x")).statusCode()).isEqualTo(401);
    HttpResponse<String> unknownKey =
        INTAKE.http().postJson("/api/v1/cases", petition("x"), "X-API-Key", "nope");
    assertThat(unknownKey.statusCode()).isEqualTo(401);
    assertThat(body(unknownKey).get("errors").get(0).get("field").asText()).isEqualTo("X-API-Key");

    HttpResponse<String> wrongType =
        INTAKE
            .http()
            .post(
                "/api/v1/cases",
                "text/plain",
                petition("x").getBytes(StandardCharsets.UTF_8),
                "X-API-Key",
                KEY);
    assertThat(wrongType.statusCode()).isEqualTo(415);

    HttpResponse<String> tooBig =
        INTAKE.http().postJson("/api/v1/cases", petition("a".repeat(70_000)), "X-API-Key", KEY);
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");

    HttpResponse<String> noRoute = INTAKE.http().get("/api/v1/nothing");
    assertThat(noRoute.statusCode()).isEqualTo(404);
    assertThat(noRoute.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");

    assertThat(
            INTAKE
                .http()
                .postJson(
                    "/api/v1/cases/no-such-case/actions",
                    "{\"action\":\"accept\"}",
                    "X-API-Key",
                    KEY)
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void idempotencyKeyReplaysTheSameCaseAndRefusesAnotherBody() throws Exception {
    long before = INTAKE.log().count();
    String body = petition("Đèn đường hỏng ở ngõ 5");
    HttpResponse<String> first =
        INTAKE.http().postJson("/api/v1/cases", body, "X-API-Key", KEY, "Idempotency-Key", "k-1");
    HttpResponse<String> again =
        INTAKE.http().postJson("/api/v1/cases", body, "X-API-Key", KEY, "Idempotency-Key", "k-1");
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(body(again).get("caseId").asText()).isEqualTo(body(first).get("caseId").asText());
    assertThat(body(again).get("replayed").asBoolean()).isTrue();
    HttpResponse<String> other =
        INTAKE
            .http()
            .postJson(
                "/api/v1/cases", petition("khác"), "X-API-Key", KEY, "Idempotency-Key", "k-1");
    assertThat(other.statusCode()).isEqualTo(409);
    assertThat(INTAKE.log().count()).isEqualTo(before + 1);
    assertThat(INTAKE.log().ofCase(body(first).get("caseId").asText())).hasSize(1);
  }

  @Test
  void everyActionIsWritten() throws Exception {
    String caseId = submit(petition("Hồ sơ trễ hẹn 10 ngày"));
    List<String> actions =
        List.of(
            "{\"action\":\"accept\",\"officialId\":\"it-client\"}",
            "{\"action\":\"assign\",\"officerId\":\"cb-2\"}",
            "{\"action\":\"suspend\",\"reason\":\"chờ giám định\",\"decisionNumber\":\"1/QĐ\"}",
            "{\"action\":\"resume\",\"decisionNumber\":\"2/QĐ\"}",
            "{\"action\":\"extend\",\"decisionNumber\":\"3/QĐ\",\"days\":15}",
            "{\"action\":\"transfer\",\"toUnitId\":\"so-xay-dung\"}",
            "{\"action\":\"resolve\",\"outcome\":\"FIXED\",\"note\":\"đã xử lý\"}",
            "{\"action\":\"rate\",\"score\":4}",
            "{\"action\":\"reopen\",\"reason\":\"chưa thỏa đáng\"}",
            "{\"action\":\"reject\",\"reason\":\"trùng đơn\"}",
            "{\"action\":\"withdraw\"}");
    for (String a : actions) {
      HttpResponse<String> r =
          INTAKE.http().postJson("/api/v1/cases/" + caseId + "/actions", a, "X-API-Key", KEY);
      assertThat(r.statusCode()).as(a + " -> " + r.body()).isEqualTo(202);
    }
    assertThat(INTAKE.log().ofCase(caseId))
        .extracting(e -> e.getPayload().getClass().getSimpleName())
        .containsExactly(
            "Submitted",
            "Accepted",
            "Assigned",
            "Suspended",
            "Resumed",
            "DeadlineExtended",
            "Transferred",
            "Resolved",
            "Rated",
            "Reopened",
            "Rejected",
            "Withdrawn");
    HttpResponse<String> bad =
        INTAKE
            .http()
            .postJson(
                "/api/v1/cases/" + caseId + "/actions",
                "{\"action\":\"rate\",\"score\":9}",
                "X-API-Key",
                KEY);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(body(bad).get("errors").get(0).get("field").asText()).isEqualTo("score");
    HttpResponse<String> k1 =
        INTAKE
            .http()
            .postJson(
                "/api/v1/cases/" + caseId + "/actions",
                "{\"action\":\"rate\",\"score\":5}",
                "X-API-Key",
                KEY,
                "Idempotency-Key",
                "rate-1");
    HttpResponse<String> k2 =
        INTAKE
            .http()
            .postJson(
                "/api/v1/cases/" + caseId + "/actions",
                "{\"action\":\"rate\",\"score\":5}",
                "X-API-Key",
                KEY,
                "Idempotency-Key",
                "rate-1");
    assertThat(body(k2).get("eventId").asText()).isEqualTo(body(k1).get("eventId").asText());
    assertThat(
            INTAKE
                .http()
                .postJson(
                    "/api/v1/cases/" + caseId + "/actions",
                    "{\"action\":\"rate\",\"score\":3}",
                    "X-API-Key",
                    KEY,
                    "Idempotency-Key",
                    "rate-1")
                .statusCode())
        .isEqualTo(409);
    assertThat(INTAKE.log().ofCase(caseId)).hasSize(13);
  }

  @Test
  void statusAnswers503WithoutTheEngineThenTheEnginesView() throws Exception {
    String caseId = submit(petition("Trạng thái"));
    INTAKE.service().attachStatus(null);
    HttpResponse<String> none = INTAKE.http().get("/api/v1/cases/" + caseId, "X-API-Key", KEY);
    assertThat(none.statusCode()).isEqualTo(503);
    assertThat(none.headers().firstValue("Retry-After")).contains("5");
    assertThat(body(none).get("detail").asText()).contains("SLA engine");

    Instant due = Instant.parse("2030-01-10T16:59:59Z");
    INTAKE
        .service()
        .attachStatus(
            id ->
                id.equals(caseId)
                    ? Optional.of(
                        new CaseStatusView(
                            id,
                            "SUBMITTED",
                            "PHAN_ANH",
                            "ubnd-phuong-1",
                            "ACCEPTANCE",
                            due,
                            due,
                            null,
                            1,
                            false))
                    : Optional.empty());
    try {
      HttpResponse<String> ok = INTAKE.http().get("/api/v1/cases/" + caseId, "X-API-Key", KEY);
      assertThat(ok.statusCode()).isEqualTo(200);
      JsonNode v = body(ok);
      assertThat(v.get("state").asText()).isEqualTo("SUBMITTED");
      assertThat(v.get("dueAt").asText()).isEqualTo("2030-01-10T16:59:59Z");
      assertThat(v.get("escalationLevel").asInt()).isEqualTo(1);
      assertThat(v.get("resolutionDueAt").isNull()).isTrue();
      assertThat(INTAKE.http().get("/api/v1/cases/unknown-id", "X-API-Key", KEY).statusCode())
          .isEqualTo(404);
      INTAKE
          .service()
          .attachStatus(
              id -> {
                throw new StatusUnavailableException("rebalancing");
              });
      HttpResponse<String> down = INTAKE.http().get("/api/v1/cases/" + caseId, "X-API-Key", KEY);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(body(down).get("detail").asText()).contains("rebalancing");
    } finally {
      INTAKE.service().attachStatus(null);
    }
  }
}
