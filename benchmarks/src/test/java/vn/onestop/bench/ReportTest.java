package vn.onestop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run replaces only the blocks of the items it ran: the other items' figures, and the text around
 * the markers, stay as they were.
 */
class ReportTest {
  @TempDir Path dir;

  private static String write(Path file, String run, String... itemsAndValues) {
    Report r = new Report();
    for (int i = 0; i < itemsAndValues.length; i += 2) {
      r.figure(itemsAndValues[i], "a figure", itemsAndValues[i + 1]);
    }
    r.writeInto(file, r.markdown("Machine: test", run));
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aRunOfOneItemKeepsTheOtherItemsBlocks() throws Exception {
    Path file = dir.resolve("b.md");
    Files.writeString(file, "# B\n\nbefore\n\n" + Report.BEGIN + "\n" + Report.END + "\n\nafter\n");
    write(file, "Run one", "1", "11 events/s", "2", "22 events/s", "8", "88 events/s");

    String md = write(file, "Run two", "2", "222 events/s");

    assertThat(md).startsWith("# B\n\nbefore\n\n").endsWith("after\n");
    assertThat(md)
        .contains("| 1 | a figure | 11 events/s |")
        .contains("| 2 | a figure | 222 events/s |")
        .contains("| 8 | a figure | 88 events/s |")
        .doesNotContain("| 22 events/s |");
    assertThat(md.indexOf("bench:item 1 ")).isLessThan(md.indexOf("bench:item 2 "));
    assertThat(md.indexOf("bench:item 2 ")).isLessThan(md.indexOf("bench:item 8 "));
    String block2 = md.substring(md.indexOf("bench:item 2 "), md.indexOf("bench:item-end 2 "));
    assertThat(block2).contains("Run two").doesNotContain("Run one");
    String block1 = md.substring(md.indexOf("bench:item 1 "), md.indexOf("bench:item-end 1 "));
    assertThat(block1).contains("Run one");
  }

  @Test
  void aSectionInTheSingleTableFormatIsSplitByItemKeepingItsRunLine() throws Exception {
    Path file = dir.resolve("legacy.md");
    Files.writeString(
        file,
        "# B\n\n"
            + Report.BEGIN
            + "\n## Figures of the last run\n\nRun 2026-11-29 14:15 (UTC), items [1, 3]\n\n"
            + "Machine: old\n\n| item | figure | value | target | verdict |\n|---|---|---|---|---|\n"
            + "| 1 | baseline | 151,176 events/s |  |  |\n"
            + "| 3 | punctuation | 70 ns | < 1 ms | met |\n"
            + Report.END
            + "\n");

    String md = write(file, "Run new", "8", "8 events/s");

    String block3 = md.substring(md.indexOf("bench:item 3 "), md.indexOf("bench:item-end 3 "));
    assertThat(block3)
        .contains("Run 2026-11-29 14:15 (UTC), items [1, 3]")
        .contains("Machine: old")
        .contains("| 3 | punctuation | 70 ns | < 1 ms | met |")
        .doesNotContain("151,176");
    assertThat(md).contains("| 1 | baseline | 151,176 events/s |").contains("| 8 | a figure |");
    assertThat(md).doesNotContain("## Figures of the last run\n");
  }
}
