package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.schema.Submitted;

/**
 * Open311 GeoReport v2 routes: JSON and XML shapes with the spec's field names, errors as lists.
 */
class Open311IT {
  static final String KEY = "open311-key";

  @RegisterExtension static final RunningIntake INTAKE = new RunningIntake(KEY, "city-app");

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> REQUEST_FIELDS =
      List.of(
          "service_request_id",
          "status",
          "status_notes",
          "service_name",
          "service_code",
          "description",
          "agency_responsible",
          "service_notice",
          "requested_datetime",
          "updated_datetime",
          "expected_datetime",
          "address",
          "address_id",
          "zipcode",
          "lat",
          "long",
          "media_url");

  static byte[] form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"))
        .getBytes(StandardCharsets.UTF_8);
  }

  static HttpResponse<String> postForm(String fmt, Map<String, String> fields) {
    return INTAKE
        .http()
        .post(
            "/open311/v2/requests." + fmt,
            "application/x-www-form-urlencoded; charset=utf-8",
            form(fields));
  }

  static Document xml(HttpResponse<String> r) throws Exception {
    assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    assertThat(r.headers().firstValue("Content-Type").orElse("").replace(" ", ""))
        .isEqualToIgnoringCase("text/xml;charset=utf-8");
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
  }

  static String newRequest(String description) throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("api_key", KEY);
    f.put("service_code", "pa-nhung-nhieu");
    f.put("lat", "10.7769");
    f.put("long", "106.7009");
    f.put("address_string", "Bộ phận một cửa, UBND Phường Bến Nghé, Quận 1");
    f.put("description", description);
    f.put("first_name", "Lan");
    f.put("last_name", "Nguyễn");
    f.put("email", "lan@example.vn");
    HttpResponse<String> r = postForm("json", f);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode arr = JSON.readTree(r.body());
    assertThat(arr.isArray()).isTrue();
    assertThat(arr.get(0).has("token")).isFalse();
    return arr.get(0).get("service_request_id").asText();
  }

  @Test
  void servicesAsJsonArrayAndXml() throws Exception {
    HttpResponse<String> j = INTAKE.http().get("/open311/v2/services.json");
    assertThat(j.statusCode()).isEqualTo(200);
    assertThat(j.headers().firstValue("Content-Type").orElse("").replace(" ", ""))
        .isEqualToIgnoringCase("application/json;charset=utf-8");
    JsonNode arr = JSON.readTree(j.body());
    assertThat(arr.isArray()).isTrue();
    assertThat(arr.get(0).fieldNames())
        .toIterable()
        .containsExactly(
            "service_code", "service_name", "description", "metadata", "type", "keywords", "group");
    assertThat(arr.get(0).get("type").asText()).isEqualTo("realtime");

    Document d = xml(INTAKE.http().get("/open311/v2/services.xml"));
    Element root = d.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("services");
    assertThat(root.getElementsByTagName("service").getLength()).isEqualTo(arr.size());
    assertThat(root.getElementsByTagName("service_name").item(0).getTextContent())
        .isEqualTo(arr.get(0).get("service_name").asText());

    JsonNode def = JSON.readTree(INTAKE.http().get("/open311/v2/services/pa-tre-han.json").body());
    assertThat(def.get("service_code").asText()).isEqualTo("pa-tre-han");
    assertThat(def.get("attributes").isArray()).isTrue();
    assertThat(
            xml(INTAKE.http().get("/open311/v2/services/pa-tre-han.xml"))
                .getDocumentElement()
                .getTagName())
        .isEqualTo("service_definition");

    HttpResponse<String> unknown = INTAKE.http().get("/open311/v2/services/nope.xml");
    assertThat(unknown.statusCode()).isEqualTo(404);
    Element errors = xml(unknown).getDocumentElement();
    assertThat(errors.getTagName()).isEqualTo("errors");
    assertThat(errors.getElementsByTagName("code").item(0).getTextContent()).isEqualTo("404");
  }

  @Test
  void postThenGetOneAndListInBothFormats() throws Exception {
    String desc = "Cán bộ yêu cầu \"bồi dưỡng\" <b>500.000đ</b> & hẹn lại";
    String id = newRequest(desc);
    Submitted s = (Submitted) INTAKE.log().ofCase(id).get(0).getPayload();
    assertThat(s.getDescription()).isEqualTo(desc);
    assertThat(s.getComplainant().getFullName()).isEqualTo("Nguyễn Lan");
    assertThat(INTAKE.log().ofCase(id).get(0).getSourceSystem()).isEqualTo("open311");

    Instant due = Instant.parse("2030-03-01T16:59:59Z");
    INTAKE
        .service()
        .attachStatus(
            c ->
                Optional.of(
                    new CaseStatusView(
                        c,
                        "SUBMITTED",
                        "PHAN_ANH",
                        "tiep-nhan",
                        "ACCEPTANCE",
                        due,
                        due,
                        null,
                        0,
                        false)));
    try {
      HttpResponse<String> one = INTAKE.http().get("/open311/v2/requests/" + id + ".json");
      JsonNode arr = JSON.readTree(one.body());
      assertThat(arr.isArray()).isTrue();
      assertThat(arr).hasSize(1);
      JsonNode req = arr.get(0);
      assertThat(req.fieldNames()).toIterable().containsExactlyElementsOf(REQUEST_FIELDS);
      assertThat(req.get("status").asText()).isEqualTo("open");
      assertThat(req.get("description").asText()).isEqualTo(desc);
      assertThat(req.get("service_code").asText()).isEqualTo("pa-nhung-nhieu");
      assertThat(req.get("agency_responsible").asText()).isEqualTo("tiep-nhan");
      assertThat(req.get("lat").asDouble()).isEqualTo(10.7769);
      assertThat(req.get("requested_datetime").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00");
      assertThat(req.get("expected_datetime").asText()).isEqualTo("2030-03-01T23:59:59+07:00");

      Document d = xml(INTAKE.http().get("/open311/v2/requests/" + id + ".xml"));
      assertThat(d.getDocumentElement().getTagName()).isEqualTo("service_requests");
      Element r = (Element) d.getDocumentElement().getElementsByTagName("request").item(0);
      assertThat(r.getElementsByTagName("service_request_id").item(0).getTextContent())
          .isEqualTo(id);
      assertThat(r.getElementsByTagName("description").item(0).getTextContent()).isEqualTo(desc);
      assertThat(r.getElementsByTagName("zipcode").getLength())
          .isEqualTo(1); // empty element, not left out
    } finally {
      INTAKE.service().attachStatus(null);
    }

    INTAKE
        .http()
        .postJson(
            "/api/v1/cases/" + id + "/actions",
            "{\"action\":\"resolve\",\"outcome\":\"FIXED\"}",
            "X-API-Key",
            KEY);
    INTAKE.service().attachStatus(engine(Map.of(id, "RESOLVED")));
    try {
      JsonNode closed =
          JSON.readTree(
              INTAKE
                  .http()
                  .get("/open311/v2/requests.json?status=closed&service_code=pa-nhung-nhieu")
                  .body());
      assertThat(closed.findValuesAsText("service_request_id")).contains(id);
      JsonNode open =
          JSON.readTree(INTAKE.http().get("/open311/v2/requests.json?status=open").body());
      assertThat(open.findValuesAsText("service_request_id")).doesNotContain(id);
      JsonNode byId =
          JSON.readTree(
              INTAKE
                  .http()
                  .get("/open311/v2/requests.json?service_request_id=" + id + ",nope&status=open")
                  .body());
      assertThat(byId).hasSize(1);
      assertThat(byId.get(0).get("status").asText()).isEqualTo("closed");
      assertThat(byId.get(0).get("updated_datetime").asText())
          .isGreaterThanOrEqualTo(byId.get(0).get("requested_datetime").asText());
      Document list =
          xml(
              INTAKE
                  .http()
                  .get(
                      "/open311/v2/requests.xml?start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z"));
      assertThat(list.getDocumentElement().getElementsByTagName("request").getLength()).isZero();
    } finally {
      INTAKE.service().attachStatus(null);
    }
  }

  /** A stand-in for the SLA engine's status: the given states, SUBMITTED for other cases. */
  static CaseStatusLookup engine(Map<String, String> states) {
    return c ->
        Optional.of(
            new CaseStatusView(
                c,
                states.getOrDefault(c, "SUBMITTED"),
                "PHAN_ANH",
                "tiep-nhan",
                "NONE",
                null,
                null,
                null,
                0,
                false));
  }

  @Test
  void theEnginesStateWinsOverARefusedActionInTheLog() throws Exception {
    String id = newRequest("Phản ánh về nhũng nhiễu tại bộ phận một cửa");
    assertThat(
            INTAKE
                .http()
                .postJson(
                    "/api/v1/cases/" + id + "/actions",
                    "{\"action\":\"withdraw\"}",
                    "X-API-Key",
                    KEY)
                .statusCode())
        .isEqualTo(202);
    // The API accepts it; the SLA engine refuses a reopen after a withdrawal
    // (case-events-rejected).
    assertThat(
            INTAKE
                .http()
                .postJson(
                    "/api/v1/cases/" + id + "/actions",
                    "{\"action\":\"reopen\",\"reason\":\"x\"}",
                    "X-API-Key",
                    KEY)
                .statusCode())
        .isEqualTo(202);
    // Without the engine there is no status to show: the log alone would show the refused
    // reopen as applied.
    HttpResponse<String> none = INTAKE.http().get("/open311/v2/requests/" + id + ".json");
    assertThat(none.statusCode()).isEqualTo(503);
    assertThat(none.headers().firstValue("Retry-After")).isPresent();
    assertThat(JSON.readTree(none.body()).get(0).get("description").asText())
        .contains("SLA engine");
    assertThat(INTAKE.http().get("/open311/v2/requests.json?status=open").statusCode())
        .isEqualTo(503);

    INTAKE
        .service()
        .attachStatus(c -> Optional.empty()); // the engine has not processed the case yet
    try {
      JsonNode fresh =
          JSON.readTree(INTAKE.http().get("/open311/v2/requests/" + id + ".json").body()).get(0);
      assertThat(fresh.get("status").asText()).isEqualTo("open");
      assertThat(fresh.get("status_notes").asText()).contains("not yet processed");
      assertThat(fresh.get("agency_responsible").asText()).isEqualTo("tiep-nhan");
    } finally {
      INTAKE.service().attachStatus(null);
    }

    INTAKE.service().attachStatus(engine(Map.of(id, "WITHDRAWN")));
    try {
      JsonNode one =
          JSON.readTree(INTAKE.http().get("/open311/v2/requests/" + id + ".json").body()).get(0);
      assertThat(one.get("status").asText()).isEqualTo("closed");
      assertThat(one.get("status_notes").asText()).isEqualTo("withdrawn");
      JsonNode closed =
          JSON.readTree(INTAKE.http().get("/open311/v2/requests.json?status=closed").body());
      assertThat(closed.findValuesAsText("service_request_id")).contains(id);
      JsonNode open =
          JSON.readTree(INTAKE.http().get("/open311/v2/requests.json?status=open").body());
      assertThat(open.findValuesAsText("service_request_id")).doesNotContain(id);
    } finally {
      INTAKE.service().attachStatus(null);
    }
  }

  @Test
  void errorsAreOpen311Lists() throws Exception {
    Map<String, String> f =
        new LinkedHashMap<>(Map.of("service_code", "pa-ha-tang", "address_string", "x"));
    HttpResponse<String> noKey = postForm("json", f);
    assertThat(noKey.statusCode()).isEqualTo(401);
    JsonNode e = JSON.readTree(noKey.body());
    assertThat(e.isArray()).isTrue();
    assertThat(e.get(0).get("code").asInt()).isEqualTo(401);
    assertThat(e.get(0).get("description").asText()).contains("api_key");
    f.put("api_key", "wrong");
    Document x = xml(postForm("xml", f));
    assertThat(x.getDocumentElement().getTagName()).isEqualTo("errors");
    assertThat(x.getElementsByTagName("code").item(0).getTextContent()).isEqualTo("401");

    f.put("api_key", KEY);
    f.put("service_code", "does-not-exist");
    assertThat(postForm("json", f).statusCode()).isEqualTo(404);
    f.put("service_code", "pa-ha-tang");
    f.remove("address_string");
    f.put("lat", "abc");
    HttpResponse<String> bad = postForm("json", f);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).findValuesAsText("description"))
        .anyMatch(d -> d.startsWith("lat"))
        .anyMatch(d -> d.startsWith("long"));
    HttpResponse<String> range =
        INTAKE
            .http()
            .get(
                "/open311/v2/requests.json?start_date=2015-01-01T00:00:00Z"
                    + "&end_date=2015-12-31T00:00:00Z");
    assertThat(range.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(range.body()).get(0).get("description").asText()).contains("90 days");
    assertThat(INTAKE.http().get("/open311/v2/requests/nope.json").statusCode()).isEqualTo(404);
    HttpResponse<String> wrongType = INTAKE.http().postJson("/open311/v2/requests.xml", "{}");
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(xml(wrongType).getDocumentElement().getTagName()).isEqualTo("errors");
  }
}
