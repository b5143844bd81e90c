package vn.onestop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No registry process outlives the JVM that started it, however that JVM ends; what a SIGKILL
 * leaves on disk is deleted by the next start.
 */
class RegistryOrphanIT {

  @Test
  void registryHaltsWhenItsParentIsKilledWithSigkillAndTheNextStartDeletesItsLeftovers(
      @TempDir Path tmp) throws Exception {
    ChildJvm parent =
        ChildJvm.start(RegistryChildMain.class, List.of("-Djava.io.tmpdir=" + tmp), "hold");
    try {
      long registryPid = awaitRegistryPid(parent);
      assertThat(alive(registryPid)).isTrue();
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> parent.printedPath("BROKER_DIR").isPresent());

      parent.process.destroyForcibly(); // SIGKILL: shutdown hooks do not run
      await().atMost(Duration.ofSeconds(30)).until(() -> !parent.process.isAlive());

      await().atMost(Duration.ofSeconds(30)).until(() -> !alive(registryPid));
      assertThat(parent.output()).contains("REGISTRY_PID=" + registryPid);

      Path brokerDir = parent.printedPath("BROKER_DIR").orElseThrow();
      Path registryLog = parent.printedPath("REGISTRY_LOG").orElseThrow();
      assertThat(brokerDir).as("left by the SIGKILL").exists();
      assertThat(registryLog).as("left by the SIGKILL").exists();
      assertThat(ProcessTempFiles.sweep(tmp)).containsExactlyInAnyOrder(brokerDir, registryLog);
      assertThat(brokerDir).doesNotExist();
      assertThat(registryLog).doesNotExist();
    } finally {
      parent.destroyAndDelete();
    }
  }

  @Test
  void shutdownHooksStopRegistryAndBrokerWhenParentExitsWithoutClosing() throws Exception {
    ChildJvm parent = ChildJvm.start(RegistryChildMain.class, List.of(), "exit");
    try {
      long registryPid = awaitRegistryPid(parent);
      await().atMost(Duration.ofSeconds(60)).until(() -> !parent.process.isAlive());
      assertThat(parent.process.exitValue()).isZero();
      // the hooks wait for the registry to exit before the parent finishes exiting
      assertThat(alive(registryPid)).isFalse();
      assertThat(parent.printedPath("REGISTRY_LOG"))
          .hasValueSatisfying(log -> assertThat(log).doesNotExist());
      assertThat(parent.printedPath("BROKER_DIR"))
          .hasValueSatisfying(dir -> assertThat(dir).doesNotExist());
    } finally {
      parent.destroyAndDelete();
    }
  }

  private static long awaitRegistryPid(ChildJvm parent) {
    await()
        .atMost(Duration.ofSeconds(120))
        .failFast(
            "child JVM exited early",
            () -> !parent.process.isAlive() && parent.printed("REGISTRY_PID").isEmpty())
        .until(() -> parent.printed("REGISTRY_PID").isPresent());
    return parent.printed("REGISTRY_PID").orElseThrow();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
