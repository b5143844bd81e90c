package vn.onestop.report.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.onestop.report.scorecard.ScorecardScenario.A;
import static vn.onestop.report.scorecard.ScorecardScenario.B;
import static vn.onestop.report.scorecard.ScorecardScenario.C;
import static vn.onestop.report.scorecard.ScorecardScenario.local;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onestop.report.publish.CaseTraces;
import vn.onestop.report.publish.EventLog;
import vn.onestop.schema.UnitKpi;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.kpi.KpiAggregator;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;

/**
 * The scorecard of January 2026 for {@link ScorecardScenario}, each figure computed by hand below
 * (calendar of 2026: 1 Jan holiday, 2 Jan swapped day off, 10 Jan a make-up working Saturday;
 * docs/law.md, Holidays). "day1" is the day after the event; a period of n days ends at 24:00 of
 * day n.
 *
 * <pre>
 * case unit ch.   received    acceptance due / accepted        resolution due / resolved            bucket
 * a1   A    WEB   05/01 09:00 d10=15/01 / 06/01 on time         06/01+30 = hết ngày 05/02 / 20/01    trước hạn
 * a2   A    HOTL  01/12 (Dec) hết ngày 11/12 / 15/12 late (Dec)  15/12+30 = hết ngày 14/01 / 14/01 16:00 đúng hạn
 * a3   A    WEB   01/12 (Dec) hết ngày 11/12 / 08/12 (Dec)      08/12+30 = hết ngày 07/01 / 09/01    quá hạn
 * a4   A    WEB   05/01 10:00 hết ngày 15/01 / never            -                                   open, overdue at 31/01
 * a5   A    WEB   05/01 11:00 hết ngày 15/01 / 07/01 on time    07/01+30 = hết ngày 06/02 / 22/01    trước hạn
 *                 transfers A→C 12/01, C→A 14/01 (bounced back by C)
 * t1   A    IN_P  05/01 tố cáo, complex; accepted 06/01; due 06/01+30 = hết ngày 05/02;
 *                 extended 20/01 by 5 days → hết ngày 10/02 (+5 calendar, +3 working: 06, 09, 10/02);
 *                 suspended 21/01, resumed 22/01: 20 days left from 21/01 counted from 22/01 →
 *                 hết ngày 11/02 (+1 calendar, +1 working); open, not overdue
 * b1   B    WEB   06/01 09:00 hết ngày 16/01 / 08/01 on time    08/01+30 = 07/02 (Sat) → hết ngày 09/02 / 20/01 trước hạn
 * b2   B    MAIL  06/01 10:00 hết ngày 16/01 / 19/01 late       open, not overdue
 * </pre>
 *
 * Escalations (alerts of level ≥ 1 decided in January): a3 breach of its resolution at 24:00 07/01
 * (level 1; resolved 09/01 before level 2, 3 working days later); a4 breach of its acceptance at
 * 24:00 15/01 (level 1), level 2 three working days later (16, 19, 20/01), level 3 five working
 * days after that (within January); b2 acceptance breach at 24:00 16/01 (level 1; accepted 19/01
 * before level 2).
 */
class ScorecardTest {
  static final YearMonth JAN = YearMonth.of(2026, 1);
  static final YearMonth DEC = YearMonth.of(2025, 12);

  static Scorecard scorecard(YearMonth month) {
    EventLog log = ScorecardScenario.log();
    List<CaseTrace> traces = CaseTraces.replay(log, PolicyBook.defaults(), KpiMonths.endOf(month));
    return Scorecards.compute(month, traces, CaseTraces.directory(log.org().values()));
  }

  static List<String> ids(String... ids) {
    return java.util.Arrays.stream(ids).map(i -> ScorecardScenario.PREFIX + i).toList();
  }

  @Test
  void unitAHandComputed() {
    UnitMonth a = scorecard(JAN).unit(A).orElseThrow();
    // received in January: a1, a4, a5, t1 (a2, a3 were received in December)
    assertThat(a.received().caseIds()).isEqualTo(ids("a1", "a4", "a5", "t1"));
    // thụ lý in January: a1 (06/01 ≤ hết ngày 15/01), a5 (07/01), t1 (06/01, 7 working days)
    assertThat(a.acceptedOnTime().caseIds()).isEqualTo(ids("a1", "a5", "t1"));
    assertThat(a.acceptedLate().caseIds()).isEmpty();
    // trước hạn: a1 (20/01 < 05/02), a5 (22/01 < 06/02); đúng hạn: a2 (14/01 on its due day);
    // quá hạn: a3 (09/01 > hết ngày 07/01)
    assertThat(a.resolvedBeforeDue().caseIds()).isEqualTo(ids("a1", "a5"));
    assertThat(a.resolvedOnDueDay().caseIds()).isEqualTo(ids("a2"));
    assertThat(a.resolvedLate().caseIds()).isEqualTo(ids("a3"));
    // a4 never accepted: its acceptance clock (hết ngày 15/01) is overdue at 24:00 31/01
    assertThat(a.overdueOpenAtMonthEnd().caseIds()).isEqualTo(ids("a4"));
    // on-time rate = (2 + 1) / (4 resolved + 1 overdue open) = 3/5 = 60.0 %; without counting
    // a4 it would read 3/4 = 75 %
    assertThat(a.onTimeRate()).isEqualTo(new Rate(3, 5));
    assertThat(a.onTimeRate().percent()).isEqualTo("60.0");
    // escalations: level 1 a3 (resolution) and a4 (acceptance); levels 2 and 3 a4
    assertThat(a.escalations().get(1).caseIds()).isEqualTo(ids("a3", "a4"));
    assertThat(a.escalations().get(2).caseIds()).isEqualTo(ids("a4"));
    assertThat(a.escalations().get(3).caseIds()).isEqualTo(ids("a4"));
    // t1: one extension +5 calendar / +3 working days; one suspension and resumption +1 / +1
    assertThat(a.extensions().caseIds()).isEqualTo(ids("t1"));
    assertThat(a.extensionCalendarDays()).isEqualTo(5);
    assertThat(a.extensionWorkingDays()).isEqualTo(3);
    assertThat(a.suspensions().caseIds()).isEqualTo(ids("t1"));
    assertThat(a.resumptions().caseIds()).isEqualTo(ids("t1"));
    assertThat(a.suspensionCalendarDays()).isEqualTo(1);
    assertThat(a.suspensionWorkingDays()).isEqualTo(1);
    // a5 transferred out to C once; A did not send anything back
    assertThat(a.transfersOut().caseIds()).isEqualTo(ids("a5"));
    assertThat(a.bouncedBack().caseIds()).isEmpty();
    // ratings: a2 = 2 (15/01), a1 = 5 (21/01): mean 3.50
    assertThat(a.ratings().caseIds()).isEqualTo(ids("a1", "a2"));
    assertThat(a.ratingSum()).isEqualTo(7);
    assertThat(a.meanRating()).isEqualTo("3.50");
    // splits: KHIEU_NAI received a1 a4 a5, in time a1 a2 a5, late a3, overdue a4; TO_CAO t1
    Split kn = a.byCategory().get("KHIEU_NAI");
    assertThat(kn.received().caseIds()).isEqualTo(ids("a1", "a4", "a5"));
    assertThat(kn.resolvedInTime().caseIds()).isEqualTo(ids("a1", "a2", "a5"));
    assertThat(kn.resolvedLate().caseIds()).isEqualTo(ids("a3"));
    assertThat(kn.overdueOpen().caseIds()).isEqualTo(ids("a4"));
    assertThat(a.byCategory().get("TO_CAO").received().caseIds()).isEqualTo(ids("t1"));
    // channels: HOTLINE a2 resolved in time (received in December); IN_PERSON t1
    assertThat(a.byChannel().get("HOTLINE").received().caseIds()).isEmpty();
    assertThat(a.byChannel().get("HOTLINE").resolvedInTime().caseIds()).isEqualTo(ids("a2"));
    assertThat(a.byChannel().get("WEB").received().caseIds()).isEqualTo(ids("a1", "a4", "a5"));
    assertThat(a.byChannel().get("IN_PERSON").received().caseIds()).isEqualTo(ids("t1"));
    // heads: An from 01/01 to 19/01 (19 days), Bình from 20/01 (12 days); Bình at month end
    assertThat(a.heads())
        .containsExactly(
            new HeadTerm("a-001", "Nguyễn Văn An", 19), new HeadTerm("a-002", "Trần Thị Bình", 12));
    assertThat(a.headAtMonthEnd()).isEqualTo(new HeadTerm("a-002", "Trần Thị Bình", 12));
  }

  @Test
  void unitsBAndCHandComputed() {
    Scorecard jan = scorecard(JAN);
    UnitMonth b = jan.unit(B).orElseThrow();
    assertThat(b.received().caseIds()).isEqualTo(ids("b1", "b2"));
    // b1 accepted 08/01 ≤ hết ngày 16/01; b2 accepted 19/01 after it
    assertThat(b.acceptedOnTime().caseIds()).isEqualTo(ids("b1"));
    assertThat(b.acceptedLate().caseIds()).isEqualTo(ids("b2"));
    assertThat(b.resolvedBeforeDue().caseIds()).isEqualTo(ids("b1"));
    assertThat(b.overdueOpenAtMonthEnd().caseIds()).isEmpty();
    // 1 / (1 + 0) = 100 %, but one case is below the minimum of 5: not ranked
    assertThat(b.onTimeRate().percent()).isEqualTo("100.0");
    assertThat(b.escalations().get(1).caseIds()).isEqualTo(ids("b2"));
    assertThat(b.escalations().get(2).caseIds()).isEmpty();
    assertThat(b.headAtMonthEnd().name()).isEqualTo("Hoàng Minh Đức");
    // C received a5 on 12/01 and sent it back to A on 14/01: a transfer out and a bounce
    UnitMonth c = jan.unit(C).orElseThrow();
    assertThat(c.transfersOut().caseIds()).isEqualTo(ids("a5"));
    assertThat(c.bouncedBack().caseIds()).isEqualTo(ids("a5"));
    assertThat(c.received().caseIds()).isEmpty();
  }

  @Test
  void rankingOnlyAboveTheMinimum() {
    Ranking r = scorecard(JAN).ranking();
    assertThat(r.minimumCases()).isEqualTo(Scorecards.MINIMUM_CASES).isEqualTo(5);
    // only A has 5 cases in its denominator; B (1, at 100 %) is listed apart, not above A
    assertThat(r.ranked()).containsExactly(new Ranking.Entry(1, A, new Rate(3, 5)));
    assertThat(r.unranked()).containsExactly(B, C, "HN", "Q");
    assertThat(r.rule()).contains("từ 5 hồ sơ");
  }

  @Test
  void decemberCountsItsOwnFacts() {
    UnitMonth a = scorecard(DEC).unit(A).orElseThrow();
    // a2, a3 received 01/12; a3 accepted 08/12 on time (hết ngày 11/12), a2 on 15/12 late
    assertThat(a.received().caseIds()).isEqualTo(ids("a2", "a3"));
    assertThat(a.acceptedOnTime().caseIds()).isEqualTo(ids("a3"));
    assertThat(a.acceptedLate().caseIds()).isEqualTo(ids("a2"));
    // a2's acceptance breach at 24:00 11/12; nothing overdue at 24:00 31/12 (a2, a3 run to 14/01,
    // 07/01)
    assertThat(a.escalations().get(1).caseIds()).isEqualTo(ids("a2"));
    assertThat(a.overdueOpenAtMonthEnd().caseIds()).isEmpty();
    assertThat(a.heads()).containsExactly(new HeadTerm("a-001", "Nguyễn Văn An", 31));
  }

  @Test
  void bucketsFollowTheDueDay() {
    // a day-based due instant: 24:00 of 14/01 = 00:00 of 15/01
    var due = local("2026-01-15T00:00");
    assertThat(Scorecards.bucket(local("2026-01-13T23:59"), due))
        .isEqualTo(Scorecards.Bucket.BEFORE_DUE);
    assertThat(Scorecards.bucket(local("2026-01-14T08:00"), due))
        .isEqualTo(Scorecards.Bucket.ON_DUE_DAY);
    assertThat(Scorecards.bucket(due, due)).isEqualTo(Scorecards.Bucket.ON_DUE_DAY);
    assertThat(Scorecards.bucket(due.plusMillis(1), due)).isEqualTo(Scorecards.Bucket.LATE);
    assertThat(Scorecards.bucket(due, null)).isEqualTo(Scorecards.Bucket.ON_DUE_DAY);
  }

  @Test
  void theCountsTheEngineAlsoPublishesAgreeWithItsKpis() {
    // the same events through the engine's own KPI path (the offline replay of the engine task:
    // the figures it publishes on unit-kpis), independently of the scorecard's traces
    EventLog log = ScorecardScenario.log();
    Map<String, UnitKpi> kpis = new HashMap<>();
    log.replay(
        PolicyBook.defaults(),
        CalendarBook.standard(),
        KpiMonths.endOf(JAN),
        true,
        new OfflineReplay.Listener() {
          @Override
          public void unitKpi(UnitKpi k) {
            kpis.put(KpiAggregator.key(k), k); // a month corrected later keeps its last value
          }
        });
    Scorecard jan = scorecard(JAN);
    for (String unit : List.of(A, B)) {
      UnitKpi k = kpis.get(unit + "|" + JAN);
      assertThat(k).as(unit).isNotNull();
      UnitMonth u = jan.unit(unit).orElseThrow();
      assertThat(u.received().count()).as(unit).isEqualTo(k.getReceived());
      assertThat(u.acceptedOnTime().count() + u.acceptedLate().count())
          .as(unit)
          .isEqualTo(k.getAccepted());
      assertThat(u.resolved()).as(unit).isEqualTo(k.getResolved());
      assertThat(u.resolvedBeforeDue().count() + u.resolvedOnDueDay().count())
          .as(unit)
          .isEqualTo(k.getResolvedOnTime());
      assertThat(u.overdueOpenAtMonthEnd().count())
          .as(unit)
          .isEqualTo(k.getOverdueOpenAtMonthEnd());
      assertThat(u.ratings().count()).as(unit).isEqualTo(k.getRatingCount());
    }
  }

  @Test
  void theStreamingFoldOfSeveralMonthsEqualsEachMonthFromItsTraces() {
    // publish and verify fold the replay's facts as they are emitted, several months at once and
    // without keeping the traces; each month must equal the month computed alone from the whole
    // traces (replayed to that month's end), ids included
    EventLog log = ScorecardScenario.log();
    List<YearMonth> months =
        List.of(YearMonth.of(2025, 11), DEC, JAN, YearMonth.of(2026, 2), YearMonth.of(2026, 3));
    vn.onestop.report.publish.ScorecardComputation all =
        vn.onestop.report.publish.ScorecardComputation.of(log, PolicyBook.defaults(), months);
    for (YearMonth m : months) {
      assertThat(all.scorecards().get(m)).as(m.toString()).isEqualTo(scorecard(m));
    }
    assertThat(all.scorecards().get(JAN).unit(A).orElseThrow().overdueOpenAtMonthEnd().count())
        .isEqualTo(1);

    // the trend months of a publication keep counts only: same figures, same public JSON
    vn.onestop.report.publish.ScorecardComputation publish =
        vn.onestop.report.publish.ScorecardComputation.of(
            log, PolicyBook.defaults(), months, java.util.Set.of(JAN));
    assertThat(publish.scorecards().get(JAN)).isEqualTo(scorecard(JAN));
    assertThat(publish.dueRows().keySet()).containsExactly(JAN);
    for (YearMonth m : months) {
      Scorecard counted = publish.scorecards().get(m);
      assertThat(vn.onestop.report.publish.ScorecardJson.publicFigures(counted))
          .as(m.toString())
          .isEqualTo(vn.onestop.report.publish.ScorecardJson.publicFigures(scorecard(m)));
      if (!m.equals(JAN)) {
        for (UnitMonth u : counted.units()) {
          u.figures().values().forEach(f -> assertThat(f.caseIds()).isEmpty());
        }
      }
    }
  }
}
