package vn.onestop.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InfraModeTest {
  private final String previous = System.getProperty(InfraMode.PROPERTY);

  @AfterEach
  void restore() {
    if (previous == null) {
      System.clearProperty(InfraMode.PROPERTY);
    } else {
      System.setProperty(InfraMode.PROPERTY, previous);
    }
  }

  @Test
  void readsTheModeCaseInsensitively() {
    System.setProperty(InfraMode.PROPERTY, "Embedded");
    assertThat(InfraMode.configured()).isEqualTo(InfraMode.EMBEDDED);
    System.setProperty(InfraMode.PROPERTY, "testcontainers");
    assertThat(InfraMode.configured()).isEqualTo(InfraMode.TESTCONTAINERS);
  }

  @Test
  void unknownModeNamesThePropertyAndTheChoices() {
    System.setProperty(InfraMode.PROPERTY, "docker");
    assertThatThrownBy(InfraMode::configured)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("onestop.test.infra")
        .hasMessageContaining("ONESTOP_TEST_INFRA")
        .hasMessageContaining("embedded")
        .hasMessageContaining("'docker'");
  }
}
