package vn.onestop.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class HolidayCalendarDataTest {

  private final HolidayCalendarData data = HolidayCalendarData.standard();

  @Test
  void bundledYearsAreAnnouncedOthersComputed() {
    assertThat(data.announcedYears()).containsExactly(2024, 2025, 2026, 2027);
    assertThat(data.isAnnounced(2028)).isFalse();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "2024-02-13, COMPENSATORY_DAY_OFF, U",
    "2024-04-29, SWAPPED_DAY_OFF, V",
    "2024-05-04, MAKEUP_WORKING_DAY, S",
    "2025-05-02, SWAPPED_DAY_OFF, S",
    "2025-04-26, MAKEUP_WORKING_DAY, S",
    "2026-01-02, SWAPPED_DAY_OFF, V",
    "2026-01-10, MAKEUP_WORKING_DAY, V",
    "2026-02-16, HOLIDAY, V",
    "2026-04-27, COMPENSATORY_DAY_OFF, V",
    "2026-09-01, HOLIDAY, U",
    "2027-02-10, COMPENSATORY_DAY_OFF, U"
  })
  void entriesCarryKindAndStatus(LocalDate date, HolidayKind kind, String status) {
    HolidayEntry e = data.entryOn(date).orElseThrow();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.status().code()).isEqualTo(status);
    assertThat(e.legalBasis()).isNotBlank();
  }

  @Test
  void vietnameseNamesRoundTrip() {
    assertThat(data.entryOn(LocalDate.of(2026, 2, 17)).orElseThrow().name())
        .isEqualTo("Tết Nguyên đán Bính Ngọ (mùng 1 Tết)");
    assertThat(data.entryOn(LocalDate.of(2026, 4, 26)).orElseThrow().legalBasis())
        .contains("Điều 112(1)(e)");
  }

  @Test
  void lunarHolidaysOfEveryBundledYearMatchTheLunarCalendar() {
    for (int y = 2024; y <= 2027; y++) {
      LocalDate tet = LunarCalendar.tet(y);
      assertThat(data.entryOn(tet).orElseThrow().kind())
          .as("Tết %d", y)
          .isEqualTo(HolidayKind.HOLIDAY);
      assertThat(data.entryOn(tet.minusDays(1)).orElseThrow().kind())
          .isEqualTo(HolidayKind.HOLIDAY);
      assertThat(data.entryOn(LunarCalendar.hungKingsDay(y)).orElseThrow().kind())
          .isEqualTo(HolidayKind.HOLIDAY);
    }
  }

  @Test
  void the2027FileIsExactlyTheComputedRule() {
    List<String> file = data.entries(2027).stream().map(e -> e.date() + " " + e.kind()).toList();
    List<String> computed =
        ComputedHolidays.forYear(2027).stream().map(e -> e.date() + " " + e.kind()).toList();
    assertThat(file).isEqualTo(computed);
    assertThat(data.entries(2027)).allMatch(e -> e.status() == SourceStatus.UNVERIFIED);
  }

  @Test
  void computedYearAppliesTheLabourCode() {
    // 2028: Tết Wed 26/01; 29/01 (mùng 4) is a Saturday; 1/1 Saturday; 30/4 Sunday; 2/9 Saturday.
    List<String> entries =
        ComputedHolidays.forYear(2028).stream().map(e -> e.date() + " " + e.kind()).toList();
    assertThat(entries)
        .containsExactly(
            "2028-01-01 HOLIDAY",
            "2028-01-03 COMPENSATORY_DAY_OFF",
            "2028-01-25 HOLIDAY",
            "2028-01-26 HOLIDAY",
            "2028-01-27 HOLIDAY",
            "2028-01-28 HOLIDAY",
            "2028-01-29 HOLIDAY",
            "2028-01-31 COMPENSATORY_DAY_OFF",
            "2028-04-04 HOLIDAY",
            "2028-04-30 HOLIDAY",
            "2028-05-01 HOLIDAY",
            "2028-05-02 COMPENSATORY_DAY_OFF",
            "2028-09-01 HOLIDAY",
            "2028-09-02 HOLIDAY",
            "2028-09-04 COMPENSATORY_DAY_OFF");
  }

  @ParameterizedTest(name = "2/9 on {0} -> companion {1}")
  @CsvSource({
    "2024-09-02, 2024-09-03",
    "2025-09-02, 2025-09-01",
    "2026-09-02, 2026-09-01",
    "2027-09-02, 2027-09-03",
    "2022-09-02, 2022-09-01",
    "2023-09-02, 2023-09-01",
    "2029-09-02, 2029-09-03"
  })
  void nationalDayCompanionFollowsPrecedents(LocalDate nationalDay, LocalDate companion) {
    assertThat(ComputedHolidays.nationalDayCompanion(nationalDay)).isEqualTo(companion);
    assertThat(companion.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
  }

  @Test
  void aComputedYearIsLoggedOnce() {
    Logger logger = (Logger) LoggerFactory.getLogger(HolidayCalendarData.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      HolidayCalendarData fresh = HolidayCalendarData.standard();
      fresh.entryOn(LocalDate.of(2031, 1, 1));
      fresh.entries(2031);
      fresh.entryOn(LocalDate.of(2031, 9, 2));
      fresh.entryOn(LocalDate.of(2026, 9, 2));
      assertThat(appender.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("holiday year 2031 computed, no announced data");
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void badFieldsAreReportedWithSourceAndJsonPath() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"year\":2026,\"entries\":[{\"date\":\"2026-01-01\",\"kind\":\"FEAST\","
                        + "\"name\":\"x\",\"legalBasis\":\"y\",\"status\":\"V\"}]}"))
        .isInstanceOf(HolidayDataException.class)
        .hasMessageContaining("test.json: $.entries[0].kind: unknown kind 'FEAST'");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"year\":2026,\"entries\":[{\"date\":\"2026-13-01\",\"kind\":\"HOLIDAY\","
                        + "\"name\":\"x\",\"legalBasis\":\"y\",\"status\":\"V\"}]}"))
        .hasMessageContaining("$.entries[0].date");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"year\":2026,\"entries\":[{\"date\":\"2026-01-05\",\"kind\":"
                        + "\"MAKEUP_WORKING_DAY\",\"name\":\"x\",\"legalBasis\":\"y\",\"status\":\"V\"}]}"))
        .hasMessageContaining(
            "$.entries[0].kind: a make-up working day must be a Saturday or Sunday");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"year\":2026,\"entries\":[{\"date\":\"2026-01-01\",\"kind\":\"HOLIDAY\","
                        + "\"name\":\"x\",\"status\":\"V\"}]}"))
        .hasMessageContaining("$.entries[0].legalBasis: missing");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"year\":2026,\"entries\":[{\"date\":\"2026-01-01\",\"kind\":\"HOLIDAY\","
                        + "\"name\":\"x\",\"legalBasis\":\"y\",\"status\":\"X\"}]}"))
        .hasMessageContaining("$.entries[0].status");
    String dup =
        "{\"date\":\"2026-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"x\",\"legalBasis\":\"y\",\"status\":\"V\"}";
    assertThatThrownBy(() -> parse("{\"year\":2026,\"entries\":[" + dup + "," + dup + "]}"))
        .hasMessageContaining("$.entries[1].date: duplicate date 2026-01-01");
    assertThatThrownBy(() -> parse("{\"year\":2026,\n\"entries\": [ oops ]}"))
        .hasMessageContaining("test.json:2:")
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void loadsFilesAndRejectsAYearGivenTwice(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("vn-2030.json");
    Files.writeString(
        f,
        "{\"year\":2030,\"entries\":[{\"date\":\"2030-02-04\",\"kind\":\"HOLIDAY\","
            + "\"name\":\"Tết Canh Tuất\",\"legalBasis\":\"BLLĐ 2019 Điều 112\",\"status\":\"U\"}]}");
    HolidayCalendarData fromFile = HolidayCalendarData.fromFiles(List.of(f));
    assertThat(fromFile.isAnnounced(2030)).isTrue();
    assertThat(fromFile.entries(2030))
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("Tết Canh Tuất"));
    assertThatThrownBy(() -> HolidayCalendarData.fromFiles(List.of(f, f)))
        .hasMessageContaining("holiday year 2030 given twice");
  }

  private static HolidayCalendarData.YearData parse(String json) {
    return HolidayCalendarData.parse(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }
}
