package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command on its embedded default and the bundled real data: the engine agrees
 * with every labelled case of the source system, the audit replay finds no difference, and a stop
 * signal in the middle of a run leaves no process and no temporary directory behind.
 */
class DemoIT {

  @Test
  void demoAgreesWithEveryLabelledCaseAndReplaysWithoutDifference(@TempDir Path reports) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int status;
    try (PrintStream tee =
        new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8)) {
      System.setOut(tee);
      status = Main.run("demo", "--report-dir", reports.toString());
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(status).as(out).isZero();
    assertThat(out)
        .contains("rows read 41263, cases 41259, resolutions 36074, rejected rows 4")
        .contains("rejected: closed before opened: 4")
        .contains("labelled cases 41129: agree 41129 (100.00 %), disagree 0")
        .contains("unlabelled cases (counted apart): 130")
        .containsPattern("\\d+ match, 0 missing, 0 extra, 0 differing")
        .contains("2015-06 PWDx")
        .contains("Wall time by phase:")
        .containsPattern("\\n  import +\\d+\\.\\d s")
        .containsPattern("\\n  engine catching up +\\d+\\.\\d s")
        .containsPattern("\\n  audit replay +\\d+\\.\\d s")
        .containsPattern("\\n  KPI reports +\\d+\\.\\d s");
    assertThat(reports.resolve("kpi-2015-06.html")).exists();
    assertThat(reports.resolve("kpi-2015-06.csv")).exists();
    assertThat(reports.resolve("rejected-rows.csv")).exists();
  }

  @Test
  void aStopSignalDuringTheDemoStopsEverythingAndLeavesNoTemporaryDirectory(@TempDir Path tmp)
      throws Exception {
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    Path log = tmp.resolve("demo.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process demo =
        new ProcessBuilder(
                java,
                "-Xmx1g",
                "-Djava.io.tmpdir=" + javaTmp,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo",
                "--report-dir",
                tmp.resolve("reports").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> Files.readString(log).contains("Importing"));
      List<ProcessHandle> children = demo.descendants().toList();
      assertThat(children).as("the demo runs the registry as a child process").isNotEmpty();

      demo.destroy(); // SIGTERM, as a service manager or Ctrl-C (SIGINT) would stop it

      await().atMost(Duration.ofMinutes(1)).until(() -> !demo.isAlive());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
      try (Stream<Path> left = Files.list(javaTmp)) {
        assertThat(
                left.map(Path::getFileName)
                    .map(Path::toString)
                    .filter(n -> n.startsWith("onestop-")))
            .as("temporary directories and files left by the demo")
            .isEmpty();
      }
    } finally {
      demo.destroyForcibly();
    }
  }

  /** Writes to two streams (the test log keeps the demo's output visible). */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws java.io.IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      a.flush();
      b.flush();
    }
  }
}
