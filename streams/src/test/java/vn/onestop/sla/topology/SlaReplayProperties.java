package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Determinism of the SLA engine (docs/design.md, Time and determinism): the same event log
 * processed in one batch, in many small batches with a restart (store restore, fresh stream time
 * and punctuation alignment) after each, with one restart in the middle, or with another
 * punctuation interval and work budget, yields the identical alert list. Emission order across
 * cases depends on punctuation alignment, so lists are compared sorted by alert id; every field
 * (decidedAt included) must match. The same holds for the monthly KPIs: the final {@code unit-kpis}
 * record of every key is identical.
 */
class SlaReplayProperties {
  private static final PolicyBook POLICIES = PolicyBook.defaults();

  /** Monday 2 March 2026, 08:00 in Hà Nội. */
  private static final Instant BASE = Instant.parse("2026-03-02T01:00:00Z");

  @Property(tries = 20)
  void manySmallBatchesWithRestartsGiveTheSameAlerts(
      @ForAll("logs") List<CaseEvent> log, @ForAll @IntRange(min = 2, max = 15) int batches) {
    Run once = run(log, PunctuationSettings.DEFAULT, List.of());
    int batch = Math.max(1, (log.size() + batches - 1) / batches);
    List<Integer> restarts = new ArrayList<>();
    for (int i = batch; i < log.size(); i += batch) {
      restarts.add(i);
    }
    assertThat(run(log, PunctuationSettings.DEFAULT, restarts)).isEqualTo(once);
  }

  @Property(tries = 20)
  void aRestartInTheMiddleGivesTheSameAlerts(
      @ForAll("logs") List<CaseEvent> log, @ForAll @IntRange(min = 0, max = 1000) int at) {
    Run once = run(log, PunctuationSettings.DEFAULT, List.of());
    assertThat(run(log, PunctuationSettings.DEFAULT, List.of(at % (log.size() + 1))))
        .isEqualTo(once);
  }

  @Property(tries = 20)
  void punctuationIntervalAndWorkBudgetDoNotChangeTheAlerts(
      @ForAll("logs") List<CaseEvent> log, @ForAll("settings") PunctuationSettings settings) {
    Run once = run(log, PunctuationSettings.DEFAULT, List.of());
    assertThat(run(log, settings, List.of(log.size() / 2))).isEqualTo(once);
  }

  /**
   * What a run published.
   *
   * @param alerts alerts sorted by id
   * @param kpis the last unit-kpis record of each key
   */
  private record Run(List<CaseAlert> alerts, Map<String, UnitKpi> kpis) {}

  /** Runs the log through a driver, restarting before the given indexes. */
  private static Run run(
      List<CaseEvent> log, PunctuationSettings settings, List<Integer> restartBefore) {
    List<CaseAlert> alerts = new ArrayList<>();
    Map<String, UnitKpi> kpis = new TreeMap<>();
    try (SlaDriver d = new SlaDriver(POLICIES, settings)) {
      d.orgUnits(TestRecords.orgChart());
      for (int i = 0; i < log.size(); i++) {
        if (restartBefore.contains(i)) {
          d.restart();
        }
        d.pipe(log.get(i));
      }
      alerts.addAll(d.readAlerts());
      d.readKpis().forEach(kv -> kpis.put(kv.key, kv.value));
    }
    assertThat(alerts)
        .extracting(CaseAlert::getAlertId)
        .as("each alert once")
        .doesNotHaveDuplicates();
    assertThat(kpis)
        .as("March 2026 is closed by the ticks")
        .containsKey(TestRecords.UNIT + "|2026-03");
    alerts.sort(Comparator.comparing(CaseAlert::getAlertId));
    return new Run(alerts, kpis);
  }

  @Provide
  Arbitrary<PunctuationSettings> settings() {
    return Combinators.combine(
            Arbitraries.of(
                Duration.ofMillis(1),
                Duration.ofSeconds(1),
                Duration.ofMinutes(10),
                Duration.ofHours(6)),
            Arbitraries.of(1, 2, 3, 10_000))
        .as(PunctuationSettings::new);
  }

  /**
   * A log of 1-8 cases (source-provided due dates or feedback under the default policy), ticks, in
   * time order.
   */
  @Provide
  Arbitrary<List<CaseEvent>> logs() {
    Arbitrary<List<CaseSpec>> cases = caseSpec().list().ofMinSize(1).ofMaxSize(8);
    Arbitrary<Long> tickEveryMinutes = Arbitraries.of(3 * 60L + 7, 12 * 60L, 24 * 60L);
    return Combinators.combine(cases, tickEveryMinutes)
        .as(
            (specs, every) -> {
              List<CaseEvent> log = new ArrayList<>();
              for (int i = 0; i < specs.size(); i++) {
                log.addAll(specs.get(i).events("case-" + i));
              }
              for (Instant t = BASE;
                  t.isBefore(BASE.plus(Duration.ofDays(60)));
                  t = t.plus(Duration.ofMinutes(every))) {
                log.add(TestRecords.tick(t, 0));
              }
              // Stable sort: a case's events keep their order at equal instants.
              log.sort(Comparator.comparing(CaseEvent::getOccurredAt));
              return log;
            });
  }

  private Arbitrary<CaseSpec> caseSpec() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 20L * 24 * 60), // submitted, minutes after BASE
            Arbitraries.longs().between(60, 15L * 24 * 60), // source due, minutes after submission
            Arbitraries.longs().between(10, 40L * 24 * 60).optional(0.5), // resolved, minutes after
            Arbitraries.of(true, false), // source-provided or feedback
            Arbitraries.of(true, false)) // duplicate submission
        .as(CaseSpec::new);
  }

  private record CaseSpec(
      long submitMin,
      long dueMin,
      java.util.Optional<Long> resolveMin,
      boolean sourceProvided,
      boolean duplicate) {
    List<CaseEvent> events(String caseId) {
      Instant submitted = BASE.plus(Duration.ofMinutes(submitMin));
      List<CaseEvent> out = new ArrayList<>();
      CaseEvent submit =
          sourceProvided
              ? TestRecords.submittedWithSourceDue(
                  caseId + "-s", caseId, submitted, submitted.plus(Duration.ofMinutes(dueMin)))
              : TestRecords.submittedFeedback(caseId + "-s", caseId, submitted, null);
      out.add(submit);
      if (duplicate) {
        out.add(submit);
      }
      Instant last = submitted;
      if (!sourceProvided) {
        last = submitted.plus(Duration.ofMinutes(dueMin / 3));
        out.add(TestRecords.accepted(caseId + "-a", caseId, last));
      }
      Instant end = last;
      resolveMin.ifPresent(
          m ->
              out.add(
                  TestRecords.resolved(caseId + "-r", caseId, end.plus(Duration.ofMinutes(m)))));
      return out;
    }
  }
}
