package vn.onestop.app;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import vn.onestop.infra.ReplicatedKafkaStack;
import vn.onestop.intake.IntakeService;

/**
 * Three {@code onestop engine} instances of one application.id on the three-node cluster, under a
 * steady load: one is killed with SIGKILL, and once the two left have taken over its tasks a second
 * one; both are restarted on their state directories. What it measured is returned for the test
 * classes ({@link EngineFailoverFaultIT} with one standby replica per store, {@link
 * EngineFailoverNoStandbyFaultIT} without) to assert on; the engines stay open for the status
 * checks until {@link #closeAll()}.
 */
abstract class EngineFailoverScenario extends EngineFailoverFaults {

  /**
   * What one run of the scenario saw.
   *
   * @param engines the three instances, running again after their restart
   * @param intake the intake the load went through
   * @param answers every submission's answer
   * @param accepted case ids answered 202
   * @param missingAlerts accepted cases without their four alerts in {@code case-alerts}
   * @param duplicates alert records read more than once (by alert id, read_committed)
   * @param distinctAlerts distinct alert ids read
   * @param failoverFirstMillis largest per-partition gap of alerts around the first kill, ms
   * @param failoverSecondMillis the same around the second kill, ms
   */
  record Outcome(
      List<EngineInstanceProcess> engines,
      IntakeService intake,
      List<SubmissionLoad.Answer> answers,
      Set<String> accepted,
      long missingAlerts,
      long duplicates,
      int distinctAlerts,
      long failoverFirstMillis,
      long failoverSecondMillis) {}

  /**
   * Runs the two kills and restarts under load with {@code standbys} standby replicas per store.
   *
   * @throws org.awaitility.core.ConditionTimeoutException when a phase does not complete
   */
  Outcome killOneThenASecondOfThree(ReplicatedKafkaStack stack, int standbys) throws Exception {
    Cluster c = prepare(stack);
    List<EngineInstanceProcess> engines = engines(stack, 3, standbys, FAST_FAILURE_DETECTION);
    open.add(Services.ticker(c, Duration.ofSeconds(1)));
    IntakeService intake = intake(c, engines.get(0));
    AlertLedger ledger = new AlertLedger(stack);
    open.add(ledger);
    long kill1;
    long kill2;
    SubmissionLoad load =
        new SubmissionLoad(intake.baseUrl(), API_KEY, UNIT, Duration.ofMillis(100));
    try {
      awaitAnswers(load, 100, 202, Duration.ofMinutes(1));
      kill1 = System.nanoTime();
      engines.get(1).kill();
      awaitAnswers(load, 50, 202, Duration.ofMinutes(1));
      awaitCaughtUp(ledger, load, Duration.ZERO, Duration.ofMinutes(3)); // the two left took over
      kill2 = System.nanoTime();
      engines.get(2).kill();
      awaitAnswers(load, 50, 202, Duration.ofMinutes(1));
      awaitCaughtUp(ledger, load, Duration.ZERO, Duration.ofMinutes(3)); // one carries them all
      engines.get(1).restart();
      engines.get(2).restart();
      awaitAnswers(load, 50, 202, Duration.ofMinutes(1));
    } finally {
      load.close();
    }
    Set<String> accepted = load.accepted();
    awaitAlerts(ledger, accepted, Duration.ofMinutes(4));
    long lost = ledger.casesMissingAlerts(accepted, ALERTS_PER_CASE).size();
    long duplicates = ledger.duplicates();
    System.out.printf(
        "MEASURED engine kill -9 (standbys %d): %d cases, %d distinct alerts, %d records,"
            + " %d cases missing alerts, %d duplicates%n",
        standbys,
        accepted.size(),
        ledger.countsById().size(),
        ledger.seen().size(),
        lost,
        duplicates);
    long f1 = failover(ledger, "first kill (standbys " + standbys + ")", kill1);
    long f2 = failover(ledger, "second kill (standbys " + standbys + ")", kill2);
    for (EngineInstanceProcess e : engines) {
      e.awaitRunning(Duration.ofMinutes(2));
    }
    return new Outcome(
        engines,
        intake,
        load.answers(),
        accepted,
        lost,
        duplicates,
        ledger.countsById().size(),
        f1,
        f2);
  }
}
