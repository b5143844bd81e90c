package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.JwtSettings;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.intake.IntakeOptions;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.IntakeHttpConfig;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;

/**
 * Every role × every endpoint and action × a case in / out of the principal's scope, on the real
 * broker and registry: the expected 2xx/401/403, nothing written on a refusal, and the written
 * event's actor is the principal. Cases live in units {@code az-a} and {@code az-b}; officers and
 * heads of each unit, a supervisor of {@code az-a}, an auditor of every unit, an admin, the portal
 * (INTAKE), and a JWT officer of {@code az-a} signed by a key pair generated here.
 *
 * <p>Actions: all eleven the JSON API accepts ({@code ActionValidator.actions()}, a row each at
 * least, and a head-only row of a tố cáo or khiếu nại where the signing table differs by category);
 * reads: the officer's status view, the work list, the controlled reveal and the public tracking
 * lookup. One case per caller and row; the case-events log is read once per row. There is no SLA
 * engine in this process: the case status comes from a lookup that answers from what the test
 * submitted (unit, category), so the reads get past access to a 200; nothing here exercises the
 * engine's decisions.
 *
 * <p>A 403 carries {@code errors} in the shape of a 400's: {@code role} for a role failure (plus
 * {@code article} when the signing table required it), {@code unit} for a case out of scope.
 */
@WithKafkaStack
class AuthorizationMatrixIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ISS = "https://idp.test/onestop";
  static final String AUD = "onestop-intake";

  /** Key → principal spec; the value's id is what the actor must say. */
  static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("k-portal", "portal:intake");
    KEYS.put("k-off-a", "cb-a:officer@az-a");
    KEYS.put("k-head-a", "head-a:unit_head@az-a");
    KEYS.put("k-off-b", "cb-b:officer@az-b");
    KEYS.put("k-head-b", "head-b:unit_head@az-b");
    KEYS.put("k-sup-a", "sup-a:supervisor@az-a");
    KEYS.put("k-aud", "aud:auditor@*");
    KEYS.put("k-admin", "ops:admin");
  }

  /** Case id → {category, unit} of what the test submitted: the stand-in engine's status. */
  static final Map<String, String[]> SUBMITTED = new java.util.concurrent.ConcurrentHashMap<>();

  static IntakeService service;
  static Http http;
  static CaseEventsLog log;
  static RSAKey idp;
  @TempDir static Path dir;

  @BeforeAll
  static void start(KafkaStack stack) throws Exception {
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
    idp = new RSAKeyGenerator(2048).generate();
    Path pem = dir.resolve("idp.pem");
    Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(idp.toRSAPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    service =
        IntakeService.start(
            IntakeOptions.defaults(
                    stack.bootstrapServers(),
                    stack.schemaRegistryUrl(),
                    IntakeHttpConfig.defaults(KEYS)
                        .withPrincipals(
                            ApiKeyPrincipals.none(), JwtSettings.of(ISS, AUD, null, pem)))
                .withIdentityKey(IdentityKey.fromBytes(raw)));
    Instant due = Instant.now().plus(Duration.ofDays(10));
    service.attachStatus(
        caseId ->
            java.util.Optional.ofNullable(SUBMITTED.get(caseId))
                .map(
                    c ->
                        new vn.onestop.intake.status.CaseStatusView(
                            caseId,
                            "SUBMITTED",
                            c[0],
                            c[1],
                            "ACCEPTANCE",
                            due,
                            due,
                            null,
                            0,
                            false)));
    http = new Http(service.baseUrl());
    log = new CaseEventsLog(stack.bootstrapServers(), stack.schemaRegistryUrl());
    await().atMost(Duration.ofSeconds(60)).until(service::readModelCaughtUp);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  static String[] auth(String key) {
    return key == null ? new String[0] : new String[] {"X-API-Key", key};
  }

  static String caseBody(String category, String unit) {
    return switch (category) {
      case "KHIEU_NAI" ->
          "{\"category\":\"KHIEU_NAI\",\"complaintLevel\":1,\"unitId\":\""
              + unit
              + "\",\"description\":\"Khiếu nại quyết định xử phạt\",\"complainant\":"
              + "{\"fullName\":\"Lê Văn C\",\"address\":\"Phường 1\"}}";
      case "TO_CAO" ->
          "{\"category\":\"TO_CAO\",\"unitId\":\""
              + unit
              + "\",\"subjectOfficialId\":\"cb-x\",\"description\":\"Tố cáo cán bộ\","
              + "\"complainant\":{\"fullName\":\"Đỗ Thị Mai\",\"address\":\"Quận 1\","
              + "\"phone\":\"0901234567\"}}";
      default ->
          "{\"category\":\"PHAN_ANH\",\"unitId\":\"" + unit + "\",\"description\":\"Đường hỏng\"}";
    };
  }

  static String submitAs(String key, String category, String unit) throws Exception {
    HttpResponse<String> r = http.postJson("/api/v1/cases", caseBody(category, unit), auth(key));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String caseId = JSON.readTree(r.body()).get("caseId").asText();
    SUBMITTED.put(caseId, new String[] {category, unit});
    return caseId;
  }

  static void expectProblem(HttpResponse<String> r, int status, String what) throws Exception {
    assertThat(r.statusCode()).as(what + " -> " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .as(what)
        .startsWith("application/problem+json");
    if (status == 401) {
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(what).isPresent();
    }
    for (String key : KEYS.keySet()) {
      assertThat(r.body()).as(what + ": no key in the answer").doesNotContain(key);
    }
    if (status == 403) {
      JsonNode errors = JSON.readTree(r.body()).get("errors");
      assertThat(errors).as(what + ": a 403 lists what was missing").isNotNull();
      assertThat(errors.findValuesAsText("field"))
          .as(what)
          .isNotEmpty()
          .isSubsetOf("role", "article", "unit", "scope", "action");
    }
  }

  /** The {@code errors[].field}s of a problem answer. */
  static List<String> fields(HttpResponse<String> r) throws Exception {
    JsonNode errors = JSON.readTree(r.body()).get("errors");
    return errors == null ? List.of() : errors.findValuesAsText("field");
  }

  @Test
  void submitting() throws Exception {
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put(null, 401);
    expected.put("not-a-key", 401);
    expected.put("k-portal", 202);
    expected.put("k-off-a", 202);
    expected.put("k-head-a", 202);
    expected.put("k-sup-a", 403);
    expected.put("k-aud", 403);
    expected.put("k-admin", 403);
    for (var e : expected.entrySet()) {
      HttpResponse<String> r =
          http.postJson("/api/v1/cases", caseBody("PHAN_ANH", "az-a"), auth(e.getKey()));
      if (e.getValue() == 202) {
        assertThat(r.statusCode()).as(e.getKey() + " " + r.body()).isEqualTo(202);
        CaseEvent ev = log.ofCase(JSON.readTree(r.body()).get("caseId").asText()).get(0);
        assertThat(ev.getActor().getOfficialId()).isEqualTo(id(e.getKey()));
      } else {
        expectProblem(r, e.getValue(), "submit as " + e.getKey());
      }
    }
    HttpResponse<String> forbidden =
        http.postJson("/api/v1/cases", caseBody("PHAN_ANH", "az-a"), auth("k-sup-a"));
    assertThat(JSON.readTree(forbidden.body()).get("detail").asText())
        .contains("role INTAKE or OFFICER or UNIT_HEAD is required to submit a case");
    HttpResponse<String> portal =
        http.postJson("/api/v1/cases", caseBody("PHAN_ANH", "az-a"), auth("k-portal"));
    CaseEvent submitted = log.ofCase(JSON.readTree(portal.body()).get("caseId").asText()).get(0);
    assertThat(submitted.getActor().getRole()).isEqualTo(ActorRole.INTAKE_OPERATOR);
  }

  /** Who may act: officers and heads of the case's unit (az-a), by the signing table. */
  static final List<String> OFFICER_OR_HEAD = List.of("k-off-a", "k-head-a");

  static final List<String> HEAD = List.of("k-head-a");

  /** Rows: category, action body, who may (in scope), from signing-rules.csv. */
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> actionRows() {
    return java.util.stream.Stream.of(
        row("KHIEU_NAI", "{\"action\":\"accept\",\"decisionNumber\":\"1/QĐ\"}", HEAD),
        row("PHAN_ANH", "{\"action\":\"accept\"}", OFFICER_OR_HEAD),
        row("PHAN_ANH", "{\"action\":\"reject\",\"reason\":\"trùng đơn\"}", HEAD),
        row("PHAN_ANH", "{\"action\":\"assign\",\"officerId\":\"cb-a\"}", OFFICER_OR_HEAD),
        row("TO_CAO", "{\"action\":\"assign\",\"officerId\":\"cb-a\"}", HEAD),
        row(
            "PHAN_ANH",
            "{\"action\":\"transfer\",\"toUnitId\":\"az-b\",\"reason\":\"sai thẩm quyền\"}",
            OFFICER_OR_HEAD),
        row("KHIEU_NAI", "{\"action\":\"transfer\",\"toUnitId\":\"az-b\"}", HEAD),
        row(
            "TO_CAO",
            "{\"action\":\"suspend\",\"reason\":\"chờ giám định\",\"decisionNumber\":\"7/QĐ\"}",
            HEAD),
        row("TO_CAO", "{\"action\":\"resume\",\"decisionNumber\":\"8/QĐ\"}", HEAD),
        row("PHAN_ANH", "{\"action\":\"resume\"}", OFFICER_OR_HEAD),
        row("TO_CAO", "{\"action\":\"extend\",\"decisionNumber\":\"5/QĐ\",\"days\":30}", HEAD),
        row("PHAN_ANH", "{\"action\":\"resolve\",\"outcome\":\"FIXED\"}", OFFICER_OR_HEAD),
        row("KHIEU_NAI", "{\"action\":\"resolve\",\"outcome\":\"DISMISSED\"}", HEAD),
        row("PHAN_ANH", "{\"action\":\"reopen\",\"reason\":\"chưa khắc phục\"}", OFFICER_OR_HEAD),
        row("TO_CAO", "{\"action\":\"reopen\",\"reason\":\"tố cáo tiếp\"}", HEAD),
        row("KHIEU_NAI", "{\"action\":\"withdraw\",\"reason\":\"đã rút đơn\"}", OFFICER_OR_HEAD),
        row("PHAN_ANH", "{\"action\":\"rate\",\"score\":4}", OFFICER_OR_HEAD));
  }

  static org.junit.jupiter.params.provider.Arguments row(
      String category, String body, List<String> allowed) {
    try {
      String action = JSON.readTree(body).get("action").asText();
      return org.junit.jupiter.params.provider.Arguments.of(category, action, body, allowed);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theRowsCoverEveryActionOfTheApi() {
    assertThat(actionRows().map(a -> (String) a.get()[1]).distinct())
        .containsExactlyInAnyOrderElementsOf(vn.onestop.intake.core.ActionValidator.actions());
  }

  /**
   * Every caller on one action, each on a fresh case of az-a: whoever may not gets 401/403 and
   * nothing is written; whoever may gets 202 and the event's actor is that principal.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{1} {0} by {3}")
  @org.junit.jupiter.params.provider.MethodSource("actionRows")
  void everyCallerOnEveryAction(String category, String action, String body, List<String> allowed)
      throws Exception {
    List<String> callers = new ArrayList<>();
    callers.add(null);
    callers.add("not-a-key");
    callers.addAll(KEYS.keySet());
    Map<String, String> caseOf = new LinkedHashMap<>();
    for (String caller : callers) {
      String caseId = submitAs("k-portal", category, "az-a");
      caseOf.put(String.valueOf(caller), caseId);
      HttpResponse<String> r =
          http.postJson("/api/v1/cases/" + caseId + "/actions", body, auth(caller));
      String what = caller + " " + action + " " + category;
      if (caller != null && allowed.contains(caller)) {
        assertThat(r.statusCode()).as(what + " " + r.body()).isEqualTo(202);
        continue;
      }
      boolean unauthenticated = caller == null || caller.equals("not-a-key");
      expectProblem(r, unauthenticated ? 401 : 403, what);
      if (unauthenticated) {
        continue;
      }
      // the same role on its own unit's case (in scope) decides between a role and a scope
      // failure: the 403 names the one that failed
      String detail = JSON.readTree(r.body()).get("detail").asText();
      if (caller.endsWith("-b")) {
        assertThat(detail).as(what).contains("unit az-a is outside the scope");
        assertThat(fields(r)).as(what).containsExactly("unit");
      } else if (caller.equals("k-off-a")) {
        // an officer in scope, refused by the signing table: the role and its article
        assertThat(fields(r)).as(what).containsExactly("role", "article");
        assertThat(detail).as(what).contains("role UNIT_HEAD is required to '" + action + "'");
      } else {
        assertThat(fields(r)).as(what).containsExactly("role");
      }
    }
    // One read of case-events for the row: Submitted only on a refusal, Submitted + the action
    // by the principal otherwise.
    Map<String, List<CaseEvent>> events = new java.util.HashMap<>();
    for (var rec : log.all()) {
      events.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(rec.value());
    }
    for (var e : caseOf.entrySet()) {
      String caller = e.getKey();
      List<CaseEvent> ofCase = events.getOrDefault(e.getValue(), List.of());
      String what = caller + " " + action + " " + category;
      if (allowed.contains(caller)) {
        assertThat(ofCase).as(what).hasSize(2);
        CaseEvent ev = ofCase.get(1);
        assertThat(ev.getActor().getOfficialId()).as(what).isEqualTo(id(caller));
        assertThat(ev.getActor().getRole())
            .as(what)
            .isEqualTo(caller.contains("head") ? ActorRole.UNIT_HEAD : ActorRole.CASE_OFFICER);
        assertThat(ev.getActor().getUnitId()).as(what).isEqualTo("az-a");
      } else {
        assertThat(ofCase).as(what + ": nothing written").hasSize(1);
      }
    }
  }

  @Test
  void anOfficerRefusedByTheSigningTableIsToldTheRoleAndTheArticle() throws Exception {
    String caseId = submitAs("k-portal", "KHIEU_NAI", "az-a");
    HttpResponse<String> officer =
        http.postJson(
            "/api/v1/cases/" + caseId + "/actions", "{\"action\":\"accept\"}", auth("k-off-a"));
    assertThat(JSON.readTree(officer.body()).get("detail").asText())
        .contains("role UNIT_HEAD is required to 'accept' a case of category KHIEU_NAI")
        .contains("Luật Khiếu nại 2011");
    JsonNode errors = JSON.readTree(officer.body()).get("errors");
    assertThat(errors.get(0).get("field").asText()).isEqualTo("role");
    assertThat(errors.get(0).get("message").asText()).startsWith("UNIT_HEAD required");
    assertThat(errors.get(1).get("field").asText()).isEqualTo("article");
    assertThat(errors.get(1).get("message").asText()).contains("Luật Khiếu nại 2011, Điều 27");
  }

  @Test
  void readingACase() throws Exception {
    String caseId = submitAs("k-portal", "PHAN_ANH", "az-a");
    for (String k : List.of("k-portal", "k-off-a", "k-head-a", "k-sup-a", "k-aud")) {
      HttpResponse<String> r = http.get("/api/v1/cases/" + caseId, auth(k));
      assertThat(r.statusCode()).as(k + " " + r.body()).isEqualTo(200);
      assertThat(json(r).get("caseId").asText()).isEqualTo(caseId);
    }
    for (String k : List.of("k-off-b", "k-head-b")) {
      HttpResponse<String> r = http.get("/api/v1/cases/" + caseId, auth(k));
      expectProblem(r, 403, "read as " + k);
      assertThat(fields(r)).containsExactly("unit");
    }
    HttpResponse<String> admin = http.get("/api/v1/cases/" + caseId, auth("k-admin"));
    expectProblem(admin, 403, "read as admin");
    assertThat(fields(admin)).containsExactly("role");
    expectProblem(http.get("/api/v1/cases/" + caseId), 401, "read without credential");
    expectProblem(
        http.get("/api/v1/cases/" + caseId, auth("not-a-key")), 401, "read with a bad key");
    String officersCase = submitAs("k-off-a", "PHAN_ANH", "az-a");
    expectProblem(
        http.get("/api/v1/cases/" + officersCase, auth("k-portal")),
        403,
        "the portal reads only its own submissions");
  }

  @Test
  void theWorkListIsTheReadersInScope() throws Exception {
    String inA = submitAs("k-portal", "PHAN_ANH", "az-a");
    String inB = submitAs("k-portal", "PHAN_ANH", "az-b");
    for (String k : List.of("k-off-a", "k-head-a", "k-sup-a", "k-aud")) {
      HttpResponse<String> r = http.get("/api/v1/cases?unit=az-a&size=200", auth(k));
      assertThat(r.statusCode()).as(k + " " + r.body()).isEqualTo(200);
      assertThat(json(r).get("items").findValuesAsText("caseId")).as(k).contains(inA);
    }
    // without a unit filter, each sees its scope only
    for (String k : List.of("k-off-b", "k-head-b")) {
      HttpResponse<String> mine = http.get("/api/v1/cases?size=200", auth(k));
      assertThat(mine.statusCode()).as(k + " " + mine.body()).isEqualTo(200);
      assertThat(json(mine).get("items").findValuesAsText("caseId"))
          .as(k)
          .contains(inB)
          .doesNotContain(inA);
      HttpResponse<String> other = http.get("/api/v1/cases?unit=az-a", auth(k));
      expectProblem(other, 403, "work list of az-a as " + k);
      assertThat(fields(other)).containsExactly("unit");
    }
    for (String k : List.of("k-portal", "k-admin")) {
      HttpResponse<String> r = http.get("/api/v1/cases?unit=az-a", auth(k));
      expectProblem(r, 403, "work list as " + k);
      assertThat(fields(r)).containsExactly("role");
    }
    expectProblem(http.get("/api/v1/cases?unit=az-a"), 401, "work list without credential");
  }

  @Test
  void theRevealIsTheOfficersAndHeadsInScopeAndRecordsThePrincipal() throws Exception {
    String reason = "{\"reason\":\"thông báo kết quả cho người khiếu nại\"}";
    Map<String, String> caseOf = new LinkedHashMap<>();
    List<String> callers = new ArrayList<>();
    callers.add(null);
    callers.add("not-a-key");
    callers.addAll(KEYS.keySet());
    for (String caller : callers) {
      String caseId = submitAs("k-portal", "KHIEU_NAI", "az-a");
      caseOf.put(String.valueOf(caller), caseId);
      HttpResponse<String> r =
          http.postJson("/api/v1/cases/" + caseId + "/identity/reveal", reason, auth(caller));
      String what = "reveal as " + caller;
      if (caller != null && OFFICER_OR_HEAD.contains(caller)) {
        assertThat(r.statusCode()).as(what + " " + r.body()).isEqualTo(200);
        assertThat(r.body()).as(what).contains("Lê Văn C");
      } else if (caller == null || caller.equals("not-a-key")) {
        expectProblem(r, 401, what);
      } else {
        expectProblem(r, 403, what);
        assertThat(r.body()).as(what).doesNotContain("Lê Văn C");
        assertThat(fields(r)).as(what).containsExactly(caller.endsWith("-b") ? "unit" : "role");
      }
    }
    Map<String, List<CaseEvent>> events = new java.util.HashMap<>();
    for (var rec : log.all()) {
      events.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(rec.value());
    }
    for (var e : caseOf.entrySet()) {
      List<CaseEvent> ofCase = events.getOrDefault(e.getValue(), List.of());
      if (OFFICER_OR_HEAD.contains(e.getKey())) {
        assertThat(ofCase).as(e.getKey()).hasSize(2);
        CaseEvent revealed = ofCase.get(1);
        assertThat(revealed.getPayload()).isInstanceOf(vn.onestop.schema.IdentityRevealed.class);
        assertThat(revealed.getActor().getOfficialId()).isEqualTo(id(e.getKey()));
        assertThat(revealed.getActor().getUnitId()).isEqualTo("az-a");
      } else {
        assertThat(ofCase).as(e.getKey() + ": nothing written").hasSize(1);
      }
    }
  }

  @Test
  void theTrackingLookupIsPublicAndNeedsNoCredential() throws Exception {
    HttpResponse<String> submitted =
        http.postJson("/api/v1/cases", caseBody("TO_CAO", "az-a"), auth("k-portal"));
    JsonNode receipt = json(submitted);
    SUBMITTED.put(receipt.get("caseId").asText(), new String[] {"TO_CAO", "az-a"});
    String code = receipt.get("trackingCode").asText();
    for (String k : java.util.Arrays.asList(null, "k-sup-a", "k-admin")) {
      HttpResponse<String> r = http.get("/api/v1/track/" + code, auth(k));
      assertThat(r.statusCode()).as(k + " " + r.body()).isEqualTo(200);
      assertThat(r.body()).doesNotContain("Đỗ Thị Mai").doesNotContain("0901234567");
    }
  }

  @Test
  void theDirectoryIsTheAdmins() throws Exception {
    for (String k : KEYS.keySet()) {
      HttpResponse<String> r = http.get("/api/v1/units", auth(k));
      if (k.equals("k-admin")) {
        assertThat(r.statusCode()).as(r.body()).isNotIn(401, 403);
      } else {
        expectProblem(r, 403, "units as " + k);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("role ADMIN");
      }
    }
    expectProblem(http.get("/api/v1/units"), 401, "units without credential");
  }

  @Test
  void open311PostNeedsAnIntakeRole() throws Exception {
    String form = "service_code=pa-ha-tang&address_string=x&description=%C4%90%C6%B0%E1%BB%9Dng";
    HttpResponse<String> none =
        http.post(
            "/open311/v2/requests.json",
            "application/x-www-form-urlencoded",
            form.getBytes(StandardCharsets.UTF_8));
    assertThat(none.statusCode()).isEqualTo(401);
    HttpResponse<String> sup =
        http.post(
            "/open311/v2/requests.json",
            "application/x-www-form-urlencoded",
            (form + "&api_key=k-sup-a").getBytes(StandardCharsets.UTF_8));
    assertThat(sup.statusCode()).as(sup.body()).isEqualTo(403);
    HttpResponse<String> bad =
        http.post(
            "/open311/v2/requests.json",
            "application/x-www-form-urlencoded",
            "service_code=%zz&api_key=k-portal".getBytes(StandardCharsets.UTF_8));
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).doesNotContain("Exception").doesNotContain("at vn.");
  }

  @Test
  void theBodyCannotNameAnotherActor() throws Exception {
    String caseId = submitAs("k-portal", "PHAN_ANH", "az-a");
    int before = log.ofCase(caseId).size();
    HttpResponse<String> r =
        http.postJson(
            "/api/v1/cases/" + caseId + "/actions",
            "{\"action\":\"resolve\",\"outcome\":\"FIXED\",\"officialId\":\"someone-else\","
                + "\"role\":\"UNIT_HEAD\"}",
            auth("k-off-a"));
    expectProblem(r, 400, "contradicting actor");
    assertThat(JSON.readTree(r.body()).get("errors").findValuesAsText("field"))
        .contains("officialId", "role");
    assertThat(log.ofCase(caseId)).hasSize(before);
  }

  @Test
  void jwtBearerTokens() throws Exception {
    String caseId = submitAs("k-portal", "PHAN_ANH", "az-a");
    String path = "/api/v1/cases/" + caseId + "/actions";
    String body = "{\"action\":\"assign\",\"officerId\":\"cb-jwt\"}";
    HttpResponse<String> ok =
        http.postJson(path, body, "Authorization", "Bearer " + token(0, ISS, AUD, idp));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
    List<CaseEvent> events = log.ofCase(caseId);
    assertThat(events.get(events.size() - 1).getActor().getOfficialId()).isEqualTo("cb-jwt");
    RSAKey stranger = new RSAKeyGenerator(2048).generate();
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("expired", token(-3600, ISS, AUD, idp));
    refused.put("wrong issuer", token(0, "https://evil.test", AUD, idp));
    refused.put("wrong audience", token(0, ISS, "another-app", idp));
    refused.put("bad signature", token(0, ISS, AUD, stranger));
    refused.put("alg none", new PlainJWT(claims(0, ISS, AUD)).serialize());
    for (var e : refused.entrySet()) {
      HttpResponse<String> r = http.postJson(path, body, "Authorization", "Bearer " + e.getValue());
      expectProblem(r, 401, e.getKey());
      assertThat(r.body()).doesNotContain(e.getValue());
    }
    assertThat(log.ofCase(caseId)).hasSize(events.size());
  }

  static JWTClaimsSet claims(long expShiftSeconds, String iss, String aud) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(iss)
        .audience(aud)
        .subject("cb-jwt")
        .expirationTime(Date.from(now.plusSeconds(300 + expShiftSeconds)))
        .claim("roles", List.of("OFFICER"))
        .claim("unit", "az-a")
        .build();
  }

  static String token(long expShiftSeconds, String iss, String aud, RSAKey key) throws Exception {
    SignedJWT t =
        new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims(expShiftSeconds, iss, aud));
    t.sign(new RSASSASigner(key));
    return t.serialize();
  }

  static String id(String key) {
    String spec = KEYS.get(key);
    return spec.substring(0, spec.indexOf(':'));
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
