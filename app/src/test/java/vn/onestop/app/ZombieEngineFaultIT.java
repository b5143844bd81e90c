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
 * A zombie instance: one of two engine instances is paused with SIGSTOP for longer than {@code
 * max.poll.interval.ms} (15 s here) and its session timeout, so its tasks move to the other one,
 * then resumed with SIGCONT while it still believes it owns them. Exactly_once_v2 fences its
 * producer: not one alert is doubled or lost, and the resumed instance rejoins the group.
 */
@WithKafkaCluster
class ZombieEngineFaultIT extends EngineFailoverFaults {

  @Test
  void anInstanceResumedAfterMaxPollIntervalWritesNoDuplicateAlert(ReplicatedKafkaStack stack)
      throws Exception {
    Cluster c = prepare(stack);
    List<String> props =
        List.of(
            "session.timeout.ms=6000", "heartbeat.interval.ms=1500", "max.poll.interval.ms=15000");
    List<EngineInstanceProcess> engines = engines(stack, 2, 0, props);
    open.add(Services.ticker(c, Duration.ofSeconds(1)));
    IntakeService intake = intake(c, engines.get(0));
    AlertLedger ledger = new AlertLedger(stack);
    open.add(ledger);
    long paused;
    long pausedMillis;
    SubmissionLoad load =
        new SubmissionLoad(intake.baseUrl(), API_KEY, UNIT, Duration.ofMillis(100));
    try {
      awaitAnswers(load, 100, 202, Duration.ofMinutes(1));
      paused = System.nanoTime();
      engines.get(1).pause();
      // Longer than max.poll.interval.ms (15 s), and until the other instance has taken over.
      awaitCaughtUp(ledger, load, Duration.ofSeconds(20), Duration.ofMinutes(3));
      pausedMillis = (System.nanoTime() - paused) / 1_000_000;
      engines.get(1).resume();
      awaitAnswers(load, 100, 202, Duration.ofMinutes(1));
      awaitCaughtUp(ledger, load, Duration.ZERO, Duration.ofMinutes(3));
    } finally {
      load.close();
    }
    try {
      Set<String> accepted = load.accepted();
      awaitAlerts(ledger, accepted, Duration.ofMinutes(4));
      long lost = ledger.casesMissingAlerts(accepted, ALERTS_PER_CASE).size();
      long duplicates = ledger.duplicates();
      System.out.printf(
          "MEASURED zombie (SIGSTOP %d ms > max.poll.interval.ms 15 s, then SIGCONT): %d cases,"
              + " %d distinct alerts, %d records, %d cases missing alerts, %d duplicates%n",
          pausedMillis,
          accepted.size(),
          ledger.countsById().size(),
          ledger.seen().size(),
          lost,
          duplicates);
      failover(ledger, "paused instance", paused);
      assertThat(lost).as("cases missing alerts").isZero();
      assertThat(duplicates).as("duplicate alerts").isZero();
      engines.get(1).awaitRunning(Duration.ofMinutes(2));
      assertThat(engines.get(1).isAlive()).isTrue();
    } finally {
      closeAll();
    }
  }

  @AfterEach
  void tearDown() {
    closeAll();
  }
}
