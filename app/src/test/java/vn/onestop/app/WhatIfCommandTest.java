package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.HolidayDataException;

/** The draft calendar of {@code onestop audit what-if --calendar DIR}. */
class WhatIfCommandTest {
  @TempDir Path dir;

  @Test
  void aYearInTheDirectoryReplacesTheBundledYearAndTheOthersStay() throws Exception {
    // a draft 2026 with one extra day off (Friday 09/01/2026), no swap of 02/01
    Files.writeString(
        dir.resolve("vn-civil-service-2026.json"),
        "{ \"calendarId\": \"vn-civil-service\", \"year\": 2026, \"entries\": ["
            + " { \"date\": \"2026-01-09\", \"kind\": \"HOLIDAY\", \"name\": \"Ngày nghỉ dự thảo\","
            + " \"legalBasis\": \"draft\", \"status\": \"U\" } ] }",
        StandardCharsets.UTF_8);
    var draft = WhatIfCommand.calendars(dir).get(Calendars.CIVIL_SERVICE);
    var bundled = CalendarBook.standard().get(Calendars.CIVIL_SERVICE);
    assertThat(bundled.isWorkingDay(LocalDate.parse("2026-01-09"))).isTrue();
    assertThat(draft.isWorkingDay(LocalDate.parse("2026-01-09"))).isFalse();
    assertThat(draft.isWorkingDay(LocalDate.parse("2026-01-02"))).isTrue();
    // 2025 stays bundled: 02/09/2025 Quốc khánh
    assertThat(draft.isWorkingDay(LocalDate.parse("2025-09-02"))).isFalse();
    assertThat(WhatIfCommand.calendars(null)).isSameAs(CalendarBook.standard());
  }

  @Test
  void aBadFileIsNamed() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{ \"year\": 2026, \"entries\": [ { \"date\": \"x\" } ] }");
    assertThatThrownBy(() -> WhatIfCommand.calendars(dir))
        .isInstanceOf(HolidayDataException.class)
        .hasMessageContaining(f.toString());
    assertThatThrownBy(() -> WhatIfCommand.calendars(f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--calendar")
        .hasMessageContaining("not a directory");
  }
}
