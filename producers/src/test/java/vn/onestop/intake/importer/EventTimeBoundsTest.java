package vn.onestop.intake.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTimeBoundsTest {
  private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");
  private final EventTimeBounds bounds = new EventTimeBounds(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void acceptsFrom1970UpToOneHourAfterTheWallClock() throws Exception {
    assertThat(bounds.check("c", "x", Instant.EPOCH)).isEqualTo(Instant.EPOCH);
    assertThat(bounds.check("c", "x", NOW.plusSeconds(3600))).isEqualTo(NOW.plusSeconds(3600));
    assertThat(bounds.latest()).isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  void rejectsBefore1970AndMoreThanAnHourAheadNamingColumnAndValue() {
    assertThatThrownBy(() -> bounds.check("OPEN_DT", "12/31/1969", Instant.EPOCH.minusMillis(1)))
        .isInstanceOfSatisfying(
            RowRejected.class, e -> assertThat(e.reason()).isEqualTo("date out of range"))
        .hasMessageContaining("OPEN_DT='12/31/1969'")
        .hasMessageContaining("before 1970-01-01");
    assertThatThrownBy(
            () -> bounds.check("OPEN_DT", "01/01/2099", NOW.plusSeconds(3600).plusMillis(1)))
        .hasMessageStartingWith("date out of range: OPEN_DT='01/01/2099' is more than 1 h after");
    // a value that is not date-like (a shifted column may hold a name) is not echoed
    assertThatThrownBy(
            () -> bounds.check("OPEN_DT", "Nguyễn Văn A", NOW.plusSeconds(3600).plusMillis(1)))
        .hasMessageNotContaining("Nguyễn")
        .hasMessageContaining("OPEN_DT=<a value of 12 characters, not shown>");
  }

  @Test
  void nativeRowsWithAYearTypoOrBefore1970AreRejectedButADueDateIsNotBounded() throws Exception {
    NativeProfile p = new NativeProfile(Optional.empty(), bounds);
    Map<String, String> r = new HashMap<>();
    r.put("source_id", "HL-1");
    r.put("category", "PHAN_ANH");
    r.put("submitted_at", "2206-03-04T08:15:00+07:00");
    r.put("unit_id", "ubnd-phuong-ben-nghe");
    r.put("description", "Phản ánh về nhũng nhiễu tại bộ phận một cửa");
    assertThatThrownBy(() -> p.map(new SourceRow("h.csv", 7, r)))
        .hasMessageStartingWith("date out of range: submitted_at='2206-03-04T08:15:00+07:00'");
    r.put("submitted_at", "1969-12-31T23:00:00+07:00");
    assertThatThrownBy(() -> p.map(new SourceRow("h.csv", 7, r)))
        .hasMessageContaining("before 1970-01-01");
    r.put("submitted_at", "2025-03-04T08:15:00+07:00");
    r.put("resolved_at", "2205-03-04T08:15:00+07:00");
    assertThatThrownBy(() -> p.map(new SourceRow("h.csv", 7, r)))
        .hasMessageStartingWith("date out of range: resolved_at=");
    r.remove("resolved_at");
    r.put("due_at", "2206-03-04T08:15:00+07:00");
    assertThat(p.map(new SourceRow("h.csv", 7, r)).submitted().getSourceDueAt())
        .isEqualTo(Instant.parse("2206-03-04T01:15:00Z"));
  }

  @Test
  void serviceRequestOpeningAndClosingTimesAreBounded() {
    Boston311Profile p = new Boston311Profile(bounds);
    Map<String, String> r = new HashMap<>();
    r.put("CASE_ENQUIRY_ID", "101");
    r.put("OPEN_DT", "01/02/2206 03:14:47 PM");
    r.put("Department", "ISD");
    assertThatThrownBy(() -> p.map(new SourceRow("b.csv", 9, r)))
        .hasMessageStartingWith("date out of range: OPEN_DT='01/02/2206 03:14:47 PM'");
    r.put("OPEN_DT", "01/02/0215 03:14:47 PM");
    assertThatThrownBy(() -> p.map(new SourceRow("b.csv", 9, r)))
        .hasMessageContaining("before 1970-01-01");
    r.put("OPEN_DT", "01/02/2015 03:14:47 PM");
    r.put("CLOSED_DT", "01/03/2215 03:14:47 PM");
    assertThatThrownBy(() -> p.map(new SourceRow("b.csv", 9, r)))
        .hasMessageStartingWith("date out of range: CLOSED_DT=");
  }
}
