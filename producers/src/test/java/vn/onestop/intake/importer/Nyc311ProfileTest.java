package vn.onestop.intake.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Channel;

class Nyc311ProfileTest {
  private final Nyc311Profile profile = new Nyc311Profile();

  private static Map<String, String> row() {
    Map<String, String> m = new HashMap<>();
    m.put("Unique Key", "32310363");
    m.put("Created Date", "12/31/2015 11:59:45 PM");
    m.put("Closed Date", "01/01/2016 12:55:15 AM");
    m.put("Due Date", "01/01/2016 07:59:45 AM");
    m.put("Agency", "NYPD");
    m.put("Complaint Type", "Noise - Street/Sidewalk");
    m.put("Descriptor", "Loud Music/Party");
    m.put("Status", "Closed");
    m.put("Open Data Channel Type", "PHONE");
    m.put("Incident Address", "1 BROADWAY");
    m.put("Latitude", "40.7");
    m.put("Longitude", "-73.9");
    return m;
  }

  @Test
  void mapsCsvExportRow() throws Exception {
    MappedCase m = profile.map(new SourceRow("nyc.csv", 2, row()));
    assertThat(m.caseId()).isEqualTo("nyc311-32310363");
    assertThat(m.openedAt()).isEqualTo(Instant.parse("2016-01-01T04:59:45Z"));
    assertThat(m.closedAt()).isEqualTo(Instant.parse("2016-01-01T05:55:15Z"));
    assertThat(m.submitted().getSourceDueAt()).isEqualTo(Instant.parse("2016-01-01T12:59:45Z"));
    assertThat(m.submitted().getUnitId()).isEqualTo("NYPD");
    assertThat(m.submitted().getServiceCode()).isEqualTo("Noise - Street/Sidewalk");
    assertThat(m.submitted().getDescription()).isEqualTo("Loud Music/Party");
    assertThat(m.submitted().getChannel()).isEqualTo(Channel.HOTLINE);
  }

  @Test
  void acceptsSodaTimestampsAndRejectsClosedBeforeCreated() throws Exception {
    Map<String, String> r = row();
    r.put("Created Date", "2015-06-01T10:00:00.000");
    r.put("Closed Date", "2015-06-02T10:00:00");
    r.put("Due Date", "");
    r.put("Open Data Channel Type", "ONLINE");
    MappedCase m = profile.map(new SourceRow("nyc.jsonl", 1, r));
    assertThat(m.openedAt()).isEqualTo(Instant.parse("2015-06-01T14:00:00Z"));
    assertThat(m.submitted().getChannel()).isEqualTo(Channel.WEB);
    r.put("Closed Date", "01/01/1900 12:00:00 AM");
    assertThatThrownBy(() -> profile.map(new SourceRow("nyc.jsonl", 1, r)))
        .isInstanceOf(RowRejected.class)
        .hasMessageStartingWith("closed before opened");
  }
}
