package vn.onestop.sla.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.Calendars;

/**
 * The hand-computed KPI scenario of the engine tests ({@link SlaKpiTopologyTest} in a
 * TopologyTestDriver, {@code SlaEngineKpiIT} on the real broker): two units, January–February 2026,
 * source-provided due dates on the vn-civil-service calendar where Friday 02/01/2026 is a bridge
 * holiday made up on Saturday 10/01/2026. The figures are worked out by hand in the comments.
 */
public final class KpiEngineScenario {
  /** Unit U: ubnd-phuong-hoan-kiem. */
  public static final String U = TestRecords.UNIT;

  /** Unit P: ubnd-quan-hoan-kiem. */
  public static final String P = TestRecords.PARENT;

  /** 24:00 of 28/02/2026: the last tick of {@link #log(Instant, int)} for the whole scenario. */
  public static final Instant END = local("2026-03-01T00:00");

  private KpiEngineScenario() {}

  /**
   * @param t local date-time in Asia/Ho_Chi_Minh, e.g. {@code 2026-01-05T09:00}
   * @return the instant
   */
  public static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  /** The scenario's events in time order (ticks excluded). Figures by hand in {@link #EXPECTED}. */
  public static List<CaseEvent> events() {
    List<CaseEvent> e = new ArrayList<>();
    // s1 (U): resolved at EXACTLY its due instant → on time (firing rule); receipt Mon 05/01,
    // resolution
    // 24:00 Thu 08/01 → working days 06, 07, 08 = 3. Rated 3.
    e.add(
        TestRecords.submittedWithSourceDue(
            "s1-sub", "s1", local("2026-01-05T09:00"), local("2026-01-09T00:00"), U));
    // s2 (U): due 24:00 Mon 12/01, resolved Wed 14/01 15:00 → late; 07, 08, 09, 10 (make-up Sat),
    // 12, 13, 14 = 7.
    CaseEvent s2 =
        TestRecords.submittedWithSourceDue(
            "s2-sub", "s2", local("2026-01-06T10:00"), local("2026-01-13T00:00"), U);
    e.add(s2);
    e.add(s2); // re-delivered: a duplicate, counted once
    e.add(TestRecords.resolved("s1-res", "s1", local("2026-01-09T00:00")));
    e.add(rated("s1-rat", "s1", local("2026-01-09T10:00"), 3));
    e.add(TestRecords.resolved("s2-res", "s2", local("2026-01-14T15:00")));
    // s3 (U): due EXACTLY at the end of January → not overdue at 31/01 24:00; resolved late Tue
    // 10/02:
    // 20–23, 26–30 Jan, 2–6, 9, 10 Feb = 16 working days.
    e.add(
        TestRecords.submittedWithSourceDue(
            "s3-sub", "s3", local("2026-01-19T08:00"), local("2026-02-01T00:00"), U));
    // s7 (U): source due before receipt → refused by the engine, never counted.
    e.add(
        TestRecords.submittedWithSourceDue(
            "s7-sub", "s7", local("2026-01-20T09:00"), local("2026-01-19T00:00"), U));
    // s4 (U): overdue from 30/01 00:00, transferred to P at 10:00 while overdue, never resolved:
    // overdue open at the end of January and of February — at P.
    e.add(
        TestRecords.submittedWithSourceDue(
            "s4-sub", "s4", local("2026-01-27T09:00"), local("2026-01-30T00:00"), U));
    // s5 (P): resolved on time the next day (1 working day), rated 5.
    e.add(
        TestRecords.submittedWithSourceDue(
            "s5-sub", "s5", local("2026-01-28T09:00"), local("2026-01-31T00:00"), P));
    e.add(TestRecords.resolved("s5-res", "s5", local("2026-01-29T16:00")));
    e.add(
        TestRecords.envelope(
            "s4-tra",
            "s4",
            local("2026-01-30T10:00"),
            "officer-actions",
            Transferred.newBuilder().setToUnitId(P).setReason("Thuộc thẩm quyền quận").build()));
    e.add(rated("s5-rat", "s5", local("2026-01-30T11:00"), 5));
    // s6 (P): February, on time: Fri 06/02 → Wed 11/02 = 9, 10, 11 = 3 working days; rated 4.
    e.add(
        TestRecords.submittedWithSourceDue(
            "s6-sub", "s6", local("2026-02-06T09:00"), local("2026-02-12T00:00"), P));
    e.add(TestRecords.resolved("s3-res", "s3", local("2026-02-10T10:00")));
    e.add(TestRecords.resolved("s6-res", "s6", local("2026-02-11T10:00")));
    e.add(rated("s6-rat", "s6", local("2026-02-12T09:00"), 4));
    return e;
  }

  /**
   * The unit-kpis records, in publication order (January at 01/02 00:00, February at 01/03 00:00).
   */
  public static final List<KeyValue<String, UnitKpi>> EXPECTED =
      List.of(
          kv(kpi(U, "2026-01", 4, 0, 2, 1, 0, 5.0, 1, 3.0)),
          kv(kpi(P, "2026-01", 1, 0, 1, 1, 1, 1.0, 1, 5.0)),
          kv(kpi(U, "2026-02", 0, 0, 1, 0, 0, 16.0, 0, null)),
          kv(kpi(P, "2026-02", 1, 0, 1, 1, 1, 3.0, 1, 4.0)));

  /**
   * @param until last tick instant
   * @param partitions partitions to tick (one tick per partition and instant)
   * @return events and ticks every 6 h from 05/01 00:00 (a tick first at equal instants), in time
   *     order
   */
  public static List<CaseEvent> log(Instant until, int partitions) {
    List<CaseEvent> ticks = new ArrayList<>();
    for (Instant t = local("2026-01-05T00:00");
        !t.isAfter(until);
        t = t.plus(Duration.ofHours(6))) {
      for (int p = 0; p < partitions; p++) {
        ticks.add(TestRecords.tick(t, p));
      }
    }
    List<CaseEvent> all = new ArrayList<>(ticks);
    all.addAll(events());
    // Stable: ticks were added first, so a tick precedes an event at the same instant.
    all.sort(Comparator.comparing(CaseEvent::getOccurredAt));
    return all;
  }

  private static CaseEvent rated(String id, String caseId, Instant at, int score) {
    return TestRecords.envelope(
        id,
        caseId,
        at,
        "citizen-feedback",
        Rated.newBuilder().setScore(score).setComment(null).build());
  }

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

  private static KeyValue<String, UnitKpi> kv(UnitKpi k) {
    return KeyValue.pair(k.getUnitId() + "|" + k.getMonth(), k);
  }
}
