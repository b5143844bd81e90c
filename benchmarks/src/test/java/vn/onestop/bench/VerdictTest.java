package vn.onestop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target is judged only at its scale; below it the report says so instead of met/MISSED. */
class VerdictTest {
  @TempDir Path dir;

  @Test
  void atOrAboveTheTargetScaleTheFigureIsMetOrMissed() {
    assertThat(Verdict.judge(true, 1_000_000, 1_000_000)).isEqualTo("met");
    assertThat(Verdict.judge(false, 1_000_000, 1_000_000)).isEqualTo("MISSED");
    assertThat(Verdict.judge(false, 1_004_254, 1_000_000)).isEqualTo("MISSED");
  }

  @Test
  void belowTheTargetScaleNothingIsJudgedEvenAMetFigure() {
    assertThat(Verdict.judge(true, 20_000, 1_000_000))
        .isEqualTo("not judged (size 20,000 < target scale 1,000,000)");
    assertThat(Verdict.judge(false, 999_999, 1_000_000))
        .isEqualTo("not judged (size 999,999 < target scale 1,000,000)");
  }

  @Test
  void theReportWritesTheVerdictIntoTheTargetRow() throws Exception {
    Report r = new Report();
    r.target("2", "ratio", "12.0 %", "≥ 50 %", false, 20_000, 1_000_000);
    r.target("3", "punctuation", "30 µs", "< 1 ms", true, 1_000_000, 1_000_000);
    Path file = dir.resolve("b.md");
    r.writeInto(file, r.markdown("Machine: test", "Run test"));
    assertThat(Files.readString(file))
        .contains(
            "| 2 | ratio | 12.0 % | ≥ 50 % | not judged (size 20,000 < target scale 1,000,000) |")
        .contains("| 3 | punctuation | 30 µs | < 1 ms | met |");
  }
}
