package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Submitted;

/**
 * 1,000 random and mutated request bodies (seeded, so a failure can be replayed): no 5xx, and the
 * number of events written equals the number of 202 answers, each complete (no partial case).
 */
class FuzzIT {
  static final String KEY = "fuzz-key";

  @RegisterExtension static final RunningIntake INTAKE = new RunningIntake(KEY, "fuzzer");

  static final long SEED = 20250311L;
  static final ObjectMapper JSON = new ObjectMapper();

  static final String[] SEEDS = {
    "{\"category\":\"PHAN_ANH\",\"unitId\":\"u-1\",\"description\":\"Phản ánh về nhũng nhiễu tại bộ phận một cửa\"}",
    "{\"category\":\"KHIEU_NAI\",\"unitId\":\"u-2\",\"description\":\"Khiếu nại quyết định\",\"complaintLevel\":2,"
        + "\"complainant\":{\"fullName\":\"Võ Văn D\",\"address\":\"Đà Nẵng\"}}",
    "{\"category\":\"TO_CAO\",\"unitId\":\"u-3\",\"description\":\"Tố cáo\",\"complainant\":{\"fullName\":\"E\","
        + "\"address\":\"F\",\"email\":\"e@x.vn\"},\"attachmentUrls\":[\"https://x.vn/a.jpg\"]}",
    "{\"category\":\"KIEN_NGHI\",\"location\":{\"latitude\":21.0,\"longitude\":105.8,\"address\":\"Hà Nội\"},"
        + "\"description\":\"Kiến nghị\",\"channel\":\"HOTLINE\",\"title\":\"t\"}",
  };
  static final String[] JUNK = {
    "null",
    "true",
    "-1",
    "1e999",
    "\"\"",
    "[]",
    "{}",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"𝔘𝔫𝔦𝔠𝔬𝔡𝔢\"",
    "99999999999999999999",
    "{\"a\":1}",
    "\"KHIEU_NAI\"",
    "\"TO_CAO\"",
    "[\"x\"]"
  };

  static String mutate(Random rnd, String seed) throws Exception {
    switch (rnd.nextInt(6)) {
      case 0:
        { // change a field value to junk
          JsonNode n = JSON.readTree(seed);
          List<String> names = new ArrayList<>();
          n.fieldNames().forEachRemaining(names::add);
          ((com.fasterxml.jackson.databind.node.ObjectNode) n)
              .set(
                  names.get(rnd.nextInt(names.size())),
                  JSON.readTree(JUNK[rnd.nextInt(JUNK.length)]));
          return n.toString();
        }
      case 1:
        { // drop a field
          JsonNode n = JSON.readTree(seed);
          List<String> names = new ArrayList<>();
          n.fieldNames().forEachRemaining(names::add);
          ((com.fasterxml.jackson.databind.node.ObjectNode) n)
              .remove(names.get(rnd.nextInt(names.size())));
          return n.toString();
        }
      case 2:
        { // truncate
          return seed.substring(0, rnd.nextInt(seed.length()));
        }
      case 3:
        { // flip characters
          StringBuilder sb = new StringBuilder(seed);
          for (int i = 0, k = 1 + rnd.nextInt(4); i < k; i++) {
            sb.setCharAt(rnd.nextInt(sb.length()), (char) (32 + rnd.nextInt(95)));
          }
          return sb.toString();
        }
      case 4:
        { // random bytes-ish text
          StringBuilder sb = new StringBuilder();
          for (int i = 0, k = rnd.nextInt(200); i < k; i++) {
            sb.append((char) rnd.nextInt(0x3000));
          }
          return sb.toString();
        }
      default:
        return seed; // the valid seed itself
    }
  }

  @Test
  void thousandBodiesNeverGive5xxNorPartialCases() throws Exception {
    long before = INTAKE.log().count();
    Random rnd = new Random(SEED);
    Map<Integer, Integer> statuses = new HashMap<>();
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String body = mutate(rnd, SEEDS[rnd.nextInt(SEEDS.length)]);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (rnd.nextInt(20) == 0) { // sometimes invalid UTF-8
        bytes[rnd.nextInt(Math.max(1, bytes.length))] = (byte) 0xFF;
      }
      HttpResponse<String> r;
      if (rnd.nextInt(10) == 0 && !accepted.isEmpty()) {
        r =
            INTAKE
                .http()
                .post(
                    "/api/v1/cases/" + accepted.get(rnd.nextInt(accepted.size())) + "/actions",
                    "application/json",
                    mutate(rnd, "{\"action\":\"extend\",\"decisionNumber\":\"1/QĐ\",\"days\":10}")
                        .getBytes(StandardCharsets.UTF_8),
                    "X-API-Key",
                    KEY);
      } else {
        r = INTAKE.http().post("/api/v1/cases", "application/json", bytes, "X-API-Key", KEY);
      }
      statuses.merge(r.statusCode(), 1, Integer::sum);
      assertThat(r.statusCode()).as("request %d: %s -> %s", i, body, r.body()).isLessThan(500);
      if (r.statusCode() == 202) {
        JsonNode b = JSON.readTree(r.body());
        if (!b.has("action")) {
          accepted.add(b.get("caseId").asText());
        }
      } else {
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/problem+json");
      }
    }
    System.out.println("fuzz statuses: " + statuses);
    int written = statuses.getOrDefault(202, 0);
    assertThat(written).as("statuses %s", statuses).isGreaterThan(50);
    assertThat(statuses.getOrDefault(400, 0)).isGreaterThan(300);
    List<ConsumerRecord<String, CaseEvent>> all = INTAKE.log().all();
    assertThat(INTAKE.log().count() - before)
        .as("events written vs 202 answers, statuses %s", statuses)
        .isEqualTo(written);
    Map<String, Long> submittedPerCase = new HashMap<>();
    for (ConsumerRecord<String, CaseEvent> rec : all) {
      if (rec.value().getPayload() instanceof Submitted s && accepted.contains(rec.key())) {
        submittedPerCase.merge(rec.key(), 1L, Long::sum);
        assertThat(s.getDescription()).isNotNull();
        assertThat(s.getUnitId()).isNotBlank();
      }
    }
    assertThat(submittedPerCase).hasSize(accepted.size());
    assertThat(submittedPerCase.values()).containsOnly(1L);
  }
}
