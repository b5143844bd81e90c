package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The defaults of an engine instance among several: standby replicas and application.server. */
class EngineOptionsTest {

  private static EngineOptions options(int instances, int standbys, String advertised) {
    EngineOptions o = new EngineOptions();
    o.instances = instances;
    o.standbyReplicas = standbys;
    o.advertisedHttp = advertised;
    return o;
  }

  @Test
  void oneStandbyReplicaByDefaultOnlyWhenSeveralInstancesArePlanned() {
    assertThat(options(1, -1, null).standbys()).isZero();
    assertThat(options(3, -1, null).standbys()).isEqualTo(1);
    assertThat(options(3, 0, null).standbys()).isZero();
    assertThat(options(1, 2, null).standbys()).isEqualTo(2);
    assertThatThrownBy(() -> options(0, -1, null).standbys())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--instances");
  }

  @Test
  void applicationServerIsTheAdvertisedAddressElseTheBoundOne() {
    assertThat(options(2, -1, "engine-2:8070").applicationServer("0.0.0.0", 8070))
        .isEqualTo("engine-2:8070");
    assertThat(options(2, -1, null).applicationServer("127.0.0.1", 41234))
        .isEqualTo("127.0.0.1:41234");
    assertThat(options(2, -1, null).applicationServer("0.0.0.0", 8070))
        .endsWith(":8070")
        .doesNotStartWith("0.0.0.0");
    assertThatThrownBy(() -> options(2, -1, "engine-2").applicationServer("0.0.0.0", 8070))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--advertised-http");
  }
}
