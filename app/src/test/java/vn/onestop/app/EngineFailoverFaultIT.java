package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.ReplicatedKafkaStack;
import vn.onestop.infra.junit.WithKafkaCluster;
import vn.onestop.intake.IntakeService;

/**
 * Three {@code onestop engine} instances of one application.id on the three-node cluster, under a
 * steady load: one is killed with SIGKILL, later a second one; both are restarted on their state
 * directories. Not one alert is lost or doubled (read_committed, by alert id), the status of every
 * case is answered by every instance, and the failover time is printed. With one standby replica
 * per store (the default for several instances); {@link EngineFailoverNoStandbyFaultIT} runs the
 * same without.
 */
@WithKafkaCluster
class EngineFailoverFaultIT extends EngineFailoverFaults {

  int standbys() {
    return 1;
  }

  @Test
  void killingOneThenASecondOfThreeInstancesLosesAndDoublesNoAlert(ReplicatedKafkaStack stack)
      throws Exception {
    Cluster c = prepare(stack);
    List<EngineInstanceProcess> engines = engines(stack, 3, standbys(), FAST_FAILURE_DETECTION);
    open.add(Services.ticker(c, Duration.ofSeconds(1)));
    IntakeService intake = intake(c, engines.get(0));
    AlertLedger ledger = new AlertLedger(stack);
    open.add(ledger);
    long kill1;
    long kill2;
    SubmissionLoad load =
        new SubmissionLoad(intake.baseUrl(), API_KEY, UNIT, Duration.ofMillis(100));
    try {
      Thread.sleep(15_000);
      kill1 = System.nanoTime();
      engines.get(1).kill();
      Thread.sleep(20_000);
      kill2 = System.nanoTime();
      engines.get(2).kill();
      Thread.sleep(15_000);
      engines.get(1).restart();
      engines.get(2).restart();
      Thread.sleep(10_000);
    } finally {
      load.close();
    }
    try {
      Set<String> accepted = load.accepted();
      assertThat(load.answers())
          .as("the intake is not touched by engine faults")
          .allSatisfy(a -> assertThat(a.status()).isEqualTo(202));
      awaitAlerts(ledger, accepted, Duration.ofMinutes(4));
      long lost = ledger.casesMissingAlerts(accepted, ALERTS_PER_CASE).size();
      long duplicates = ledger.duplicates();
      System.out.printf(
          "MEASURED engine kill -9 (standbys %d): %d cases, %d distinct alerts, %d records,"
              + " %d cases missing alerts, %d duplicates%n",
          standbys(),
          accepted.size(),
          ledger.countsById().size(),
          ledger.seen().size(),
          lost,
          duplicates);
      failover(ledger, "first kill (standbys " + standbys() + ")", kill1);
      failover(ledger, "second kill (standbys " + standbys() + ")", kill2);
      assertThat(lost).as("cases missing alerts").isZero();
      assertThat(duplicates).as("duplicate alerts").isZero();
      assertThat(ledger.countsById()).hasSize(accepted.size() * ALERTS_PER_CASE);

      for (EngineInstanceProcess e : engines) {
        e.awaitRunning(Duration.ofMinutes(2));
      }
      assertStatusFromAnyInstance(engines, intake, accepted.stream().limit(6).toList());
      assertReplicated(stack);
    } finally {
      closeAll();
    }
  }

  @AfterEach
  void tearDown() {
    closeAll();
  }
}
