package vn.onestop.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.ChildJvmAccess;

/**
 * Runs the extension ITs in a child JVM (embedded mode) and checks that, once the JUnit run is
 * over, the extension has closed its stack: no child process (registry) is left, before any
 * shutdown hook.
 */
class ExtensionLeavesNoProcessIT {

  @Test
  void noRegistryProcessIsLeftAfterTheRun() throws Exception {
    ChildJvmAccess child =
        ChildJvmAccess.start(
            ExtensionRunChildMain.class, List.of("-D" + InfraMode.PROPERTY + "=embedded"));
    try {
      await().atMost(Duration.ofMinutes(4)).until(() -> !child.isAlive());
      String output = child.output();
      assertThat(output)
          .as(output)
          .contains("TESTS_FAILED=0")
          .contains("DESCENDANTS=0")
          .doesNotContain("LEFT ");
      assertThat(child.printed("TESTS_SUCCEEDED"))
          .as(output)
          .hasValueSatisfying(n -> assertThat(n).isEqualTo(4));
    } finally {
      child.destroyAndDelete();
    }
  }
}
