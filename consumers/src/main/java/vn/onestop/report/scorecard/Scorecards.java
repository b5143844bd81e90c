package vn.onestop.report.scorecard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.kpi.KpiMonths;

/**
 * Computes {@link Scorecard}s from case traces and the effective-dated directory. Pure and
 * deterministic: the same traces and directory give the same scorecard. Definitions (one place;
 * docs/scorecard.md explains them with their sources):
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

  /** Mutable lists while counting; figures are built once at the end (linear cost). */
  private static final class SplitAcc {
    final List<String> received = new ArrayList<>();
    final List<String> inTime = new ArrayList<>();
    final List<String> late = new ArrayList<>();
    final List<String> overdue = new ArrayList<>();

    Split build() {
      return new Split(
          new Figure(received), new Figure(inTime), new Figure(late), new Figure(overdue));
    }
  }

  private static final class Acc {
    final String unit;
    final List<String> received = new ArrayList<>();
    final List<String> acceptedOnTime = new ArrayList<>();
    final List<String> acceptedLate = new ArrayList<>();
    final List<String> beforeDue = new ArrayList<>();
    final List<String> onDueDay = new ArrayList<>();
    final List<String> late = new ArrayList<>();
    final List<String> overdue = new ArrayList<>();
    final TreeMap<Integer, List<String>> escalations = new TreeMap<>();
    final List<String> extensions = new ArrayList<>();
    long extCal;
    long extWork;
    final List<String> suspensions = new ArrayList<>();
    final List<String> resumptions = new ArrayList<>();
    long susCal;
    long susWork;
    final List<String> transfersOut = new ArrayList<>();
    final List<String> bounced = new ArrayList<>();
    final List<String> ratings = new ArrayList<>();
    long ratingSum;
    final TreeMap<String, SplitAcc> byCategory = new TreeMap<>();
    final TreeMap<String, SplitAcc> byChannel = new TreeMap<>();

    Acc(String unit) {
      this.unit = unit;
      for (int level = 1; level <= 3; level++) {
        escalations.put(level, new ArrayList<>());
      }
    }

    void split(CaseTrace c, int which) {
      add(byCategory.computeIfAbsent(c.category(), k -> new SplitAcc()), which, c.caseId());
      add(byChannel.computeIfAbsent(c.channel(), k -> new SplitAcc()), which, c.caseId());
    }

    private static void add(SplitAcc s, int which, String id) {
      switch (which) {
        case 0 -> s.received.add(id);
        case 1 -> s.inTime.add(id);
        case 2 -> s.late.add(id);
        default -> s.overdue.add(id);
      }
    }

    static TreeMap<String, Split> build(TreeMap<String, SplitAcc> m) {
      TreeMap<String, Split> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(k, v.build()));
      return out;
    }
  }

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
    Instant start = KpiMonths.startOf(month);
    Instant end = KpiMonths.endOf(month);
    Map<String, Acc> acc = new HashMap<>();
    for (UnitVersion v : directory) {
      acc.computeIfAbsent(v.unitId(), Acc::new);
    }
    for (CaseTrace c : traces) {
      String id = c.caseId();
      CaseFact.State last = null;
      List<CaseFact.Transferred> earlierTransfers = new ArrayList<>();
      for (CaseFact f : c.facts()) {
        boolean in = !f.at().isBefore(start) && f.at().isBefore(end);
        if (f instanceof CaseFact.State s && f.at().isBefore(end)) {
          last = s;
        }
        if (f instanceof CaseFact.Transferred t) {
          boolean bounce =
              earlierTransfers.stream()
                  .anyMatch(
                      e -> e.unitId().equals(t.toUnitId()) && e.toUnitId().equals(t.unitId()));
          earlierTransfers.add(t);
          if (in) {
            Acc a = acc.computeIfAbsent(t.unitId(), Acc::new);
            a.transfersOut.add(id);
            if (bounce) {
              a.bounced.add(id);
            }
          }
          continue;
        }
        if (!in || f instanceof CaseFact.State) {
          continue;
        }
        Acc a = acc.computeIfAbsent(f.unitId(), Acc::new);
        if (f instanceof CaseFact.Received) {
          a.received.add(id);
          a.split(c, 0);
        } else if (f instanceof CaseFact.Accepted x) {
          if (x.acceptanceDueAt() == null || !x.at().isAfter(x.acceptanceDueAt())) {
            a.acceptedOnTime.add(id);
          } else {
            a.acceptedLate.add(id);
          }
        } else if (f instanceof CaseFact.Resolved r) {
          switch (bucket(r.at(), r.dueAt())) {
            case BEFORE_DUE -> a.beforeDue.add(id);
            case ON_DUE_DAY -> a.onDueDay.add(id);
            case LATE -> a.late.add(id);
          }
          a.split(c, bucket(r.at(), r.dueAt()) == Bucket.LATE ? 2 : 1);
        } else if (f instanceof CaseFact.Extended x) {
          a.extensions.add(id);
          a.extCal += x.addedCalendarDays();
          a.extWork += x.addedWorkingDays();
        } else if (f instanceof CaseFact.Suspended) {
          a.suspensions.add(id);
        } else if (f instanceof CaseFact.Resumed x) {
          a.resumptions.add(id);
          a.susCal += x.addedCalendarDays();
          a.susWork += x.addedWorkingDays();
        } else if (f instanceof CaseFact.Escalated x) {
          a.escalations.computeIfAbsent(x.level(), k -> new ArrayList<>()).add(id);
        } else if (f instanceof CaseFact.Rated x) {
          a.ratings.add(id);
          a.ratingSum += x.score();
        }
      }
      if (last != null
          && last.open()
          && last.runningDueAt() != null
          && last.runningDueAt().isBefore(end)) {
        Acc a = acc.computeIfAbsent(last.unitId(), Acc::new);
        a.overdue.add(id);
        a.split(c, 3);
      }
    }
    Map<String, List<UnitVersion>> versions = new HashMap<>();
    for (UnitVersion v : directory) {
      versions.computeIfAbsent(v.unitId(), k -> new ArrayList<>()).add(v);
    }
    List<UnitMonth> units = new ArrayList<>();
    for (String unit : new TreeSet<>(acc.keySet())) {
      Acc a = acc.get(unit);
      List<UnitVersion> vs = versions.getOrDefault(unit, List.of());
      LinkedHashMap<String, HeadTerm> heads = new LinkedHashMap<>();
      UnitVersion atEnd = null;
      for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
        UnitVersion v = inForce(vs, d.atStartOfDay(Calendars.ZONE).toInstant());
        if (v == null) {
          continue;
        }
        atEnd = d.equals(month.atEndOfMonth()) ? v : atEnd;
        String key = v.headOfficialId() + "\u0000" + v.headName();
        HeadTerm h = heads.get(key);
        heads.put(
            key, new HeadTerm(v.headOfficialId(), v.headName(), h == null ? 1 : h.days() + 1));
      }
      String name =
          atEnd != null
              ? atEnd.name()
              : vs.stream()
                  .max(Comparator.comparing(UnitVersion::validFrom))
                  .map(UnitVersion::name)
                  .orElse(unit);
      HeadTerm headAtEnd =
          atEnd == null || atEnd.headOfficialId() == null
              ? null
              : heads.get(atEnd.headOfficialId() + "\u0000" + atEnd.headName());
      units.add(
          new UnitMonth(
              unit,
              name,
              new ArrayList<>(heads.values()),
              headAtEnd,
              new Figure(a.received),
              new Figure(a.acceptedOnTime),
              new Figure(a.acceptedLate),
              new Figure(a.beforeDue),
              new Figure(a.onDueDay),
              new Figure(a.late),
              new Figure(a.overdue),
              figures(a.escalations),
              new Figure(a.extensions),
              a.extCal,
              a.extWork,
              new Figure(a.suspensions),
              new Figure(a.resumptions),
              a.susCal,
              a.susWork,
              new Figure(a.transfersOut),
              new Figure(a.bounced),
              new Figure(a.ratings),
              a.ratingSum,
              Acc.build(a.byCategory),
              Acc.build(a.byChannel)));
    }
    return new Scorecard(month, units, rank(units, MINIMUM_CASES));
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

  private static TreeMap<Integer, Figure> figures(TreeMap<Integer, List<String>> m) {
    TreeMap<Integer, Figure> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, new Figure(v)));
    return out;
  }

  private static UnitVersion inForce(List<UnitVersion> vs, Instant at) {
    UnitVersion best = null;
    for (UnitVersion v : vs) {
      if (!v.validFrom().isAfter(at) && (best == null || v.validFrom().isAfter(best.validFrom()))) {
        best = v;
      }
    }
    return best;
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
