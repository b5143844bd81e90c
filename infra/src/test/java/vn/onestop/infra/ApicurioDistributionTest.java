package vn.onestop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApicurioDistributionTest {

  @Test
  void missingExplicitArchiveIsNamedInTheError() {
    String previous = System.getProperty(ApicurioDistribution.DIST_PROPERTY);
    System.setProperty(ApicurioDistribution.DIST_PROPERTY, "/nonexistent/apicurio.tar.gz");
    try {
      assertThatThrownBy(ApicurioDistribution::archive)
          .isInstanceOf(InfraException.class)
          .hasMessageContaining("/nonexistent/apicurio.tar.gz")
          .hasMessageContaining(ApicurioDistribution.DIST_PROPERTY);
    } finally {
      restore(previous);
    }
  }

  @Test
  void missingArchiveInTheMavenRepositoryTellsHowToGetIt() {
    String previous = System.getProperty(ApicurioDistribution.DIST_PROPERTY);
    String previousRepo = System.getProperty("maven.repo.local");
    System.clearProperty(ApicurioDistribution.DIST_PROPERTY);
    System.setProperty("maven.repo.local", "/nonexistent-repo");
    try {
      if (System.getenv("ONESTOP_APICURIO_DIST") == null) {
        assertThatThrownBy(ApicurioDistribution::archive)
            .isInstanceOf(InfraException.class)
            .hasMessageContaining(
                "/nonexistent-repo/io/apicurio/apicurio-registry-app/2.6.13.Final")
            .hasMessageContaining("mvn -pl infra install");
      }
    } finally {
      restore(previous);
      if (previousRepo == null) {
        System.clearProperty("maven.repo.local");
      } else {
        System.setProperty("maven.repo.local", previousRepo);
      }
    }
    assertThat(ApicurioDistribution.VERSION).isEqualTo("2.6.13.Final");
  }

  private static void restore(String previous) {
    if (previous == null) {
      System.clearProperty(ApicurioDistribution.DIST_PROPERTY);
    } else {
      System.setProperty(ApicurioDistribution.DIST_PROPERTY, previous);
    }
  }
}
