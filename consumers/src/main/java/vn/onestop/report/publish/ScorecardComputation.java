package vn.onestop.report.publish;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.onestop.report.scorecard.CaseTrace;
import vn.onestop.report.scorecard.Scorecard;
import vn.onestop.report.scorecard.Scorecards;
import vn.onestop.report.scorecard.UnitVersion;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Scorecards of several months from one replay of the event log (publish and verify both use it, so
 * a verification recomputes exactly what a publication computed).
 *
 * @param traces the replayed cases
 * @param directory every unit version
 * @param scorecards month → scorecard
 */
public record ScorecardComputation(
    List<CaseTrace> traces, List<UnitVersion> directory, Map<YearMonth, Scorecard> scorecards) {

  /**
   * @param log the recorded events and directory
   * @param policies the engine's SLA policies
   * @param months the months wanted (at least one)
   * @return the scorecards; the replay runs to 24:00 of the last month's last day (a month's
   *     figures depend only on facts before its end, so more events later do not change them)
   */
  public static ScorecardComputation of(
      EventLog log, PolicyBook policies, Collection<YearMonth> months) {
    YearMonth last = months.stream().max(YearMonth::compareTo).orElseThrow();
    List<CaseTrace> traces = CaseTraces.replay(log, policies, KpiMonths.endOf(last));
    List<UnitVersion> dir = CaseTraces.directory(log.org().values());
    Map<YearMonth, Scorecard> out = new TreeMap<>();
    for (YearMonth m : months) {
      out.put(m, Scorecards.compute(m, traces, dir));
    }
    return new ScorecardComputation(traces, dir, out);
  }
}
