package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;

/**
 * The org-unit directory's admin endpoint and the unknown-unit rule on a real broker and registry:
 * {@code GET /api/v1/units} lists the imported units, {@code PUT /api/v1/units/{id}} refuses a bad
 * version with 400 naming the field and writes a good one to org-units (GET then shows it); with a
 * directory loaded, a submission naming an unknown unit is 400 naming {@code unitId} (JSON API),
 * {@code service_code} (Open311, whose unit comes from the service), and the hotline import rejects
 * such a row by line.
 */
@WithKafkaStack
class UnitsApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "units-admin-key";
  private static final String HOTLINE = "units-hotline-key";
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void adminEndpointValidatesLikeTheImportAndUnknownUnitsAreRefused(
      KafkaStack stack, @TempDir Path dir) throws Exception {
    Cluster c = Cluster.external(stack.bootstrapServers(), stack.schemaRegistryUrl());
    Services.prepareTopics(c, 3);
    UnitsCommand.write(c, UnitsCommand.read(Path.of("../examples/org-units-district.csv")));
    try (IntakeService intake =
        Services.intake(
            c,
            "127.0.0.1",
            0,
            Map.of(ADMIN, "ops:admin", HOTLINE, "hotline"),
            Optional.of(IdentityKey.fromBytes(new byte[32])))) {
      String base = intake.baseUrl();

      // GET lists the imported units, the version in force now of each.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                HttpResponse<String> r = send("GET", base + "/api/v1/units", ADMIN, null);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(ids(JSON.readTree(r.body())))
                    .contains(
                        "hn-hoan-kiem",
                        "hn-hoan-kiem-hang-bac",
                        "hn-hoan-kiem-hang-trong",
                        "hn-hoan-kiem-trang-tien");
              });
      JsonNode listed = JSON.readTree(send("GET", base + "/api/v1/units", ADMIN, null).body());
      JsonNode hangTrong = find(listed, "hn-hoan-kiem-hang-trong");
      assertThat(hangTrong.get("headName").asText()).isEqualTo("Phạm Thị Dung");
      assertThat(hangTrong.get("validFrom").asText()).isEqualTo("2026-03-01");
      assertThat(send("GET", base + "/api/v1/units", null, null).statusCode()).isEqualTo(401);
      assertThat(send("GET", base + "/api/v1/units", HOTLINE, null).statusCode())
          .as("a key without the admin role")
          .isEqualTo(403);

      String good =
          "{\"name\":\"UBND phường Lý Thái Tổ\",\"parentId\":\"hn-hoan-kiem\",\"level\":1,"
              + "\"headOfficialId\":\"hk-ltt-001\",\"headName\":\"Đỗ Thị Hà\","
              + "\"calendarId\":\"vn-civil-service\",\"validFrom\":\"2026-01-01\"}";
      String id = "hn-hoan-kiem-ly-thai-to";
      assertThat(fieldsOf(put(base, id, good.replace("hn-hoan-kiem\"", "hn-nowhere\""))))
          .containsExactly("parentId");
      assertThat(fieldsOf(put(base, id, good.replace("vn-civil-service", "vn-lunar-only"))))
          .containsExactly("calendarId");
      assertThat(fieldsOf(put(base, id, good.replace("\"headOfficialId\":\"hk-ltt-001\",", ""))))
          .containsExactly("headOfficialId");
      // the head's id is an official id (OfficialIds): markup or spaces are a 400 on the field
      HttpResponse<String> markup = put(base, id, good.replace("hk-ltt-001", "<b>hk</b>"));
      assertThat(markup.statusCode()).isEqualTo(400);
      assertThat(fieldsOf(markup)).containsExactly("headOfficialId");
      assertThat(markup.body()).doesNotContain("<b>");
      assertThat(fieldsOf(put(base, id, good.replace("hk-ltt-001", "hk ltt 001"))))
          .containsExactly("headOfficialId");
      assertThat(fieldsOf(put(base, id, good.replace("{", "{\"unitId\":\"hn-other\","))))
          .containsExactly("unitId");
      // The district's top unit under one of its own wards: a cycle.
      String cycle =
          "{\"name\":\"UBND quận Hoàn Kiếm\",\"parentId\":\"hn-hoan-kiem-hang-bac\",\"level\":0,"
              + "\"headOfficialId\":\"hk-cq-001\",\"headName\":\"Nguyễn Văn An\","
              + "\"calendarId\":\"vn-civil-service\",\"validFrom\":\"2026-06-01\"}";
      HttpResponse<String> cycled = put(base, "hn-hoan-kiem", cycle);
      assertThat(fieldsOf(cycled)).containsExactly("parentId");
      assertThat(cycled.body()).contains("cycle in parent chain");

      HttpResponse<String> written = put(base, id, good);
      assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
      assertThat(JSON.readTree(written.body()).get("unitId").asText()).isEqualTo(id);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          ids(
                              JSON.readTree(
                                  send("GET", base + "/api/v1/units", ADMIN, null).body())))
                      .contains(id));
      assertThat(UnitsCommand.versions(c).stream().map(u -> u.getUnitId()).toList())
          .as("written to org-units")
          .contains(id);

      // A loaded directory refuses unknown units, by field.
      HttpResponse<String> unknown = submit(base, "hn-mistyped");
      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(fieldsOf(unknown)).containsExactly("unitId");
      assertThat(submit(base, id).statusCode()).as("the unit just written").isEqualTo(202);
      HttpResponse<String> open311 =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/open311/v2/requests.json"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "api_key="
                              + HOTLINE
                              + "&service_code=pa-nhung-nhieu&lat=21.03&long=105.85"
                              + "&description=Nh%C5%A9ng+nhi%E1%BB%85u+t%E1%BA%A1i+m%E1%BB%99t+c%E1%BB%ADa"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(open311.statusCode()).as(open311.body()).isEqualTo(400);
      assertThat(open311.body()).contains("service_code").contains("tiep-nhan");

      // The hotline import rejects a row naming an unknown unit, by line.
      Path file = dir.resolve("hotline.csv");
      Files.writeString(
          file,
          "source_id,category,submitted_at,unit_id,description\n"
              + "units-it-1,PHAN_ANH,2026-01-05T08:00:00+07:00,"
              + id
              + ",Phản ánh thái độ cán bộ một cửa\n"
              + "units-it-2,PHAN_ANH,2026-01-05T09:00:00+07:00,hn-nowhere,Phản ánh thủ tục\n",
          StandardCharsets.UTF_8);
      Path rejects = dir.resolve("rejects.csv");
      int status =
          quietly(
              "import",
              file.toString(),
              "--reject-file",
              rejects.toString(),
              "--bootstrap-servers",
              c.bootstrapServers(),
              "--schema-registry-url",
              c.schemaRegistryUrl());
      assertThat(status).as("a rejected row makes the import exit 1").isEqualTo(1);
      assertThat(Files.readString(rejects, StandardCharsets.UTF_8))
          .contains("hotline.csv,3,units-it-2,unknown unit,")
          .doesNotContain("units-it-1");
    }
  }

  private static int quietly(String... args) {
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return Main.run(args);
    } finally {
      System.setOut(out);
    }
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(u -> ids.add(u.get("unitId").asText()));
    return ids;
  }

  private static JsonNode find(JsonNode array, String id) {
    for (JsonNode u : array) {
      if (u.get("unitId").asText().equals(id)) {
        return u;
      }
    }
    throw new AssertionError("unit " + id + " not listed: " + array);
  }

  private static List<String> fieldsOf(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    JSON.readTree(r.body()).path("errors").forEach(e -> fields.add(e.get("field").asText()));
    return fields;
  }

  private HttpResponse<String> put(String base, String id, String body) throws Exception {
    return send("PUT", base + "/api/v1/units/" + id, ADMIN, body);
  }

  private HttpResponse<String> submit(String base, String unit) throws Exception {
    return send(
        "POST",
        base + "/api/v1/cases",
        HOTLINE,
        "{\"category\":\"PHAN_ANH\",\"channel\":\"WEB\",\"unitId\":\""
            + unit
            + "\",\"description\":\"Phản ánh về nhũng nhiễu tại bộ phận một cửa\"}");
  }

  private HttpResponse<String> send(String method, String url, String key, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
