package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import vn.onestop.audit.AuditExport;
import vn.onestop.audit.CaseHistory;
import vn.onestop.audit.ExportFormat;
import vn.onestop.audit.PipelineSource;
import vn.onestop.audit.TopicScan;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.intake.IntakeOptions;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.IntakeHttpConfig;
import vn.onestop.report.KpiReport;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.IdentityRevealed;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Nothing secret leaks, on a real broker and registry with the engine and the intake wired as
 * {@code onestop run} does. A tố cáo and a khiếu nại are filed with a name, a phone number, a
 * citizen id, an e-mail, an address and a distinctive sentence; then every public response (Open311
 * lists and details in JSON and XML, by case id and by tracking code, the tracking lookup, error
 * answers), every log line of the run (captured), {@code case-alerts}, {@code unit-kpis}, the KPI
 * report, an audit export without the personal-data flag, the audit history and {@code /metrics}
 * hold none of those strings; in {@code case-events} the identity fields are ciphertext (no name,
 * phone or citizen id in the bytes). The controlled reveal returns the identity to an officer whose
 * scope covers the case, after an {@code IdentityRevealed} event (who, why, no identity) is in
 * {@code case-events}; an officer of another unit or an intake key gets 403 and nothing is written.
 * Also: the tracking code answers, an action the engine refuses is answered 409 with its reason and
 * the status shows it, and the work list pages the principal's scope by due date.
 */
@WithKafkaStack
class SecrecyLeakIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
  private static final String HOTLINE = "leak-hotline-key";
  private static final String OFFICER = "leak-officer-key";
  private static final String OUTSIDER = "leak-outsider-key";
  private static final String HEAD = "leak-head-key";

  private static final String NAME = "Lê Thị Kín Đáo";
  private static final String PHONE = "0987654321";
  private static final String CITIZEN_ID = "079912345678";
  private static final String EMAIL = "kin.dao.leaktest@example.vn";
  private static final String HOME = "số 99 ngõ Bí Mật, phường Hàng Bạc";
  private static final String SENTENCE_TC =
      "Cán bộ Phạm Văn Quyết đòi nộp thêm 777.000 đồng ngoài quy định tại bàn số 3";
  private static final String SENTENCE_KN =
      "Quyết định thu hồi đất số 4242 xâm phạm quyền lợi hợp pháp của gia đình tôi";
  private static final String PLACE = "hẻm 13 đường Lý Do Riêng";
  private static final String PRIVATE_PA =
      "Ống nước nhà tôi rò rỉ, xin đừng công khai nội dung này";
  private static final String PUBLIC_PA = "Đèn đường hỏng trước số 5 phố Hàng Bạc đã ba tuần";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> publicBodies = new ArrayList<>();

  @Test
  void noSecretReachesAPublicReadALogATopicAReportOrMetrics(KafkaStack stack, @TempDir Path dir)
      throws Exception {
    ListAppender<ILoggingEvent> log = captureLogs();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String root = "lk-" + tag;
    String unitA = root + "-a";
    String unitB = root + "-b";
    System.setProperty("onestop.decisionWaitMs", "20000");
    try (Shutdown shutdown = new Shutdown()) {
      Cluster c = Cluster.external(stack.bootstrapServers(), stack.schemaRegistryUrl());
      Services.prepareTopics(c, 3);
      Path units = dir.resolve("units.csv");
      Files.writeString(
          units,
          "unit_id,name,parent_id,level,head_official_id,head_name,head_contact,"
              + "deputy_official_id,calendar_id,valid_from\n"
              + root
              + ",UBND quận Thử,,0,lk-head,Ngô Văn Trưởng,,,vn-civil-service,\n"
              + unitA
              + ",UBND phường A,"
              + root
              + ",1,lk-a-head,Đinh Văn A,,,vn-civil-service,\n"
              + unitB
              + ",UBND phường B,"
              + root
              + ",1,lk-b-head,Đinh Văn B,,,vn-civil-service,\n",
          StandardCharsets.UTF_8);
      UnitsCommand.write(c, UnitsCommand.read(units));
      Operations ops = shutdown.register(new Operations(c));
      SlaEngine engine =
          shutdown.register(
              Services.engine(
                  c, Files.createDirectories(dir.resolve("state")), PolicyBook.defaults()));
      ops.engine(engine, Duration.ofMillis(500));
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put(HOTLINE, "hotline");
      keys.put(OFFICER, "cb-a:officer@" + unitA);
      keys.put(OUTSIDER, "cb-b:officer@" + unitB);
      keys.put(HEAD, "ct-q:unit_head@" + root + "/*");
      IntakeOptions options =
          IntakeOptions.defaults(
                  c.bootstrapServers(), c.schemaRegistryUrl(), IntakeHttpConfig.defaults(keys))
              .withIdentityKey(IdentityKey.fromBytes(new byte[32]));
      IntakeService intake = shutdown.register(Services.intake(options, ops));
      intake.attachStatus(new EngineStatusLookup(engine.statusQuery()));
      String base = intake.baseUrl();

      // The unit directory reaches the intake, then the four submissions.
      JsonNode tc =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> submit(base, toCao(unitA)), r -> r.statusCode() == 202)
              .body()
              .transform(SecrecyLeakIT::json);
      JsonNode kn = json(submit(base, khieuNai(unitA)).body());
      JsonNode paPrivate = json(submit(base, phanAnh(unitA, PRIVATE_PA, false)).body());
      JsonNode paPublic = json(submit(base, phanAnh(unitA, PUBLIC_PA, true)).body());
      String tcId = tc.get("caseId").asText();
      String knId = kn.get("caseId").asText();
      for (String id :
          List.of(tcId, knId, paPrivate.get("caseId").asText(), paPublic.get("caseId").asText())) {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> send("GET", base + "/api/v1/cases/" + id, OFFICER, null).statusCode() == 200);
      }

      // Tracking code: public and privacy-safe.
      String code = tc.get("trackingCode").asText();
      HttpResponse<String> tracked = publicGet(base + "/api/v1/track/" + code);
      assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
      JsonNode t = json(tracked.body());
      assertThat(t.get("category").asText()).isEqualTo("TO_CAO");
      assertThat(t.get("state").asText()).isEqualTo("SUBMITTED");
      assertThat(t.get("legalStep").asText()).isEqualTo("TIEP_NHAN");
      assertThat(t.get("unitId").asText()).isEqualTo(unitA);
      assertThat(t.path("acceptanceDue").path("local").asText()).startsWith("hết ngày ");
      assertThat(t.path("acceptanceDue").path("endOfDay").asBoolean()).isTrue();
      assertThat(publicGet(base + "/api/v1/track/OS-0000000000").statusCode()).isEqualTo(404);
      HttpResponse<String> byCode = publicGet(base + "/open311/v2/requests/" + code + ".json");
      assertThat(byCode.statusCode()).as(byCode.body()).isEqualTo(200);
      assertThat(json(byCode.body()).get(0).get("service_request_id").asText()).isEqualTo(tcId);

      // Open311 reads: the public phản ánh shows its content, the others only status and unit.
      for (String fmt : List.of("json", "xml")) {
        publicGet(base + "/open311/v2/requests." + fmt);
        for (JsonNode r : List.of(tc, kn, paPrivate, paPublic)) {
          HttpResponse<String> one =
              publicGet(base + "/open311/v2/requests/" + r.get("caseId").asText() + "." + fmt);
          assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
          publicGet(base + "/open311/v2/requests/" + r.get("trackingCode").asText() + "." + fmt);
        }
      }
      HttpResponse<String> list = publicGet(base + "/open311/v2/requests.json");
      assertThat(list.body()).as("a public phản ánh stays public").contains(PUBLIC_PA);
      JsonNode tcItem =
          json(publicGet(base + "/open311/v2/requests/" + tcId + ".json").body()).get(0);
      assertThat(tcItem.get("description").isNull()).isTrue();
      assertThat(tcItem.get("lat").isNull()).isTrue();
      assertThat(tcItem.get("agency_responsible").asText()).isEqualTo(unitA);
      assertThat(tcItem.get("status").asText()).isEqualTo("open");

      // Reveal: no key 401, intake key 403, officer of another unit 403 — nothing written.
      String revealTc = base + "/api/v1/cases/" + tcId + "/identity/reveal";
      String why = "{\"reason\":\"Thông báo kết quả giải quyết cho người tố cáo\"}";
      assertThat(publicPost(revealTc, why).statusCode()).isEqualTo(401);
      HttpResponse<String> asIntake = send("POST", revealTc, HOTLINE, why);
      assertThat(asIntake.statusCode()).as(asIntake.body()).isEqualTo(403);
      publicBodies.add(asIntake.body());
      HttpResponse<String> outOfScope = send("POST", revealTc, OUTSIDER, why);
      assertThat(outOfScope.statusCode()).as(outOfScope.body()).isEqualTo(403);
      assertThat(json(outOfScope.body()).get("detail").asText()).contains(unitA);
      publicBodies.add(outOfScope.body());
      HttpResponse<String> noReason = send("POST", revealTc, OFFICER, "{}");
      assertThat(noReason.statusCode()).isEqualTo(400);
      assertThat(noReason.body()).contains("reason");
      assertThat(reveals(c, tcId)).as("nothing written by refused reveals").isEmpty();

      // In scope: the identity, after the IdentityRevealed event was acknowledged.
      HttpResponse<String> revealed = send("POST", revealTc, OFFICER, why);
      assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
      JsonNode id = json(revealed.body()).get("identity");
      assertThat(id.get("fullName").asText()).isEqualTo(NAME);
      assertThat(id.get("phone").asText()).isEqualTo(PHONE);
      assertThat(id.get("citizenId").asText()).isEqualTo(CITIZEN_ID);
      List<CaseEvent> tcReveals = reveals(c, tcId);
      assertThat(tcReveals).hasSize(1);
      CaseEvent rev = tcReveals.get(0);
      assertThat(rev.getActor().getOfficialId()).isEqualTo("cb-a");
      assertThat(rev.getActor().getRole().name()).isEqualTo("CASE_OFFICER");
      assertThat(((IdentityRevealed) rev.getPayload()).getReason())
          .isEqualTo("Thông báo kết quả giải quyết cho người tố cáo");
      assertThat(rev.getEventId()).isEqualTo(json(revealed.body()).get("revealEventId").asText());
      // The same through the command line: out of scope exit 1, in scope the identity.
      CommandRun denied =
          CommandRun.of(
              new String[] {
                "cases",
                "reveal",
                tcId,
                "--reason",
                "kiểm tra",
                "--intake",
                base,
                "--api-key",
                OUTSIDER
              });
      assertThat(denied.status()).as(denied.err()).isEqualTo(1);
      assertThat(denied.err()).contains("HTTP 403").contains(unitA);
      assertThat(denied.out()).doesNotContain(NAME);
      CommandRun cli =
          CommandRun.of(
              new String[] {
                "cases",
                "reveal",
                tcId,
                "--reason",
                "Gửi thông báo thụ lý cho người tố cáo",
                "--intake",
                base,
                "--api-key",
                OFFICER
              });
      assertThat(cli.status()).as(cli.err()).isEqualTo(0);
      assertThat(cli.out()).contains(NAME, PHONE, CITIZEN_ID).contains("IdentityRevealed");
      assertThat(reveals(c, tcId))
          .extracting(e -> ((IdentityRevealed) e.getPayload()).getReason())
          .containsExactly(
              "Thông báo kết quả giải quyết cho người tố cáo",
              "Gửi thông báo thụ lý cho người tố cáo");
      HttpResponse<String> headReveal =
          send(
              "POST",
              base + "/api/v1/cases/" + knId + "/identity/reveal",
              HEAD,
              "{\"reason\":\"Mời người khiếu nại đối thoại\"}");
      assertThat(headReveal.statusCode()).as("the district head's subtree").isEqualTo(200);
      assertThat(json(headReveal.body()).at("/identity/fullName").asText()).isEqualTo(NAME);

      // The engine ignores the reveal: the case is still at receipt, nothing rejected for it.
      JsonNode tcStatus = json(send("GET", base + "/api/v1/cases/" + tcId, OFFICER, null).body());
      assertThat(tcStatus.get("state").asText()).isEqualTo("SUBMITTED");
      assertThat(tcStatus.get("lastRefusal").isNull()).isTrue();

      // A refused action: 409 with the engine's reason; the status keeps it. (Khiếu nại decisions
      // are the head's to sign.)
      String knActions = base + "/api/v1/cases/" + knId + "/actions";
      HttpResponse<String> early =
          send("POST", knActions, HEAD, "{\"action\":\"resolve\",\"outcome\":\"DISMISSED\"}");
      assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
      assertThat(json(early.body()).get("detail").asText())
          .contains("must be accepted (thụ lý) before it is resolved");
      HttpResponse<String> assigned =
          send("POST", knActions, HEAD, "{\"action\":\"assign\",\"officerId\":\"cb-a\"}");
      assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
      HttpResponse<String> accepted =
          send(
              "POST", knActions, HEAD, "{\"action\":\"accept\",\"decisionNumber\":\"12/TB-UBND\"}");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
      assertThat(json(accepted.body()).get("state").asText()).isEqualTo("ASSIGNED");
      JsonNode knStatus = json(send("GET", base + "/api/v1/cases/" + knId, OFFICER, null).body());
      assertThat(knStatus.get("accepted").asBoolean()).isTrue();
      assertThat(knStatus.get("legalStep").asText()).isEqualTo("THU_LY");
      assertThat(knStatus.get("trackingCode").asText()).isEqualTo(kn.get("trackingCode").asText());
      assertThat(knStatus.get("complaintLevel").asInt()).isEqualTo(1);
      assertThat(knStatus.get("policyId").asText()).isNotBlank();
      assertThat(knStatus.get("legalBasis").asText()).contains("Khiếu nại");
      assertThat(knStatus.at("/resolutionDue/local").asText()).startsWith("hết ngày ");
      assertThat(knStatus.at("/acceptanceDue/utc").asText()).isNotBlank();
      assertThat(knStatus.at("/lastRefusal/action").asText()).isEqualTo("Resolved");
      assertThat(knStatus.at("/lastRefusal/reason").asText()).contains("thụ lý");

      // Work list: the officer of unit A sees A's four cases, by due date, one page at a time;
      // the officer of unit B sees none of them.
      List<String> seen = new ArrayList<>();
      String next = "/api/v1/cases?size=3&unit=" + unitA;
      JsonNode page = null;
      while (next != null) {
        page = json(send("GET", base + next, OFFICER, null).body());
        page.get("items").forEach(i -> seen.add(i.get("caseId").asText()));
        next = page.get("next").isNull() ? null : page.get("next").asText();
      }
      assertThat(page.get("total").asInt()).isEqualTo(4);
      assertThat(seen)
          .containsExactlyInAnyOrder(
              tcId, knId, paPrivate.get("caseId").asText(), paPublic.get("caseId").asText());
      List<Instant> dues = new ArrayList<>();
      for (String caseId : seen) {
        JsonNode s = json(send("GET", base + "/api/v1/cases/" + caseId, OFFICER, null).body());
        dues.add(Instant.parse(s.get("dueAt").asText()));
      }
      assertThat(dues).isSorted();
      JsonNode theirs = json(send("GET", base + "/api/v1/cases?size=200", OUTSIDER, null).body());
      List<String> theirIds = new ArrayList<>();
      theirs.get("items").forEach(i -> theirIds.add(i.get("caseId").asText()));
      assertThat(theirIds).doesNotContain(tcId, knId);
      assertThat(send("GET", base + "/api/v1/cases?unit=" + unitA, OUTSIDER, null).statusCode())
          .isEqualTo(403);
      assertThat(send("GET", base + "/api/v1/cases?state=NOPE", OFFICER, null).statusCode())
          .isEqualTo(400);
      JsonNode accepted1 =
          json(send("GET", base + "/api/v1/cases?state=ASSIGNED&unit=" + unitA, HEAD, null).body());
      assertThat(accepted1.get("total").asInt()).isEqualTo(1);
      assertThat(accepted1.at("/items/0/caseId").asText()).isEqualTo(knId);

      // Everything that is not the reveal holds none of the secrets.
      List<String> secrets =
          List.of(
              NAME, PHONE, CITIZEN_ID, EMAIL, HOME, SENTENCE_TC, SENTENCE_KN, PLACE, PRIVATE_PA);
      List<String> identity = List.of(NAME, PHONE, CITIZEN_ID, EMAIL, HOME);
      for (String body : publicBodies) {
        assertNoSecret("public response", body, secrets);
      }
      PipelineSource source = PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl());
      assertNoSecret("case-alerts", rawTopic(c, Topics.CASE_ALERTS.name()), secrets);
      assertNoSecret("unit-kpis", rawTopic(c, Topics.UNIT_KPIS.name()), secrets);
      assertNoSecret(
          "case-events-rejected", rawTopic(c, Topics.CASE_EVENTS_REJECTED.name()), identity);
      assertNoSecret(
          "case-events identity fields", rawTopic(c, Topics.CASE_EVENTS.name()), identity);
      for (CaseEvent e : events(c, tcId, knId)) {
        if (e.getPayload() instanceof Submitted s) {
          assertThat(s.getComplainant()).as("plain identity in case-events").isNull();
          assertThat(s.getEncryptedIdentity()).as("encrypted identity").isNotNull();
          assertThat(s.getEncryptedIdentity().getCiphertext().remaining()).isPositive();
        }
      }
      StringWriter export = new StringWriter();
      AuditExport.write(
          source,
          Instant.now().minus(Duration.ofDays(1)),
          Instant.now().plus(Duration.ofDays(1)),
          ExportFormat.JSONL,
          false,
          export);
      assertThat(export.toString()).contains(tcId, knId);
      assertNoSecret("audit export without the flag", export.toString(), secrets);
      ByteArrayOutputStream history = new ByteArrayOutputStream();
      CaseHistory.load(source, tcId).print(new PrintStream(history, true, StandardCharsets.UTF_8));
      String historyText = history.toString(StandardCharsets.UTF_8);
      assertThat(historyText).contains("IdentityRevealed").contains("cb-a");
      assertNoSecret("audit history", historyText, secrets);
      StringWriter kpis = new StringWriter();
      KpiReport report = KpiReport.load(source, YearMonth.now(VN));
      report.writeCsv(kpis);
      report.writeHtml(kpis);
      assertNoSecret("KPI report", kpis.toString(), secrets);
      String metrics = send("GET", base + "/metrics", null, null).body();
      assertThat(metrics).contains("onestop_intake_requests_seconds_count");
      assertNoSecret("/metrics", metrics, secrets);
    } finally {
      System.clearProperty("onestop.decisionWaitMs");
      detach(log);
    }
    StringBuilder lines = new StringBuilder();
    for (ILoggingEvent e : log.list) {
      lines.append(e.getFormattedMessage()).append('\n');
      if (e.getThrowableProxy() != null) {
        lines.append(ThrowableProxyUtil.asString(e.getThrowableProxy())).append('\n');
      }
    }
    assertThat(log.list).as("the run logged").isNotEmpty();
    assertNoSecret(
        "log of the run",
        lines.toString(),
        List.of(NAME, PHONE, CITIZEN_ID, EMAIL, HOME, SENTENCE_TC, SENTENCE_KN, PLACE, PRIVATE_PA));
  }

  private static void assertNoSecret(String where, String text, List<String> secrets) {
    for (String s : secrets) {
      assertThat(text).as(where + " must not contain '" + s + "'").doesNotContain(s);
    }
  }

  private static String toCao(String unit) {
    return "{\"category\":\"TO_CAO\",\"unitId\":\""
        + unit
        + "\",\"description\":\""
        + SENTENCE_TC
        + "\",\"location\":{\"address\":\""
        + PLACE
        + "\",\"latitude\":21.03456,\"longitude\":105.85213},"
        + identity()
        + "}";
  }

  private static String khieuNai(String unit) {
    return "{\"category\":\"KHIEU_NAI\",\"complaintLevel\":1,\"unitId\":\""
        + unit
        + "\",\"description\":\""
        + SENTENCE_KN
        + "\",\"location\":{\"address\":\""
        + PLACE
        + "\"},"
        + identity()
        + "}";
  }

  private static String phanAnh(String unit, String text, boolean isPublic) {
    return "{\"category\":\"PHAN_ANH\",\"unitId\":\""
        + unit
        + "\",\"description\":\""
        + text
        + "\",\"publicContent\":"
        + isPublic
        + (isPublic ? "" : "," + identity())
        + "}";
  }

  private static String identity() {
    return "\"complainant\":{\"fullName\":\""
        + NAME
        + "\",\"phone\":\""
        + PHONE
        + "\",\"email\":\""
        + EMAIL
        + "\",\"citizenId\":\""
        + CITIZEN_ID
        + "\",\"address\":\""
        + HOME
        + "\"}";
  }

  private HttpResponse<String> submit(String base, String body) throws Exception {
    return send("POST", base + "/api/v1/cases", HOTLINE, body);
  }

  private HttpResponse<String> publicGet(String url) throws Exception {
    HttpResponse<String> r = send("GET", url, null, null);
    publicBodies.add(r.body());
    return r;
  }

  private HttpResponse<String> publicPost(String url, String body) throws Exception {
    HttpResponse<String> r = send("POST", url, null, body);
    publicBodies.add(r.body());
    return r;
  }

  private HttpResponse<String> send(String method, String url, String key, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static String rawTopic(Cluster c, String topic) {
    StringBuilder sb = new StringBuilder();
    TopicScan.scan(
        c.bootstrapServers(),
        topic,
        new ByteArrayDeserializer(),
        r -> {
          if (r.value() != null) {
            sb.append(new String(r.value(), StandardCharsets.UTF_8)).append('\n');
          }
        });
    return sb.toString();
  }

  private static List<CaseEvent> events(Cluster c, String... caseIds) {
    List<String> ids = List.of(caseIds);
    List<CaseEvent> out = new ArrayList<>();
    SchemaRegistryClient registry = new SchemaRegistryClient(c.schemaRegistryUrl());
    TopicScan.scan(
        c.bootstrapServers(),
        Topics.CASE_EVENTS.name(),
        Topics.CASE_EVENTS.valueSerde(registry, false).deserializer(),
        r -> {
          if (r.value() != null && ids.contains(r.value().getCaseId())) {
            out.add(r.value());
          }
        });
    return out;
  }

  private static List<CaseEvent> reveals(Cluster c, String caseId) {
    return events(c, caseId).stream()
        .filter(e -> e.getPayload() instanceof IdentityRevealed)
        .toList();
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext(ctx);
    appender.start();
    ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    Logger onestop = ctx.getLogger("vn.onestop");
    onestop.setLevel(Level.DEBUG);
    return appender;
  }

  private static void detach(ListAppender<ILoggingEvent> appender) {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    ctx.getLogger("vn.onestop").setLevel(Level.INFO);
    appender.stop();
  }
}
