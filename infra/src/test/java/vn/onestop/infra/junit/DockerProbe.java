package vn.onestop.infra.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether Testcontainers can be used, without loading any Testcontainers class unless a
 * Docker engine is plausibly there (a socket, {@code DOCKER_HOST}, or a Testcontainers config
 * file).
 */
final class DockerProbe {
  private DockerProbe() {}

  /**
   * @return true if Testcontainers is on the class path and reports a usable Docker engine
   */
  static boolean dockerAvailable() {
    ClassLoader loader = DockerProbe.class.getClassLoader();
    if (loader.getResource("org/testcontainers/DockerClientFactory.class") == null) {
      return false;
    }
    if (!dockerHintPresent()) {
      return false;
    }
    return TestcontainersKafkaStack.dockerAvailable();
  }

  private static boolean dockerHintPresent() {
    if (System.getenv("DOCKER_HOST") != null) {
      return true;
    }
    String home = System.getProperty("user.home");
    List<Path> candidates =
        new ArrayList<>(
            List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock"),
                Path.of(home, ".testcontainers.properties")));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null) {
      candidates.add(Path.of(runtime, "docker.sock"));
      candidates.add(Path.of(runtime, "podman", "podman.sock"));
    }
    return candidates.stream().anyMatch(Files::exists);
  }
}
