package vn.onestop.intake.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reject file names the column and the place of a bad value but never echoes raw text of a
 * malformed row: a shifted column may carry a denouncer's name into a date or enum column.
 */
class RejectDetailsTest {
  private static final String NAME = "Trần Văn Tố Giác";

  @Test
  void valuesThatLookLikeDatesOrNumbersAreShownAndTextIsNot() {
    assertThat(RowRejected.quoted("2025-13-01T08:00:00+07:00"))
        .isEqualTo("'2025-13-01T08:00:00+07:00'");
    assertThat(RowRejected.quoted("01/01/1900 12:00:00 AM")).isEqualTo("'01/01/1900 12:00:00 AM'");
    assertThat(RowRejected.quoted(NAME))
        .isEqualTo("<a value of 16 characters, not shown>")
        .doesNotContain("Trần");
    assertThat(RowRejected.quoted("TAM")).as("no digit: not a date").doesNotContain("TAM");
    assertThat(RowRejected.quotedId("hn-hoan-kiem")).isEqualTo("'hn-hoan-kiem'");
    assertThat(RowRejected.quotedId("<b>unit</b>")).doesNotContain("unit");
    assertThat(RowRejected.quotedId(NAME)).doesNotContain("Trần");
  }

  @Test
  void aShiftedNativeRowDoesNotPutTheNameInTheRejectDetail() throws Exception {
    NativeProfile p = new NativeProfile(Optional.empty());
    List<String> details = new ArrayList<>();
    for (String column : List.of("submitted_at", "category", "complaint_level", "latitude")) {
      java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
      f.put("source_id", "r-1");
      f.put("category", "KHIEU_NAI");
      f.put("submitted_at", "2026-03-02T09:00:00+07:00");
      f.put("unit_id", "hn-hoan-kiem");
      f.put("description", "mô tả");
      f.put(column, NAME);
      try {
        p.map(new SourceRow("rows.csv", 7, f));
      } catch (RowRejected e) {
        details.add(e.getMessage());
      }
    }
    assertThat(details).hasSize(4).allSatisfy(d -> assertThat(d).doesNotContain(NAME, "Trần"));
    assertThat(details.get(0)).contains("submitted_at");
  }

  @Test
  void malformedJsonLinesAreReportedByPlaceNotByToken(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rows.jsonl");
    Files.writeString(file, "{\"source_id\": Trần Văn Tố Giác}\n", StandardCharsets.UTF_8);
    List<String> unreadable = new ArrayList<>();
    RowSource.read(
        file,
        List.of(),
        new RowSource.Sink() {
          @Override
          public void row(SourceRow row) {}

          @Override
          public void unreadable(String name, long line, String detail) {
            unreadable.add(detail);
          }
        });
    assertThat(unreadable)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d).startsWith("malformed JSON");
              assertThat(d).doesNotContain("Trần");
            });
  }
}
