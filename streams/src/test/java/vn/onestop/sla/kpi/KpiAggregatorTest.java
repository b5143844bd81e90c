package vn.onestop.sla.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Rated;
import vn.onestop.schema.UnitKpi;

class KpiAggregatorTest {

  private static UnitKpi kpi(String unit, String month, long received, long accepted, long resolved, long onTime,
      long overdue, Double median, long ratings, Double mean) {
    return UnitKpi.newBuilder().setUnitId(unit).setMonth(month).setReceived(received).setAccepted(accepted)
        .setResolved(resolved).setResolvedOnTime(onTime).setOverdueOpenAtMonthEnd(overdue)
        .setMedianResolutionWorkingDays(median).setRatingCount(ratings).setMeanRating(mean).build();
  }

  /** Computed by hand: see the comments in {@link KpiScenario}. */
  static final Map<String, UnitKpi> EXPECTED = Map.of(
      "A|2026-01", kpi("A", "2026-01", 4, 4, 2, 1, 2, 9.5, 2, 3.5),
      "B|2026-01", kpi("B", "2026-01", 3, 2, 0, 0, 0, null, 0, null),
      "A|2026-02", kpi("A", "2026-02", 0, 0, 2, 1, 1, 15.0, 1, 4.0),
      "B|2026-02", kpi("B", "2026-02", 0, 0, 0, 0, 1, null, 0, null));

  @Test
  void handComputedScenarioMatchesExactly() {
    Map<String, UnitKpi> actual = KpiOffline.compute(KpiScenario.EVENTS, KpiScenario.MODEL, KpiScenario.END);
    assertThat(new TreeMap<>(actual)).isEqualTo(new TreeMap<>(EXPECTED));
  }

  @Test
  void theJsonKeyValueStoreGivesTheSameFigures() {
    Map<String, String> kv = new HashMap<>();
    KeyValueKpiStore store = new KeyValueKpiStore(new KeyValueKpiStore.StringKeyValue() {
      @Override
      public String get(String key) {
        return kv.get(key);
      }

      @Override
      public void put(String key, String value) {
        kv.put(key, value);
      }

      @Override
      public List<String> keysWithPrefix(String prefix) {
        return kv.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
      }
    });
    KpiOffline<KpiCase> offline = new KpiOffline<>(KpiScenario.MODEL, store);
    KpiScenario.EVENTS.forEach(offline::accept);
    assertThat(new TreeMap<>(offline.finish(KpiScenario.END))).isEqualTo(new TreeMap<>(EXPECTED));
    assertThat(kv).containsKeys("unit|A", "unit|B", "case|c5", "clock");
  }

  @Test
  void januaryIsPublishedWhenStreamTimePassesItsEndAndNotBefore() {
    KpiAggregator kpi = new KpiAggregator(new InMemoryKpiStore());
    Map<String, KpiCase> states = new HashMap<>();
    List<UnitKpi> published = new java.util.ArrayList<>();
    for (CaseEvent e : KpiScenario.EVENTS) {
      if (e.getOccurredAt().isAfter(KpiScenario.local("2026-01-31T23:59"))) {
        break;
      }
      String id = e.getCaseId().toString();
      if (id.equals("__clock__")) {
        continue;
      }
      // Processor order: breach check of the case, apply, then advance.
      for (KpiCase c : states.values()) {
        kpi.checkOverdue(c, e.getOccurredAt());
      }
      KpiCase before = states.get(id);
      KpiCase after = KpiScenario.MODEL.apply(before, e).orElseThrow();
      states.put(id, after);
      kpi.onApplied(e, before, after);
      published.addAll(kpi.advanceTo(e.getOccurredAt()));
    }
    assertThat(published).isEmpty();
    assertThat(kpi.peek("A", YearMonth.of(2026, 1)).orElseThrow().getOverdueOpenAtMonthEnd())
        .as("running count of A: c3 and c5 overdue now").isEqualTo(2);
    published.addAll(kpi.advanceTo(KpiScenario.local("2026-02-01T00:00")));
    assertThat(published).containsExactly(EXPECTED.get("A|2026-01"), EXPECTED.get("B|2026-01"));
    assertThat(kpi.advanceTo(KpiScenario.local("2026-02-02T00:00"))).as("nothing twice").isEmpty();
  }

  @Test
  void aLateRatingCorrectsItsClosedMonth() {
    KpiOffline<KpiCase> offline = new KpiOffline<>(KpiScenario.MODEL);
    KpiScenario.EVENTS.forEach(offline::accept);
    // A rating of c1 recorded in February with an occurredAt in January (late record).
    java.time.Instant jan = KpiScenario.local("2026-01-31T20:00");
    offline.accept(CaseEvent.newBuilder().setEventId("late-1").setCaseId("c1").setOccurredAt(jan).setRecordedAt(jan)
        .setSourceSystem("test").setActor(null).setPayload(Rated.newBuilder().setScore(2).build()).build());
    UnitKpi a = offline.finish(KpiScenario.END).get("A|2026-01");
    assertThat(a.getRatingCount()).isEqualTo(3);
    assertThat(a.getMeanRating()).isEqualTo(3.0);
    assertThat(a.getOverdueOpenAtMonthEnd()).isEqualTo(2);
  }

  @Test
  void breachCheckIsIdempotentAndEmptyMonthsWithoutOverdueAreNotPublished() {
    KpiAggregator kpi = new KpiAggregator(new InMemoryKpiStore());
    KpiCase c = new KpiCase("x", "U", "vn-civil-service", KpiScenario.local("2026-03-02T08:00"), true,
        KpiScenario.local("2026-03-05T00:00"));
    kpi.checkOverdue(c, KpiScenario.local("2026-03-04T00:00"));
    assertThat(kpi.advanceTo(KpiScenario.local("2026-03-20T00:00"))).isEmpty();
    kpi.checkOverdue(c, KpiScenario.local("2026-03-06T00:00"));
    kpi.checkOverdue(c, KpiScenario.local("2026-03-07T00:00"));
    assertThat(kpi.advanceTo(KpiScenario.local("2026-05-01T00:00")))
        .extracting(k -> k.getMonth() + "=" + k.getOverdueOpenAtMonthEnd())
        .containsExactly("2026-03=1", "2026-04=1");
  }
}
