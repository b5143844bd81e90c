package vn.onestop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTempFilesTest {

  @Test
  void theSweepDeletesOnlyWhatAProcessThatIsGoneLeft(@TempDir Path tmp) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    long livePid = ProcessHandle.current().pid();

    Path deadDir = Files.createDirectories(tmp.resolve("onestop-kafka-pid" + deadPid + "-123"));
    Files.writeString(deadDir.resolve("data.log"), "x");
    Path deadFile =
        Files.writeString(tmp.resolve("onestop-apicurio-pid" + deadPid + "-9.log"), "x");
    Path liveDir = Files.createDirectories(tmp.resolve("onestop-engine-pid" + livePid + "-456"));
    Path unnamed = Files.createDirectories(tmp.resolve("onestop-kafka-789"));
    Path other = Files.createDirectories(tmp.resolve("sla-ttd-pid" + deadPid + "-1"));

    assertThat(ProcessTempFiles.sweep(tmp)).containsExactlyInAnyOrder(deadDir, deadFile);

    assertThat(deadDir).doesNotExist();
    assertThat(deadFile).doesNotExist();
    assertThat(liveDir).as("a live process's directory").exists();
    assertThat(unnamed).as("no owner in the name").exists();
    assertThat(other).as("not ours").exists();
  }

  @Test
  void namesCarryTheOwnersPid() throws Exception {
    Path dir = ProcessTempFiles.createDirectory("test");
    try {
      assertThat(ProcessTempFiles.owner(dir.getFileName().toString()))
          .hasValue(ProcessHandle.current().pid());
      assertThat(ProcessTempFiles.owner("onestop-kafka-12345")).isEmpty();
    } finally {
      Files.delete(dir);
    }
  }
}
