package vn.onestop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Smoke test: the driver runs every item at the tiny scale on the local broker and registry and
 * writes a figure for each into the report, keeping hand-written text around its markers. Figures
 * are not checked against targets (benchmarks are measured, never asserted).
 */
class BenchMainIT {
  @TempDir Path dir;

  @Test
  void everyItemWritesItsFiguresIntoTheReportAndKeepsTheTextAround() throws Exception {
    Path report = dir.resolve("benchmarks.md");
    Files.writeString(
        report,
        "# Benchmarks\n\nHand-written analysis.\n\n"
            + Report.BEGIN
            + "\nold figures\n"
            + Report.END
            + "\n\nMore text.\n",
        StandardCharsets.UTF_8);

    int exit =
        new CommandLine(new BenchMain())
            .execute(
                "--scale",
                "tiny",
                "--report",
                report.toString(),
                "--work-dir",
                dir.resolve("work").toString());

    assertThat(exit).isZero();
    String md = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(md)
        .startsWith("# Benchmarks\n\nHand-written analysis.")
        .endsWith("More text.\n")
        .doesNotContain("old figures");
    for (int item = 1; item <= 9; item++) {
      assertThat(md).as("figures of item %d", item).contains("| " + item + " | ");
    }
    assertThat(md)
        .contains("Machine: ")
        .contains("events/s")
        .contains("simultaneous breaches")
        .contains("median of 3 pairs")
        .contains("#### Scaling: replay and pipeline by case count");
  }
}
