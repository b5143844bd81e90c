package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code kpi publish} and {@code audit what-if}: one line naming the option and the
 * problem, a non-zero exit, no cluster asked (the cluster options point at a closed port) and
 * nothing written into {@code --out}.
 */
class KpiWhatIfBadInputTest {
  static final String[] CLUSTER = {
    "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:1"
  };

  @TempDir Path dir;

  static String firstLine(String s) {
    return s.lines().findFirst().orElse("");
  }

  @Test
  void aMonthThirteenIsRefusedNamingTheOption() throws Exception {
    Path out = dir.resolve("site");
    CommandRun run =
        CommandRun.of(
            new String[] {"kpi", "publish", "--month", "2026-13", "--out", out.toString()},
            CLUSTER);
    assertThat(run.status()).isEqualTo(2);
    assertThat(firstLine(run.err()))
        .startsWith("onestop kpi publish: ")
        .contains("--month")
        .contains("expected a month YYYY-MM (e.g. 2026-01), got '2026-13'");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingParentOfOutIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path out = dir.resolve("no-such-parent").resolve("site");
    CommandRun run =
        CommandRun.of(
            new String[] {"kpi", "publish", "--month", "2025-12", "--out", out.toString()},
            CLUSTER);
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "onestop kpi publish: --out "
                + out
                + ": the parent directory "
                + out.getParent()
                + " does not exist (create it first; the site is written beside it, then moved"
                + " in)\n");
    assertThat(out.getParent()).doesNotExist();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void anInvalidDraftJsonIsNamedWithFileLineAndColumn() throws Exception {
    Path draft = dir.resolve("draft.json");
    Files.writeString(
        draft, "{\n  \"policies\": [\n    { \"policyId\": \"X\" ,, }\n", StandardCharsets.UTF_8);
    CommandRun run =
        CommandRun.of(
            new String[] {
              "audit",
              "what-if",
              "--policies",
              draft.toString(),
              "--from",
              "2026-01-01",
              "--to",
              "2026-02-01"
            },
            CLUSTER);
    assertThat(run.status()).isNotZero();
    assertThat(run.err().lines().count()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("onestop audit what-if: " + draft + ":3:")
        .contains(": invalid JSON: ");
  }

  @Test
  void fromAfterToIsRefused() {
    CommandRun run =
        CommandRun.of(
            new String[] {
              "audit",
              "what-if",
              "--policies",
              "../examples/what-if-draft-escalation-2wd.json",
              "--from",
              "2026-02-01",
              "--to",
              "2026-01-01"
            },
            CLUSTER);
    assertThat(run.status()).isEqualTo(2);
    assertThat(firstLine(run.err()))
        .startsWith("onestop audit what-if: ")
        .contains("--to")
        .contains("must be after --from");
  }
}
