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
 * A rolling restart of three engine instances under load, as an upgrade runs it
 * (docs/operations.md): one instance at a time is stopped with SIGTERM, started again on its state
 * directory, and waited for until ready before the next. Not one alert is lost or doubled.
 */
@WithKafkaCluster
class RollingRestartFaultIT extends EngineFailoverFaults {

  @Test
  void restartingEveryInstanceInTurnLosesAndDoublesNoAlert(ReplicatedKafkaStack stack)
      throws Exception {
    Cluster c = prepare(stack);
    List<EngineInstanceProcess> engines = engines(stack, 3, 1, FAST_FAILURE_DETECTION);
    open.add(Services.ticker(c, Duration.ofSeconds(1)));
    IntakeService intake = intake(c, engines.get(0));
    AlertLedger ledger = new AlertLedger(stack);
    open.add(ledger);
    long started = System.nanoTime();
    SubmissionLoad load =
        new SubmissionLoad(intake.baseUrl(), API_KEY, UNIT, Duration.ofMillis(100));
    try {
      awaitAnswers(load, 100, 202, Duration.ofMinutes(1));
      for (EngineInstanceProcess e : engines) {
        e.restart(); // SIGTERM: a clean close, then the same state dir and port
        e.awaitRunning(Duration.ofMinutes(3));
      }
      awaitAnswers(load, 100, 202, Duration.ofMinutes(1));
    } finally {
      load.close();
    }
    try {
      Set<String> accepted = load.accepted();
      awaitAlerts(ledger, accepted, Duration.ofMinutes(4));
      long lost = ledger.casesMissingAlerts(accepted, ALERTS_PER_CASE).size();
      long duplicates = ledger.duplicates();
      System.out.printf(
          "MEASURED rolling restart of 3 instances in %d s: %d cases, %d distinct alerts, %d"
              + " records, %d cases missing alerts, %d duplicates%n",
          (System.nanoTime() - started) / 1_000_000_000,
          accepted.size(),
          ledger.countsById().size(),
          ledger.seen().size(),
          lost,
          duplicates);
      assertThat(lost).as("cases missing alerts").isZero();
      assertThat(duplicates).as("duplicate alerts").isZero();
    } finally {
      closeAll();
    }
  }

  @AfterEach
  void tearDown() {
    closeAll();
  }
}
