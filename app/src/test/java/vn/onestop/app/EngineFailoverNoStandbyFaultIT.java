package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.ReplicatedKafkaStack;
import vn.onestop.infra.junit.WithKafkaCluster;

/**
 * {@link EngineFailoverScenario} without standby replicas: the stores of a killed instance restore
 * from their changelogs on the instances left, and still not one alert is lost or doubled and the
 * status of every case is answered by every instance.
 */
@WithKafkaCluster
class EngineFailoverNoStandbyFaultIT extends EngineFailoverScenario {

  @Test
  void withoutStandbysTheStoresRestoreFromChangelogsAndNoAlertIsLostOrDoubled(
      ReplicatedKafkaStack stack) throws Exception {
    Outcome o = killOneThenASecondOfThree(stack, 0);
    assertThat(o.answers())
        .as("the intake is not touched by engine faults")
        .allSatisfy(a -> assertThat(a.status()).isEqualTo(202));
    assertThat(o.missingAlerts()).as("cases missing alerts").isZero();
    assertThat(o.duplicates()).as("duplicate alerts").isZero();
    assertThat(o.distinctAlerts()).isEqualTo(o.accepted().size() * ALERTS_PER_CASE);
    assertStatusFromAnyInstance(o.engines(), o.intake(), o.accepted().stream().limit(6).toList());
  }

  @AfterEach
  void tearDown() {
    closeAll();
  }
}
