package vn.onestop.intake.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Outcome;

/** Real rows of shared/data/boston311-2015, copied to test resources (boston311/sample.csv). */
class Boston311ProfileTest {
  private final Boston311Profile profile = new Boston311Profile();

  private static List<SourceRow> sampleRows() throws Exception {
    Path file = Path.of(Boston311ProfileTest.class.getResource("/boston311/sample.csv").toURI());
    List<SourceRow> rows = new ArrayList<>();
    RowSource.read(
        file,
        new RowSource.Sink() {
          @Override
          public void row(SourceRow row) {
            rows.add(row);
          }

          @Override
          public void unreadable(String f, long line, String detail) {
            throw new AssertionError(f + ":" + line + " " + detail);
          }
        });
    return rows;
  }

  @Test
  void mapsAClosedCaseWithNewYorkTimes() throws Exception {
    SourceRow row = sampleRows().get(0); // 101001241454, Electrical, Constituent Call
    assertThat(row.line()).isEqualTo(2);
    MappedCase m = profile.map(row);
    assertThat(m.caseId()).isEqualTo("boston311-101001241454");
    // 01/02/2015 03:14:47 PM EST = 20:14:47 UTC
    assertThat(m.openedAt()).isEqualTo(Instant.parse("2015-01-02T20:14:47Z"));
    assertThat(m.submitted().getSourceDueAt()).isEqualTo(Instant.parse("2015-01-09T20:14:47Z"));
    assertThat(m.closedAt()).isEqualTo(Instant.parse("2015-03-04T13:35:02Z"));
    assertThat(m.resolved().getOutcome()).isEqualTo(Outcome.OTHER);
    assertThat(m.submitted().getCategory()).isEqualTo(Category.SERVICE_REQUEST);
    assertThat(m.submitted().getChannel()).isEqualTo(Channel.HOTLINE);
    assertThat(m.submitted().getUnitId()).isEqualTo("ISD");
    assertThat(m.submitted().getServiceCode()).isEqualTo("Electrical");
    assertThat(m.submitted().getSourceRecordId()).isEqualTo("101001241454");
    assertThat(m.submitted().getLocation().getLatitude()).isEqualTo(42.3473);
    assertThat(m.submitted().getLocation().getAddress())
        .isEqualTo("95 Berkeley St  Boston  MA  02116");
  }

  @Test
  void summerTimesUseDaylightOffsetAndOpenCasesHaveNoResolution() throws Exception {
    Map<String, SourceRow> byId = new HashMap<>();
    for (SourceRow r : sampleRows()) {
      byId.put(r.get("CASE_ENQUIRY_ID"), r);
    }
    MappedCase open =
        profile.map(byId.get("101001500552")); // 07/30/2015 09:10:00 PM EDT, open, no TARGET_DT
    assertThat(open.openedAt()).isEqualTo(Instant.parse("2015-07-31T01:10:00Z"));
    assertThat(open.resolved()).isNull();
    assertThat(open.closedAt()).isNull();
    assertThat(open.submitted().getSourceDueAt()).isNull();
    assertThat(profile.map(byId.get("101001308483")).submitted().getChannel()).isNotNull();
  }

  @Test
  void theFourClosedBeforeOpenedRowsAreRejected() throws Exception {
    Map<String, Long> reasons = new HashMap<>();
    int ok = 0;
    for (SourceRow r : sampleRows()) {
      try {
        profile.map(r);
        ok++;
      } catch (RowRejected e) {
        reasons.merge(e.reason(), 1L, Long::sum);
        assertThat(r.get("CASE_ENQUIRY_ID"))
            .isIn("101001427234", "101001417692", "101001420924", "101001572857");
        assertThat(e.getMessage()).contains("CLOSED_DT").contains("before OPEN_DT");
      }
    }
    assertThat(reasons).containsExactly(Map.entry("closed before opened", 4L));
    assertThat(ok).isEqualTo(8);
  }

  @Test
  void impossibleRowsAreRejectedNeverGuessed() {
    Map<String, String> base =
        new HashMap<>(
            Map.of(
                "CASE_ENQUIRY_ID",
                "1",
                "OPEN_DT",
                "01/02/2015 03:14:47 PM",
                "Department",
                "PWDx",
                "CASE_STATUS",
                "Open"));
    Map<String, String> noId = new HashMap<>(base);
    noId.put("CASE_ENQUIRY_ID", " ");
    assertThatThrownBy(() -> profile.map(new SourceRow("f", 2, noId)))
        .hasMessageStartingWith("missing id");
    Map<String, String> badDate = new HashMap<>(base);
    badDate.put("OPEN_DT", "2015-01-02 15:14");
    assertThatThrownBy(() -> profile.map(new SourceRow("f", 3, badDate)))
        .hasMessageStartingWith("unparseable date");
    Map<String, String> gap = new HashMap<>(base);
    gap.put("OPEN_DT", "03/08/2015 02:30:00 AM"); // spring-forward gap in America/New_York
    assertThatThrownBy(() -> profile.map(new SourceRow("f", 4, gap)))
        .hasMessageStartingWith("nonexistent local time");
    Map<String, String> closedNoTime = new HashMap<>(base);
    closedNoTime.put("CASE_STATUS", "Closed");
    assertThatThrownBy(() -> profile.map(new SourceRow("f", 5, closedNoTime)))
        .hasMessageStartingWith("closed without closing time");
    Map<String, String> noUnit = new HashMap<>(base);
    noUnit.remove("Department");
    assertThatThrownBy(() -> profile.map(new SourceRow("f", 6, noUnit)))
        .hasMessageStartingWith("missing unit");
    noUnit.put("QUEUE", "PWDx_District 1C");
    assertThat(catchMapped(new SourceRow("f", 7, noUnit)).submitted().getUnitId())
        .isEqualTo("PWDx_District 1C");
  }

  private MappedCase catchMapped(SourceRow r) {
    try {
      return profile.map(r);
    } catch (RowRejected e) {
      throw new AssertionError(e);
    }
  }
}
