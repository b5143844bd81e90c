package vn.onestop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParentWatchAgentTest {

  @Test
  void tinyAgentJarIsBuiltFromTheClassesDirectory() throws Exception {
    // Unit tests run from target/classes, so the agent jar has to be built on the fly.
    Path jar = AgentJar.locate();
    assertThat(jar).isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      assertThat(file.getManifest().getMainAttributes().getValue("Premain-Class"))
          .isEqualTo(ParentWatchAgent.class.getName());
      assertThat(file.stream().map(e -> e.getName()).collect(Collectors.toList()))
          .contains("vn/onestop/infra/ParentWatchAgent.class")
          .allMatch(
              name ->
                  name.startsWith("META-INF")
                      || name.equals("vn/onestop/infra/ParentWatchAgent.class"));
    }
    assertThat(AgentJar.locate()).isEqualTo(jar);
  }

  @Test
  void childHaltsWhenTheWatchedParentDies() throws Exception {
    Process parent = new ProcessBuilder("sleep", "600").start();
    Path out = Files.createTempFile("agent-test-", ".log");
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-javaagent:" + AgentJar.locate() + "=" + parent.pid(),
                "-cp",
                System.getProperty("java.class.path"),
                BlockingMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(out).contains("BLOCKING"));
      assertThat(child.isAlive()).isTrue();

      parent.destroyForcibly();
      await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
      assertThat(Files.readString(out)).contains("parent process " + parent.pid() + " is gone");
    } finally {
      parent.destroyForcibly();
      child.destroyForcibly();
      Files.deleteIfExists(out);
    }
  }

  @Test
  void childHaltsAtOnceWhenTheParentIsAlreadyGone() throws Exception {
    Process parent = new ProcessBuilder("true").start();
    parent.waitFor();
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-javaagent:" + AgentJar.locate() + "=" + parent.pid(),
                "-cp",
                System.getProperty("java.class.path"),
                BlockingMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
    } finally {
      child.destroyForcibly();
    }
  }
}
