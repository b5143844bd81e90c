package vn.onestop.report.publish;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.onestop.report.scorecard.Scorecard;
import vn.onestop.report.scorecard.ScorecardFold;
import vn.onestop.report.scorecard.UnitVersion;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Scorecards of several months from one replay of the event log (publish and verify both use it, so
 * a verification recomputes exactly what a publication computed). The replay streams the log once
 * and folds each fact as it is emitted ({@link CaseTraces#listener}, {@link ScorecardFold}): no
 * event and no case history is kept, only per-case state, per unit-month tallies and, for the
 * drill-down months, the case ids behind each figure.
 *
 * @param directory every unit version
 * @param scorecards month → scorecard (figures of months outside {@code drillDown} carry counts
 *     only)
 * @param dueRows drill-down month → unit → the deadline rows of its drill-down page
 */
public record ScorecardComputation(
    List<UnitVersion> directory,
    Map<YearMonth, Scorecard> scorecards,
    Map<YearMonth, Map<String, List<ScorecardFold.DueRow>>> dueRows) {

  /**
   * Every month with its drill-down (what {@code kpi verify} reconciles).
   *
   * @param log the recorded events and directory
   * @param policies the engine's SLA policies
   * @param months the months wanted (at least one)
   * @return the scorecards
   */
  public static ScorecardComputation of(
      EventLog log, PolicyBook policies, Collection<YearMonth> months) {
    return of(log, policies, months, Set.copyOf(months));
  }

  /**
   * @param log the recorded events and directory
   * @param policies the engine's SLA policies
   * @param months the months wanted (at least one)
   * @param drillDown the months whose case ids are kept
   * @return the scorecards; the replay runs to 24:00 of the last month's last day (a month's
   *     figures depend only on facts before its end, so more events later do not change them)
   */
  public static ScorecardComputation of(
      EventLog log, PolicyBook policies, Collection<YearMonth> months, Set<YearMonth> drillDown) {
    YearMonth last = months.stream().max(YearMonth::compareTo).orElseThrow();
    List<UnitVersion> dir = CaseTraces.directory(log.org().values());
    ScorecardFold fold = new ScorecardFold(months, drillDown, dir);
    CalendarBook calendars = CalendarBook.standard();
    log.replay(
        policies,
        calendars,
        KpiMonths.endOf(last),
        false,
        CaseTraces.listener(
            calendars, fold::accept, new vn.onestop.sla.replay.OfflineReplay.Listener() {}));
    ScorecardFold.Result r = fold.finish();
    return new ScorecardComputation(dir, r.scorecards(), r.dueRows());
  }
}
