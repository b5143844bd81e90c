package vn.onestop.schema.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.schema.OrgUnit;

class UnitDirectoryFileTest {
  private static final Set<String> CALENDARS =
      Set.of("vn-civil-service", "vn-one-stop-saturday-morning");
  private static final String HEADER =
      "unit_id,name,parent_id,level,head_official_id,head_name,head_contact,deputy_official_id,"
          + "calendar_id,valid_from\n";
  private static final String DISTRICT =
      "hk,UBND quận Hoàn Kiếm,,0,h0,Nguyễn Văn An,an@hk.vn,d0,vn-civil-service,\n";

  @TempDir Path dir;

  @Test
  void theDocumentedExamplesReadTheSameAsCsvAndJson() throws IOException {
    List<OrgUnit> csv =
        UnitDirectoryFile.read(Path.of("../examples/org-units-district.csv"), CALENDARS);
    List<OrgUnit> json =
        UnitDirectoryFile.read(Path.of("../examples/org-units-district.json"), CALENDARS);
    assertThat(csv).hasSize(5).isEqualTo(json);
    OrgUnit ward = csv.get(1);
    assertThat(ward.getUnitId()).isEqualTo("hn-hoan-kiem-hang-bac");
    assertThat(ward.getName()).isEqualTo("UBND phường Hàng Bạc");
    assertThat(ward.getParentId()).isEqualTo("hn-hoan-kiem");
    assertThat(ward.getLevel()).isEqualTo(1);
    assertThat(ward.getHead().getOfficialId()).isEqualTo("hk-hb-001");
    assertThat(ward.getHead().getName()).isEqualTo("Trần Thị Bình");
    assertThat(ward.getHead().getContact()).isEqualTo("hangbac@hoankiem.hanoi.gov.vn");
    assertThat(ward.getDeputyOfficialId()).isEqualTo("hk-hb-002");
    assertThat(ward.getCalendarId()).isEqualTo("vn-one-stop-saturday-morning");
    assertThat(ward.getValidFrom()).isEqualTo(Instant.EPOCH);
    // 2026-03-01 00:00 in Asia/Ho_Chi_Minh (UTC+7) is 2026-02-28T17:00Z.
    assertThat(csv.get(3).getValidFrom()).isEqualTo(Instant.parse("2026-02-28T17:00:00Z"));
    assertThat(csv.get(3).getHead().getOfficialId()).isEqualTo("hk-ht-003");
    assertThat(csv.get(0).getParentId()).isNull();
  }

  @Test
  void unknownParentIsReportedAtItsLine() throws IOException {
    assertThat(
            errors(
                "u.csv",
                HEADER
                    + DISTRICT
                    + "w1,Phường 1,hk,1,h1,A,,,vn-civil-service,\n"
                    + "w2,Phường 2,nowhere,1,h2,B,,,vn-civil-service,\n"))
        .containsExactly(file("u.csv") + ":4: unknown parent nowhere of unit w2");
  }

  @Test
  void aCycleIsReportedOnceAtTheLineOfItsFirstUnit() throws IOException {
    assertThat(
            errors(
                "c.csv",
                HEADER
                    + DISTRICT
                    + "a,A,b,1,h1,A,,,vn-civil-service,\n"
                    + "b,B,a,1,h2,B,,,vn-civil-service,\n"))
        .containsExactly(file("c.csv") + ":3: cycle in parent chain: a -> b -> a");
  }

  @Test
  void theSameUnitAndValidFromTwiceIsADuplicate() throws IOException {
    assertThat(
            errors(
                "d.csv",
                HEADER
                    + DISTRICT
                    + "w1,Phường 1,hk,1,h1,A,,,vn-civil-service,2026-03-01\n"
                    + "w1,Phường 1,hk,1,h9,Z,,,vn-civil-service,2026-04-01\n"
                    + "w1,Phường 1,hk,1,h2,B,,,vn-civil-service,2026-03-01\n"))
        .containsExactly(
            file("d.csv") + ":5: duplicate unit w1 valid from 2026-03-01 (first at line 3)");
  }

  @Test
  void anUnknownCalendarNamesTheKnownOnes() throws IOException {
    assertThat(errors("k.csv", HEADER + DISTRICT + "w1,Phường 1,hk,1,h1,A,,,mars,\n"))
        .containsExactly(
            file("k.csv")
                + ":3: unknown calendar mars (known: [vn-civil-service,"
                + " vn-one-stop-saturday-morning])");
  }

  @Test
  void aMissingHeadIsReported() throws IOException {
    assertThat(errors("h.csv", HEADER + DISTRICT + "w1,Phường 1,hk,1,,,,,vn-civil-service,\n"))
        .containsExactly(
            file("h.csv") + ":3: head missing: head_official_id is empty for unit w1",
            file("h.csv") + ":3: head missing: head_name is empty for unit w1");
  }

  @Test
  void badDatesAndDatesBeforeKafkaTimestampsAreReportedByLine() throws IOException {
    assertThat(
            errors(
                "t.csv",
                HEADER
                    + DISTRICT
                    + "w1,Phường 1,hk,1,h1,A,,,vn-civil-service,1969-12-31\n"
                    + "w2,Phường 2,hk,1,h2,B,,,vn-civil-service,01/03/2026\n"
                    + "w3,Phường 3,hk,x,h3,C,,,vn-civil-service,\n"))
        .containsExactly(
            file("t.csv")
                + ":3: valid_from 1969-12-31 is before 1970-01-02 (Kafka timestamps); leave it"
                + " empty for since always",
            file("t.csv") + ":4: valid_from must be a date YYYY-MM-DD, got 01/03/2026",
            file("t.csv") + ":5: level must be a whole number, got x");
  }

  @Test
  void aQuotedNameOverTwoLinesKeepsTheFollowingLineNumbersRight() throws IOException {
    assertThat(
            errors(
                "q.csv",
                HEADER
                    + DISTRICT
                    + "w1,\"Phường\n1\",hk,1,h1,A,,,vn-civil-service,\n"
                    + "w2,Phường 2,zz,1,h2,B,,,vn-civil-service,\n"))
        .containsExactly(file("q.csv") + ":5: unknown parent zz of unit w2");
  }

  @Test
  void jsonErrorsNameTheLineOfTheObject() throws IOException {
    String json =
        "[\n"
            + "  {\"unitId\": \"hk\", \"name\": \"UBND quận Hoàn Kiếm\", \"level\": 0,\n"
            + "   \"headOfficialId\": \"h0\", \"headName\": \"An\", \"calendarId\":"
            + " \"vn-civil-service\"},\n"
            + "  {\"unitId\": \"w1\", \"name\": \"Phường 1\", \"parentId\": \"nowhere\","
            + " \"level\": 1,\n"
            + "   \"headOfficialId\": \"h1\", \"headName\": \"B\", \"calendarId\":"
            + " \"vn-civil-service\"}\n"
            + "]\n";
    assertThat(errors("u.json", json))
        .containsExactly(file("u.json") + ":4: unknown parent nowhere of unit w1");
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  private List<String> errors(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.UTF_8);
    UnitDirectoryException e =
        catchThrowableOfType(
            UnitDirectoryException.class, () -> UnitDirectoryFile.read(f, CALENDARS));
    assertThat(e).as("errors of %s", name).isNotNull();
    return e.errors();
  }
}
