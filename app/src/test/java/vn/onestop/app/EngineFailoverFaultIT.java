package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.ReplicatedKafkaStack;
import vn.onestop.infra.junit.WithKafkaCluster;

/**
 * {@link EngineFailoverScenario} with one standby replica per store (the default for several
 * instances): not one alert is lost or doubled (read_committed, by alert id), the intake is not
 * touched, the status of every case is answered by every instance, and every topic is replicated.
 */
@WithKafkaCluster
class EngineFailoverFaultIT extends EngineFailoverScenario {

  @Test
  void killingOneThenASecondOfThreeInstancesLosesAndDoublesNoAlert(ReplicatedKafkaStack stack)
      throws Exception {
    Outcome o = killOneThenASecondOfThree(stack, 1);
    assertThat(o.answers())
        .as("the intake is not touched by engine faults")
        .allSatisfy(a -> assertThat(a.status()).isEqualTo(202));
    assertThat(o.missingAlerts()).as("cases missing alerts").isZero();
    assertThat(o.duplicates()).as("duplicate alerts").isZero();
    assertThat(o.distinctAlerts()).isEqualTo(o.accepted().size() * ALERTS_PER_CASE);
    assertStatusFromAnyInstance(o.engines(), o.intake(), o.accepted().stream().limit(6).toList());
    assertReplicated(stack);
  }

  @AfterEach
  void tearDown() {
    closeAll();
  }
}
