package vn.onestop.report.scorecard;

import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import vn.onestop.sla.calendar.DeadlineArithmetic;

/**
 * Computes {@link Scorecard}s from case traces and the effective-dated directory. Pure and
 * deterministic: the same traces and directory give the same scorecard. The counting itself is
 * {@link ScorecardFold}'s (one pass, several months; {@link #compute} feeds it one month's traces).
 * Definitions (one place; docs/scorecard.md explains them with their sources):
 *
 * <ul>
 *   <li>A fact counts in the calendar month (Asia/Ho_Chi_Minh) of its instant, for the handling
 *       unit at that instant ({@link CaseFact#unitId()}).
 *   <li>Resolution buckets (Vietnamese public-service statistics: trước hạn / đúng hạn / quá hạn):
 *       the due day is {@link DeadlineArithmetic#dayOf} of the due instant (a day-based period ends
 *       at 24:00 of its last day, read as that day: Bộ luật Dân sự 2015 Điều 148); a resolution
 *       after the due instant is quá hạn; otherwise on a day before the due day trước hạn, on the
 *       due day (or without a running clock) đúng hạn.
 *   <li>Overdue open at month end: the case's last state before 24:00 of the month's last day is
 *       open with a running clock due strictly before that instant (the same rule as {@code
 *       KpiCase.overdueAt}).
 *   <li>On-time rate: {@link UnitMonth#onTimeRate}.
 *   <li>Bounced back: a transfer B→A of a case that had earlier been transferred A→B, counted for
 *       B.
 *   <li>Heads: for each day of the month, the version of the unit in force at 00:00 of that day.
 * </ul>
 */
public final class Scorecards {
  /** Units with fewer cases than this in the on-time rate's denominator are not ranked. */
  public static final int MINIMUM_CASES = 5;

  private Scorecards() {}

  /** Resolution bucket of a resolution (docs/scorecard.md, Buckets). */
  public enum Bucket {
    /** trước hạn: resolved on a day before the due day. */
    BEFORE_DUE,
    /** đúng hạn: on the due day, at or before the due instant, or without a running clock. */
    ON_DUE_DAY,
    /** quá hạn: after the due instant. */
    LATE
  }

  /**
   * The bucket rule, the only place it is written.
   *
   * @param resolvedAt resolution instant (UTC)
   * @param dueAt due instant of the clock running just before, or null when none ran
   * @return the bucket
   */
  public static Bucket bucket(Instant resolvedAt, Instant dueAt) {
    if (dueAt == null) {
      return Bucket.ON_DUE_DAY;
    }
    if (resolvedAt.isAfter(dueAt)) {
      return Bucket.LATE;
    }
    return DeadlineArithmetic.dayOf(resolvedAt).isBefore(DeadlineArithmetic.dayOf(dueAt))
        ? Bucket.BEFORE_DUE
        : Bucket.ON_DUE_DAY;
  }

  /**
   * @param month a calendar month
   * @param traces every case (facts of any month; only the month's count)
   * @param directory every version of every unit
   * @return the month's scorecard: one entry per unit of the directory and per unit with a fact in
   *     the month or an overdue case at its end
   */
  public static Scorecard compute(
      YearMonth month, Collection<CaseTrace> traces, Collection<UnitVersion> directory) {
    ScorecardFold fold = new ScorecardFold(List.of(month), Set.of(month), directory);
    for (CaseTrace c : traces) {
      for (CaseFact f : c.facts()) {
        boolean receipt = f instanceof CaseFact.Received;
        fold.accept(c.caseId(), receipt ? c.category() : null, receipt ? c.channel() : null, f);
      }
    }
    return fold.finish().scorecards().get(month);
  }

  /**
   * The ranking rule: units with at least {@code minimum} cases in the on-time rate's denominator,
   * by rate (exact), best first; equal rates share a rank; within a rank by unit id.
   *
   * @param units the month's units
   * @param minimum the threshold
   * @return the ranking
   */
  public static Ranking rank(List<UnitMonth> units, int minimum) {
    List<UnitMonth> eligible = new ArrayList<>();
    List<String> below = new ArrayList<>();
    for (UnitMonth u : units) {
      if (u.rankedCases() >= minimum) {
        eligible.add(u);
      } else {
        below.add(u.unitId());
      }
    }
    eligible.sort(
        Comparator.comparing(UnitMonth::onTimeRate, (x, y) -> y.compareTo(x))
            .thenComparing(UnitMonth::unitId));
    List<Ranking.Entry> ranked = new ArrayList<>();
    for (int i = 0; i < eligible.size(); i++) {
      UnitMonth u = eligible.get(i);
      int rank =
          i > 0 && eligible.get(i - 1).onTimeRate().compareTo(u.onTimeRate()) == 0
              ? ranked.get(i - 1).rank()
              : i + 1;
      ranked.add(new Ranking.Entry(rank, u.unitId(), u.onTimeRate()));
    }
    below.sort(null);
    return new Ranking(minimum, ranked, below);
  }

  /**
   * @param d a due instant
   * @return calendar days between the due days of two instants ({@link DeadlineArithmetic#dayOf})
   * @param e the later due instant
   */
  public static long calendarDaysBetweenDueDays(Instant d, Instant e) {
    return ChronoUnit.DAYS.between(DeadlineArithmetic.dayOf(d), DeadlineArithmetic.dayOf(e));
  }
}
