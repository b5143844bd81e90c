package vn.onestop.sla.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Rated;
import vn.onestop.schema.UnitKpi;

class KpiAggregatorTest {

  private static UnitKpi kpi(
      String unit,
      String month,
      long received,
      long accepted,
      long resolved,
      long onTime,
      long overdue,
      Double median,
      long ratings,
      Double mean) {
    return UnitKpi.newBuilder()
        .setUnitId(unit)
        .setMonth(month)
        .setReceived(received)
        .setAccepted(accepted)
        .setResolved(resolved)
        .setResolvedOnTime(onTime)
        .setOverdueOpenAtMonthEnd(overdue)
        .setMedianResolutionWorkingDays(median)
        .setRatingCount(ratings)
        .setMeanRating(mean)
        .build();
  }

  /** Computed by hand: see the comments in {@link KpiScenario}. */
  static final Map<String, UnitKpi> EXPECTED =
      Map.of(
          "A|2026-01", kpi("A", "2026-01", 4, 4, 2, 1, 2, 9.5, 2, 3.5),
          "B|2026-01", kpi("B", "2026-01", 3, 2, 0, 0, 0, null, 0, null),
          "A|2026-02", kpi("A", "2026-02", 0, 0, 2, 1, 1, 15.0, 1, 4.0),
          "B|2026-02", kpi("B", "2026-02", 0, 0, 0, 0, 1, null, 0, null));

  @Test
  void handComputedScenarioMatchesExactly() {
    Map<String, UnitKpi> actual =
        KpiOffline.compute(KpiScenario.EVENTS, KpiScenario.MODEL, KpiScenario.END);
    assertThat(new TreeMap<>(actual)).isEqualTo(new TreeMap<>(EXPECTED));
  }

  @Test
  void theJsonKeyValueStoreGivesTheSameFigures() {
    Map<String, String> kv = new HashMap<>();
    KeyValueKpiStore store =
        new KeyValueKpiStore(
            new KeyValueKpiStore.StringKeyValue() {
              @Override
              public String get(String key) {
                return kv.get(key);
              }

              @Override
              public void put(String key, String value) {
                kv.put(key, value);
              }

              @Override
              public void delete(String key) {
                kv.remove(key);
              }

              @Override
              public List<String> keysWithPrefix(String prefix) {
                return kv.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
              }
            });
    KpiOffline<KpiCase> offline = new KpiOffline<>(KpiScenario.MODEL, store, store);
    KpiScenario.EVENTS.forEach(offline::accept);
    assertThat(new TreeMap<>(offline.finish(KpiScenario.END))).isEqualTo(new TreeMap<>(EXPECTED));
    assertThat(kv)
        .containsKeys(
            "unit|A", "unit|B", "month|A|2026-01", "case|c5", "clock", "wm|0", "earliest");
    assertThat(kv.keySet()).anyMatch(k -> k.startsWith("days|A|2026-01|"));
  }

  /**
   * The engine's shape: cases split over two case-events partitions (two fact sources, each with
   * its own marks), facts sent as JSON to one aggregator. January is published only once BOTH
   * sources' watermarks passed 01/02 00:00, and then equals the hand-computed figures.
   */
  @Test
  void twoSourcesCloseJanuaryOnlyWhenBothWatermarksPassedItsEnd() {
    KpiAggregator kpi = new KpiAggregator(new InMemoryKpiStore(), 2);
    KpiFactSource[] sources = {
      new KpiFactSource(new InMemoryKpiStore(), 0), new KpiFactSource(new InMemoryKpiStore(), 1)
    };
    Map<String, KpiCase> states = new HashMap<>();
    List<UnitKpi> published = new ArrayList<>();
    java.util.function.Consumer<List<? extends KpiFact>> send =
        fs ->
            fs.forEach(
                f -> published.addAll(kpi.accept(KpiFactCodec.fromJson(KpiFactCodec.toJson(f)))));
    Instant febFirst = KpiScenario.local("2026-02-01T00:00");
    for (CaseEvent e : KpiScenario.EVENTS) {
      String id = e.getCaseId().toString();
      if (id.equals("__clock__") || !e.getOccurredAt().isBefore(febFirst)) {
        continue;
      }
      int p = partition(id);
      for (KpiCase c : states.values()) { // each task's breach checks (record path and punctuator)
        send.accept(sources[partition(c.caseId())].checkOverdue(c, e.getOccurredAt()));
      }
      KpiCase before = states.get(id);
      KpiCase after = KpiScenario.MODEL.apply(before, e).orElseThrow();
      states.put(id, after);
      send.accept(sources[p].onApplied(e, before, after));
      send.accept(List.of(sources[p].watermark(e.getOccurredAt())));
    }
    send.accept(List.of(sources[0].watermark(febFirst)));
    assertThat(published).as("source 1 has not passed the month end yet").isEmpty();
    assertThat(kpi.peek("A", YearMonth.of(2026, 1)).orElseThrow().getOverdueOpenAtMonthEnd())
        .as("running count of A: c3 and c5 overdue now")
        .isEqualTo(2);
    send.accept(List.of(sources[1].watermark(febFirst)));
    assertThat(published).containsExactly(EXPECTED.get("A|2026-01"), EXPECTED.get("B|2026-01"));
    send.accept(List.of(sources[1].watermark(KpiScenario.local("2026-02-02T00:00"))));
    assertThat(published).as("nothing twice").hasSize(2);
  }

  private static int partition(String caseId) {
    return List.of("c1", "c3", "c5", "c7").contains(caseId) ? 0 : 1;
  }

  @Test
  void aLateRatingCorrectsItsClosedMonth() {
    KpiOffline<KpiCase> offline = new KpiOffline<>(KpiScenario.MODEL);
    KpiScenario.EVENTS.forEach(offline::accept);
    // A rating of c1 recorded in February with an occurredAt in January (late record).
    Instant jan = KpiScenario.local("2026-01-31T20:00");
    offline.accept(
        CaseEvent.newBuilder()
            .setEventId("late-1")
            .setCaseId("c1")
            .setOccurredAt(jan)
            .setRecordedAt(jan)
            .setSourceSystem("test")
            .setActor(null)
            .setPayload(Rated.newBuilder().setScore(2).build())
            .build());
    UnitKpi a = offline.finish(KpiScenario.END).get("A|2026-01");
    assertThat(a.getRatingCount()).isEqualTo(3);
    assertThat(a.getMeanRating()).isEqualTo(3.0);
    assertThat(a.getOverdueOpenAtMonthEnd()).isEqualTo(2);
  }

  @Test
  void aTaskThatNeverClosedAMonthPublishesALateMonthAtItsFirstFact() {
    KpiAggregator kpi = new KpiAggregator(new InMemoryKpiStore(), 2);
    Instant mar = KpiScenario.local("2026-03-10T00:00");
    assertThat(kpi.accept(new KpiFact.Watermark(0, mar.toEpochMilli()))).isEmpty();
    assertThat(kpi.accept(new KpiFact.Watermark(1, mar.toEpochMilli()))).isEmpty();

    List<UnitKpi> out =
        kpi.accept(new KpiFact.Received("U", KpiScenario.local("2026-01-13T09:00").toEpochMilli()));

    assertThat(out)
        .extracting(k -> k.getUnitId() + "|" + k.getMonth() + " received=" + k.getReceived())
        .containsExactly("U|2026-01 received=1");
    assertThat(out.get(0).getRevision()).isZero();
  }

  @Test
  void anOverdueChangeStampedBeforeTheCloseCorrectsEveryClosedMonthAfterIt() {
    KpiAggregator kpi = new KpiAggregator(new InMemoryKpiStore(), 1);
    kpi.accept(new KpiFact.Received("U", KpiScenario.local("2026-01-05T09:00").toEpochMilli()));
    assertThat(
            kpi.accept(
                new KpiFact.Watermark(0, KpiScenario.local("2026-03-02T00:00").toEpochMilli())))
        .extracting(k -> k.getMonth() + "=" + k.getOverdueOpenAtMonthEnd())
        .containsExactly("2026-01=0");

    // A late case of U due 27/01, found overdue once stream time is in March.
    List<UnitKpi> out =
        kpi.accept(
            new KpiFact.Overdue("U", KpiScenario.local("2026-01-27T00:00").toEpochMilli(), +1));

    assertThat(out)
        .extracting(
            k -> k.getMonth() + "=" + k.getOverdueOpenAtMonthEnd() + " rev " + k.getRevision())
        .containsExactly("2026-01=1 rev 1", "2026-02=1 rev 1");
    // Its late acceptance of 14/01 ends the count where it began (27/01): nothing left anywhere.
    KpiFactSource source = new KpiFactSource(new InMemoryKpiStore(), 0);
    KpiCase due =
        new KpiCase(
            "c8",
            "U",
            "vn-civil-service",
            KpiScenario.local("2026-01-13T09:00"),
            true,
            KpiScenario.local("2026-01-27T00:00"));
    assertThat(source.checkOverdue(due, KpiScenario.local("2026-03-02T00:00"))).hasSize(1);
    CaseEvent accepted =
        CaseEvent.newBuilder()
            .setEventId("late-acc")
            .setCaseId("c8")
            .setOccurredAt(KpiScenario.local("2026-01-14T09:00"))
            .setRecordedAt(KpiScenario.local("2026-03-02T00:00"))
            .setSourceSystem("test")
            .setActor(null)
            .setPayload(vn.onestop.schema.Accepted.newBuilder().build())
            .build();
    KpiCase running =
        new KpiCase(
            "c8",
            "U",
            "vn-civil-service",
            KpiScenario.local("2026-01-13T09:00"),
            true,
            KpiScenario.local("2026-03-30T00:00"));
    List<KpiFact> end = source.onApplied(accepted, due, running);
    assertThat(end)
        .containsExactly(
            new KpiFact.Accepted("U", KpiScenario.local("2026-01-14T09:00").toEpochMilli()),
            new KpiFact.Overdue("U", KpiScenario.local("2026-01-27T00:00").toEpochMilli(), -1));
    List<UnitKpi> back = new ArrayList<>();
    end.forEach(f -> back.addAll(kpi.accept(f)));
    assertThat(back)
        .extracting(
            k ->
                k.getMonth()
                    + " accepted="
                    + k.getAccepted()
                    + " overdue="
                    + k.getOverdueOpenAtMonthEnd()
                    + " rev "
                    + k.getRevision())
        .containsExactly(
            "2026-01 accepted=1 overdue=1 rev 2",
            "2026-01 accepted=1 overdue=0 rev 3",
            "2026-02 accepted=0 overdue=0 rev 2");
  }

  @Test
  void breachCheckIsIdempotentAndMonthsWithoutActivityOrOverdueAreNotPublished() {
    KpiAggregator kpi = new KpiAggregator(new InMemoryKpiStore(), 1);
    KpiFactSource source = new KpiFactSource(new InMemoryKpiStore(), 0);
    KpiCase c =
        new KpiCase(
            "x",
            "U",
            "vn-civil-service",
            KpiScenario.local("2026-03-02T08:00"),
            true,
            KpiScenario.local("2026-03-05T00:00"));
    List<UnitKpi> out = new ArrayList<>();
    assertThat(source.checkOverdue(c, KpiScenario.local("2026-03-04T00:00"))).isEmpty();
    source
        .checkOverdue(c, KpiScenario.local("2026-03-06T00:00"))
        .forEach(f -> out.addAll(kpi.accept(f)));
    assertThat(source.checkOverdue(c, KpiScenario.local("2026-03-07T00:00")))
        .as("counted once")
        .isEmpty();
    out.addAll(kpi.accept(source.watermark(KpiScenario.local("2026-05-01T00:00"))));
    assertThat(out)
        .extracting(k -> k.getMonth() + "=" + k.getOverdueOpenAtMonthEnd())
        .containsExactly("2026-03=1", "2026-04=1");
    KpiCase other =
        new KpiCase(
            "y", "V", "vn-civil-service", KpiScenario.local("2026-05-04T08:00"), true, null);
    assertThat(source.checkOverdue(other, KpiScenario.local("2026-06-01T00:00")))
        .as("no running clock")
        .isEmpty();
  }

  @Test
  void factsRoundTripAsJson() {
    for (KpiFact f :
        List.of(
            new KpiFact.Received("HK", 1L),
            new KpiFact.Resolved("HK", 2L, true, 9),
            new KpiFact.Rated("HK", 3L, 5),
            new KpiFact.Overdue("HK", 4L, -1),
            new KpiFact.Watermark(2, 5L),
            new KpiFact.Accepted("Phường Hàng Bạc", 6L))) {
      assertThat(KpiFactCodec.fromJson(KpiFactCodec.toJson(f))).isEqualTo(f);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> KpiFactCodec.fromJson("{\"fact\":\"nope\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a KPI fact");
  }
}
