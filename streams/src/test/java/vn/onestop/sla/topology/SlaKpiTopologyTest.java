package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;

/**
 * The KPI wiring of the SLA topology in a TopologyTestDriver: the hand-computed {@link
 * KpiEngineScenario} must come out of {@code unit-kpis} exactly, month by month, once the month is
 * over.
 */
class SlaKpiTopologyTest {
  private static final Instant END = KpiEngineScenario.END;
  private static final List<KeyValue<String, UnitKpi>> EXPECTED = KpiEngineScenario.EXPECTED;

  @RegisterExtension final SlaDriver d = SlaDriver.perTest();

  @Test
  void handComputedScenarioGivesExactlyTheExpectedUnitKpisMonthByMonth() {
    List<CaseEvent> log = KpiEngineScenario.log(END, 1);
    Instant febFirst = KpiEngineScenario.local("2026-02-01T00:00");
    int i = 0;
    for (; i < log.size() && log.get(i).getOccurredAt().isBefore(febFirst); i++) {
      d.pipe(log.get(i));
    }
    assertThat(d.readKpis())
        .as("January is not over before stream time reaches 01/02 00:00")
        .isEmpty();
    d.pipe(log.get(i++)); // the tick at 01/02 00:00 (ticks come first at equal instants)
    assertThat(d.readKpis())
        .as("January, published by the first punctuation at its end")
        .containsExactlyElementsOf(EXPECTED.subList(0, 2));
    for (; i < log.size(); i++) {
      d.pipe(log.get(i));
    }
    assertThat(d.readKpis())
        .as("February, published at 01/03 00:00")
        .containsExactlyElementsOf(EXPECTED.subList(2, 4));
    d.pipe(TestRecords.tick(KpiEngineScenario.local("2026-03-20T00:00"), 0));
    assertThat(d.readKpis()).as("March is not over: nothing more").isEmpty();
    assertThat(d.readRejected()).extracting(r -> r.getCaseId()).containsExactly("s7");
  }

  @Test
  void aResolutionAtExactlyTheDueInstantIsOnTimeAndGetsNoBreachAlert() {
    for (CaseEvent e : KpiEngineScenario.log(KpiEngineScenario.local("2026-01-20T00:00"), 1)) {
      d.pipe(e);
    }
    List<CaseAlert> alerts = d.readAlerts();
    assertThat(alerts)
        .filteredOn(a -> a.getCaseId().equals("s1"))
        .noneMatch(a -> a.getKind() == AlertKind.BREACH);
    assertThat(alerts)
        .filteredOn(a -> a.getCaseId().equals("s2") && a.getKind() == AlertKind.BREACH)
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.getDecidedAt())
                    .isEqualTo(KpiEngineScenario.local("2026-01-13T00:00")));
  }

  @Test
  void theEngineAgreesWithTheOfflineRecomputationUsedForReconciliation() {
    List<CaseEvent> log = KpiEngineScenario.log(END, 1);
    log.forEach(d::pipe);
    Map<String, UnitKpi> engine =
        d.readKpis().stream()
            .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b, TreeMap::new));
    Map<String, UnitKpi> offline = new TreeMap<>();
    PlainAvroSerde<CaseEvent> serde = new PlainAvroSerde<>(CaseEvent.class);
    OfflineReplay replay =
        new OfflineReplay(
            PolicyBook.defaults(),
            vn.onestop.sla.calendar.CalendarBook.standard(),
            PunctuationSettings.DEFAULT,
            1,
            SlaTopics.DEFAULT.caseEvents(),
            serde.deserializer(),
            true,
            new OfflineReplay.Listener() {
              @Override
              public void unitKpi(UnitKpi k) {
                offline.put(vn.onestop.sla.kpi.KpiAggregator.key(k), k);
              }
            });
    TestRecords.orgChart().forEach(u -> replay.orgRecord(u.getUnitId(), u));
    for (int i = 0; i < log.size(); i++) {
      CaseEvent e = log.get(i);
      replay.accept(
          new OfflineReplay.LogRecord(
              0,
              i,
              e.getOccurredAt().toEpochMilli(),
              e.getCaseId().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              serde.serializer().serialize("case-events", e),
              null));
    }
    assertThat(engine).isEqualTo(new TreeMap<>(offline));
  }

  @Test
  void aRestartAfterEveryFewRecordsGivesTheSameUnitKpis() {
    List<CaseEvent> log = KpiEngineScenario.log(END, 1);
    for (int i = 0; i < log.size(); i++) {
      if (i % 17 == 5) {
        d.restart();
      }
      d.pipe(log.get(i));
    }
    assertThat(d.readKpis()).containsExactlyElementsOf(EXPECTED);
  }
}
