package vn.onestop.schema.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.OrgUnit;

/** One unit version validated alone against a directory (the intake's PUT /api/v1/units/{id}). */
class UnitDirectoryReadOneTest {
  private static final Set<String> CALENDARS =
      Set.of("vn-civil-service", "vn-one-stop-saturday-morning");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WARD =
      "{\"unitId\":\"hn-hoan-kiem-ly-thai-to\",\"name\":\"UBND phường Lý Thái Tổ\","
          + "\"parentId\":\"hn-hoan-kiem\",\"level\":1,\"headOfficialId\":\"hk-ltt-001\","
          + "\"headName\":\"Đỗ Thị Hà\",\"calendarId\":\"vn-civil-service\","
          + "\"validFrom\":\"2026-01-01\"}";

  private static List<OrgUnit> district() throws IOException {
    return UnitDirectoryFile.read(Path.of("../examples/org-units-district.csv"), CALENDARS);
  }

  private static List<InvalidUnitException.Problem> problems(String json) throws IOException {
    JsonNode node = JSON.readTree(json);
    List<OrgUnit> directory = district();
    return catchThrowableOfType(
            InvalidUnitException.class, () -> UnitDirectoryFile.readOne(node, directory, CALENDARS))
        .problems();
  }

  @Test
  void aGoodVersionIsReadWithItsValidFromAsTheStartOfItsLocalDay() throws IOException {
    OrgUnit u = UnitDirectoryFile.readOne(JSON.readTree(WARD), district(), CALENDARS);
    assertThat(u.getUnitId()).isEqualTo("hn-hoan-kiem-ly-thai-to");
    assertThat(u.getHead().getName()).isEqualTo("Đỗ Thị Hà");
    assertThat(u.getValidFrom()).isEqualTo(Instant.parse("2025-12-31T17:00:00Z"));
  }

  @Test
  void eachBrokenRuleNamesItsJsonField() throws IOException {
    assertThat(problems(WARD.replace("\"hn-hoan-kiem\"", "\"hn-nowhere\"")))
        .extracting(InvalidUnitException.Problem::field)
        .containsExactly("parentId");
    assertThat(problems(WARD.replace("vn-civil-service", "vn-moon")))
        .extracting(InvalidUnitException.Problem::field)
        .containsExactly("calendarId");
    assertThat(problems(WARD.replace("\"headName\":\"Đỗ Thị Hà\",", "")))
        .extracting(InvalidUnitException.Problem::field)
        .containsExactly("headName");
    assertThat(problems(WARD.replace("\"level\":1", "\"level\":-1")))
        .extracting(InvalidUnitException.Problem::field)
        .containsExactly("level");
    assertThat(problems(WARD.replace("2026-01-01", "01/01/2026")))
        .extracting(InvalidUnitException.Problem::field)
        .containsExactly("validFrom");
    assertThat(problems(WARD.replace("{", "{\"mayor\":\"x\",")))
        .extracting(InvalidUnitException.Problem::field)
        .containsExactly("mayor");
  }

  @Test
  void aHeadOrDeputyIdThatIsNotAnOfficialIdNamesItsFieldWithoutEchoingIt() throws IOException {
    for (String bad : new String[] {"<b>hk</b>", "hk ltt 001", "x".repeat(65)}) {
      List<InvalidUnitException.Problem> p =
          problems(WARD.replace("\"hk-ltt-001\"", JSON.writeValueAsString(bad)));
      assertThat(p)
          .extracting(InvalidUnitException.Problem::field)
          .containsExactly("headOfficialId");
      assertThat(p.get(0).message()).contains("not an official id").doesNotContain(bad);
    }
    assertThat(problems(WARD.replace("{", "{\"deputyOfficialId\":\"<script>\",")))
        .extracting(InvalidUnitException.Problem::field)
        .containsExactly("deputyOfficialId");
  }

  @Test
  void aParentChainThroughTheNewVersionIsACycle() throws IOException {
    String top =
        "{\"unitId\":\"hn-hoan-kiem\",\"name\":\"UBND quận Hoàn Kiếm\","
            + "\"parentId\":\"hn-hoan-kiem-hang-bac\",\"level\":0,\"headOfficialId\":\"a\","
            + "\"headName\":\"Nguyễn Văn An\",\"calendarId\":\"vn-civil-service\","
            + "\"validFrom\":\"2026-06-01\"}";
    List<InvalidUnitException.Problem> p = problems(top);
    assertThat(p).extracting(InvalidUnitException.Problem::field).containsExactly("parentId");
    assertThat(p.get(0).message()).startsWith("cycle in parent chain").contains("hn-hoan-kiem");
  }

  @Test
  void theSameUnitAndValidFromReplacesTheVersionInsteadOfDuplicatingIt() throws IOException {
    String correction =
        "{\"unitId\":\"hn-hoan-kiem-hang-trong\",\"name\":\"UBND phường Hàng Trống\","
            + "\"parentId\":\"hn-hoan-kiem\",\"level\":1,\"headOfficialId\":\"hk-ht-004\","
            + "\"headName\":\"Vũ Văn Em\",\"calendarId\":\"vn-civil-service\","
            + "\"validFrom\":\"2026-03-01\"}";
    OrgUnit u = UnitDirectoryFile.readOne(JSON.readTree(correction), district(), CALENDARS);
    assertThat(u.getHead().getOfficialId()).isEqualTo("hk-ht-004");
  }
}
