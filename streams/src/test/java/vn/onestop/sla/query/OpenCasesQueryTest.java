package vn.onestop.sla.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Category;
import vn.onestop.schema.testkit.CaseScript;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.cases.UnitCalendars;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.query.OpenCasesQuery.Band;
import vn.onestop.sla.query.OpenCasesQuery.Page;
import vn.onestop.sla.query.OpenCasesQuery.Request;
import vn.onestop.sla.query.OpenCasesQuery.Row;
import vn.onestop.sla.query.OpenCasesQuery.Sort;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.CaseStatus;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaDriver;

/**
 * The cockpit's open cases read from the engine's case store after real case-events went through
 * the SLA topology (TopologyTestDriver). Dates: Friday 2026-03-06 and the following weeks, local
 * times in Asia/Ho_Chi_Minh; civil-service hours 08:00–12:00, 13:00–17:00.
 */
class OpenCasesQueryTest {
  static final String UNIT = TestRecords.UNIT;
  static final String OTHER = TestRecords.PARENT;
  static final Set<String> WARD = Set.of(UNIT);
  static final Instant FRIDAY_1630 = CaseScript.at("2026-03-06T16:30");

  static Request request(Set<String> scope, Instant now) {
    return new Request(scope, null, null, null, null, Sort.DUE, 1, 50, now, Duration.ofHours(6));
  }

  static List<String> ids(Page p) {
    return p.rows().stream().map(r -> r.openCase().caseId()).toList();
  }

  static OpenCasesQuery.Scan scan(SlaDriver h) {
    return visitor -> {
      try (KeyValueIterator<String, CaseState> it = h.caseStore().all()) {
        it.forEachRemaining(kv -> visitor.accept(kv.value));
      }
    };
  }

  /** A phản ánh with a public title (acceptance clock: 8 working hours). */
  static CaseScript feedback(SlaDriver h, String caseId, String unit, String local) {
    CaseScript c = new CaseScript(caseId);
    h.pipe(
        c.submitted(
            local,
            TestRecords.submitted(Category.PHAN_ANH, unit)
                .setTitle("Đèn đường hỏng ở ngõ 12")
                .setTrackingCode("TC-" + caseId)
                .setPublicContent(true)
                .build()));
    return c;
  }

  @Test
  void listsCasesWithoutAlertsFromTheEngineStateWithoutSecretTitlesAndOnlyInScope() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      h.orgUnits(TestRecords.orgChart());
      feedback(h, "pa-1", UNIT, "2026-03-06T14:00");
      feedback(h, "pa-other", OTHER, "2026-03-06T14:00");
      CaseScript tc = new CaseScript("tc-1");
      h.pipe(
          tc.submitted(
              "2026-03-06T14:10",
              CaseScript.submission(Category.TO_CAO, null, UNIT)
                  .setTitle("Tố cáo cán bộ nhận hối lộ")
                  .setPublicContent(true)
                  .build()));
      assertThat(h.readAlerts()).as("no alert has been decided yet").isEmpty();
      OpenCasesQuery q = new OpenCasesQuery(scan(h), PolicyBook.defaults());

      Page ward = q.page(request(WARD, FRIDAY_1630));
      assertThat(ids(ward)).containsExactly("pa-1", "tc-1"); // due Mon 14:00, then 7 working days
      assertThat(ward.total()).isEqualTo(2);
      OpenCase pa = ward.rows().get(0).openCase();
      assertThat(pa.trackingCode()).isEqualTo("TC-pa-1");
      assertThat(pa.publicTitle()).isEqualTo("Đèn đường hỏng ở ngõ 12");
      assertThat(pa.clock()).isEqualTo("ACCEPTANCE");
      assertThat(pa.dayBased()).isFalse();
      assertThat(pa.dueAt()).isEqualTo(CaseScript.at("2026-03-09T14:00"));
      assertThat(ward.rows().get(0).workingMinutesLeft()).isEqualTo(30 + 240 + 60);
      assertThat(ward.rows().get(0).workingDaysLeft()).isNull();

      Row denunciation = ward.rows().get(1);
      assertThat(denunciation.openCase().category()).isEqualTo("TO_CAO");
      assertThat(denunciation.openCase().publicTitle()).as("a tố cáo's title is secret").isNull();
      assertThat(denunciation.toString())
          .doesNotContain("hối lộ")
          .doesNotContain(CaseScript.COMPLAINANT_NAME)
          .doesNotContain(CaseScript.COMPLAINANT_PHONE);
      assertThat(denunciation.openCase().dayBased()).isTrue();
      assertThat(denunciation.openCase().dueAt()).isEqualTo(CaseScript.at("2026-03-18T00:00"));
      assertThat(denunciation.workingDaysLeft()).isEqualTo(7);

      assertThat(ids(q.page(request(Set.of(OTHER), FRIDAY_1630)))).containsExactly("pa-other");
      assertThat(ids(q.page(request(null, FRIDAY_1630))))
          .containsExactlyInAnyOrder("pa-1", "pa-other", "tc-1");
      assertThat(q.page(request(Set.of(), FRIDAY_1630)).total()).isZero();
    }
  }

  @Test
  void resolvedAndWithdrawnCasesLeaveARefusedResolvedKeepsTheRow() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      h.orgUnits(TestRecords.orgChart());
      Instant t0 = CaseScript.at("2026-03-02T09:00");
      h.pipe(TestRecords.submittedWithSourceDue("sr-e1", "sr-1", t0, t0.plus(Duration.ofDays(10))));
      CaseScript kn = new CaseScript("kn-1");
      h.pipe(
          kn.submitted(
              "2026-03-02T09:00", CaseScript.submission(Category.KHIEU_NAI, 1, UNIT).build()));
      CaseScript withdrawn = new CaseScript("kn-2");
      h.pipe(
          withdrawn.submitted(
              "2026-03-02T09:30", CaseScript.submission(Category.KHIEU_NAI, 1, UNIT).build()));
      OpenCasesQuery q = new OpenCasesQuery(scan(h), PolicyBook.defaults());
      Instant now = CaseScript.at("2026-03-03T10:00");
      assertThat(ids(q.page(request(WARD, now)))).containsExactlyInAnyOrder("sr-1", "kn-1", "kn-2");

      h.pipe(TestRecords.resolved("sr-e2", "sr-1", CaseScript.at("2026-03-03T09:00")));
      h.pipe(withdrawn.withdrawn("2026-03-03T09:10"));
      h.pipe(kn.resolved("2026-03-03T09:20")); // before thụ lý: the engine refuses it
      assertThat(h.caseState("sr-1").getStatus()).isEqualTo(CaseStatus.RESOLVED);
      assertThat(h.caseState("kn-2").getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
      assertThat(h.caseState("kn-1").getLastRefusal()).isNotNull();

      Page after = q.page(request(WARD, now));
      assertThat(ids(after)).containsExactly("kn-1");
      assertThat(after.total()).isEqualTo(1);
      assertThat(q.open(WARD)).extracting(OpenCase::caseId).containsExactly("kn-1");
    }
  }

  @Test
  void aQueryWithAFreshnessSharesOneScanAndSeesChangesAfterIt() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      h.orgUnits(TestRecords.orgChart());
      feedback(h, "pa-1", UNIT, "2026-03-06T08:00");
      feedback(h, "pa-2", UNIT, "2026-03-06T09:00");
      int[] scans = {0};
      OpenCasesQuery.Scan counting =
          visitor -> {
            scans[0]++;
            scan(h).forEach(visitor);
          };
      OpenCasesQuery q =
          new OpenCasesQuery(
              counting,
              PolicyBook.defaults(),
              CalendarBook.standard(),
              UnitCalendars.none(),
              Duration.ofSeconds(2));
      Instant now = CaseScript.at("2026-03-06T10:00");
      assertThat(ids(q.page(request(WARD, now)))).containsExactly("pa-1", "pa-2");
      h.pipe(TestRecords.resolved("pa-1-resolved", "pa-1", CaseScript.at("2026-03-06T09:30")));
      // within the freshness: the same scan, other filters and sorts on it
      assertThat(ids(q.page(request(null, now)))).containsExactly("pa-1", "pa-2");
      assertThat(scans[0]).isEqualTo(1);
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(ids(q.page(request(WARD, now)))).containsExactly("pa-2"));
      assertThat(scans[0]).isGreaterThan(1);
      assertThatThrownBy(
              () ->
                  new OpenCasesQuery(
                      counting,
                      PolicyBook.defaults(),
                      CalendarBook.standard(),
                      UnitCalendars.none(),
                      Duration.ofSeconds(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("freshness");
    }
  }

  @Test
  void filtersSortsAndPages() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      h.orgUnits(TestRecords.orgChart());
      feedback(h, "pa-1", UNIT, "2026-03-06T08:00"); // due Fri 17:00
      feedback(h, "pa-2", UNIT, "2026-03-06T14:00"); // due Mon 14:00
      feedback(h, "pa-3", OTHER, "2026-03-06T15:00"); // due Mon 15:00
      Instant start = CaseScript.at("2026-03-06T08:00");
      h.pipe(
          TestRecords.submittedWithSourceDue(
              "sr-e1", "sr-1", start, CaseScript.at("2026-04-30T12:00")));
      CaseScript kn = new CaseScript("kn-1");
      h.pipe(
          kn.submitted(
              "2026-03-06T10:00", CaseScript.submission(Category.KHIEU_NAI, 1, UNIT).build()));
      // the engine breaches pa-1 (due Friday 17:00) on the next tick
      h.pipe(TestRecords.tick(CaseScript.at("2026-03-06T17:30"), 0));
      assertThat(h.caseState("pa-1").getEscalationLevel()).isEqualTo(1);
      OpenCasesQuery q = new OpenCasesQuery(scan(h), PolicyBook.defaults());
      Instant now = CaseScript.at("2026-03-06T17:45");
      Set<String> both = Set.of(UNIT, OTHER);

      Page all = q.page(request(both, now));
      assertThat(ids(all)).containsExactly("pa-1", "pa-2", "pa-3", "kn-1", "sr-1");
      assertThat(all.rows().get(0).overdue()).isTrue();
      // due at closing time, now after it: overdue, but no working time has passed since
      assertThat(all.rows().get(0).workingMinutesLeft()).isZero();
      Row later = q.page(request(both, CaseScript.at("2026-03-09T09:15"))).rows().get(0);
      assertThat(later.overdue()).isTrue();
      assertThat(later.workingMinutesLeft()).isEqualTo(-75);

      assertThat(ids(q.page(with(request(both, now), Band.OVERDUE)))).containsExactly("pa-1");
      // 6 working hours from Friday 17:45 end Monday 15:00: pa-2 and pa-3 are at risk
      assertThat(ids(q.page(with(request(both, now), Band.AT_RISK))))
          .containsExactly("pa-2", "pa-3");
      Request r = request(both, now);
      assertThat(
              ids(
                  q.page(
                      new Request(
                          both, OTHER, null, null, null, Sort.DUE, 1, 50, now, r.atRisk()))))
          .containsExactly("pa-3");
      assertThat(
              ids(
                  q.page(
                      new Request(
                          both, null, "KHIEU_NAI", null, null, Sort.DUE, 1, 50, now, r.atRisk()))))
          .containsExactly("kn-1");
      assertThat(
              ids(q.page(new Request(both, null, null, 1, null, Sort.DUE, 1, 50, now, r.atRisk()))))
          .containsExactly("pa-1");
      assertThat(
              ids(
                  q.page(
                      new Request(
                          both, null, null, null, null, Sort.UNIT, 1, 50, now, r.atRisk()))))
          .containsExactly("pa-1", "pa-2", "kn-1", "sr-1", "pa-3"); // by unit id, then due
      assertThat(
              ids(
                  q.page(
                      new Request(
                          both, null, null, null, null, Sort.LEVEL, 1, 50, now, r.atRisk()))))
          .startsWith("pa-1");

      List<String> paged = new ArrayList<>();
      for (int page = 1; page <= 3; page++) {
        Page p =
            q.page(new Request(both, null, null, null, null, Sort.DUE, page, 2, now, r.atRisk()));
        assertThat(p.total()).isEqualTo(5);
        assertThat(p.rows()).hasSize(page < 3 ? 2 : 1);
        paged.addAll(ids(p));
      }
      assertThat(paged).isEqualTo(ids(all));
      assertThat(
              q.page(new Request(both, null, null, null, null, Sort.DUE, 4, 2, now, r.atRisk()))
                  .rows())
          .isEmpty();
    }
  }

  @Test
  void aRowCarriesTheLatestAlertTheEngineEmittedOnTheCurrentClock() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      h.orgUnits(TestRecords.orgChart());
      feedback(h, "pa-1", UNIT, "2026-03-06T08:00"); // acceptance due Fri 17:00
      OpenCasesQuery q = new OpenCasesQuery(scan(h), PolicyBook.defaults());
      assertThat(q.find("pa-1")).hasValueSatisfying(c -> assertThat(c.lastAlert()).isNull());
      h.readAlerts();

      // stream time jumps three weeks: breach and both escalations fire in one punctuation
      h.pipe(TestRecords.tick(CaseScript.at("2026-03-27T17:30"), 0));
      List<vn.onestop.schema.CaseAlert> fired = h.readAlerts();
      assertThat(fired).extracting(a -> a.getLevel()).contains(1, 2, 3);
      vn.onestop.schema.CaseAlert newest = fired.get(fired.size() - 1);

      OpenCase c = q.find("pa-1").orElseThrow();
      assertThat(c.lastAlert())
          .isEqualTo(
              new OpenCase.LastAlert(
                  newest.getAlertId(),
                  newest.getKind().name(),
                  newest.getLevel(),
                  newest.getDecidedAt()));
      assertThat(q.page(request(WARD, CaseScript.at("2026-03-27T18:00"))).rows())
          .singleElement()
          .satisfies(r -> assertThat(r.openCase().lastAlert()).isEqualTo(c.lastAlert()));
      assertThat(q.find("nope")).isEmpty();
    }
  }

  static Request with(Request r, Band band) {
    return new Request(
        r.scope(),
        r.unitId(),
        r.category(),
        r.level(),
        band,
        r.sort(),
        r.page(),
        r.size(),
        r.now(),
        r.atRisk());
  }

  @Test
  void atRiskAndTimeLeftAreCountedOnTheHandlingUnitsCalendar() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      h.orgUnits(TestRecords.orgChart());
      feedback(h, "pa-1", UNIT, "2026-03-06T14:00"); // due Monday 14:00 (civil-service clock)
      Request r = with(request(WARD, FRIDAY_1630), Band.AT_RISK);

      // civil service: 6 working hours from Friday 16:30 end Monday 14:30, after the due instant
      OpenCasesQuery civil = new OpenCasesQuery(scan(h), PolicyBook.defaults());
      assertThat(ids(civil.page(r))).containsExactly("pa-1");
      assertThat(civil.page(r).rows().get(0).calendarId()).isEqualTo(Calendars.CIVIL_SERVICE);

      // the ward's counter opens on Saturday mornings: the band ends Monday 09:30, before the due
      UnitCalendars saturday =
          (unit, at) ->
              UNIT.equals(unit)
                  ? Optional.of(Calendars.ONE_STOP_SATURDAY_MORNING)
                  : Optional.empty();
      OpenCasesQuery counter =
          new OpenCasesQuery(scan(h), PolicyBook.defaults(), CalendarBook.standard(), saturday);
      assertThat(counter.page(r).total()).isZero();
      Row row = counter.page(request(WARD, FRIDAY_1630)).rows().get(0);
      assertThat(row.atRisk()).isFalse();
      assertThat(row.calendarId()).isEqualTo(Calendars.ONE_STOP_SATURDAY_MORNING);
      assertThat(row.workingMinutesLeft()).isEqualTo(30 + 240 + 240 + 60);
    }
  }

  @Test
  void badRequestsNameTheMember() {
    Instant now = Instant.parse("2026-03-06T09:00:00Z");
    Duration d = Duration.ofHours(4);
    assertThatThrownBy(() -> new Request(null, null, null, null, null, Sort.DUE, 0, 50, now, d))
        .hasMessageStartingWith("page:");
    assertThatThrownBy(() -> new Request(null, null, null, null, null, Sort.DUE, 1, 201, now, d))
        .hasMessageStartingWith("size:");
    assertThatThrownBy(() -> new Request(null, null, null, 4, null, Sort.DUE, 1, 50, now, d))
        .hasMessageStartingWith("level:");
  }
}
