package vn.onestop.report.scorecard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.kpi.KpiMonths;

/**
 * The scorecard rules of {@link Scorecards} applied in one pass over the facts as a replay emits
 * them, for several months at once, without keeping the facts: per unit and month a tally of every
 * figure, and per case only what a later fact needs (its category and channel at receipt, its last
 * state, its earlier transfers). The case ids behind each figure, and the drill-down's due rows,
 * are kept only for the {@code drillDown} months; the other months get counts ({@link
 * Figure#counted}).
 *
 * <p>Facts of one case must come in the order the engine applied them (their instants then never
 * decrease for the {@link CaseFact.State}s: the engine refuses an event older than the case's last
 * one); facts of different cases may interleave in any way. Memory: one small entry per case seen,
 * one tally per unit and month, one id per counted occurrence of a drill-down month.
 *
 * <p>"Overdue open at month end" reads the case's last state before 24:00 of the month's last day:
 * it is decided when the case's next state at or after that instant arrives, or at {@link #finish}.
 */
public final class ScorecardFold {
  /** A count and, when kept, the ids. */
  private static final class Tally {
    final List<String> ids;
    int n;

    Tally(boolean keep) {
      ids = keep ? new ArrayList<>() : null;
    }

    void add(String id) {
      n++;
      if (ids != null) {
        ids.add(id);
      }
    }

    Figure build() {
      return ids != null ? new Figure(ids) : Figure.counted(n);
    }
  }

  private static final class SplitAcc {
    final Tally received;
    final Tally inTime;
    final Tally late;
    final Tally overdue;

    SplitAcc(boolean keep) {
      received = new Tally(keep);
      inTime = new Tally(keep);
      late = new Tally(keep);
      overdue = new Tally(keep);
    }

    Split build() {
      return new Split(received.build(), inTime.build(), late.build(), overdue.build());
    }
  }

  /** One unit's tallies in one month. */
  private static final class Acc {
    final boolean keep;
    final Tally received;
    final Tally acceptedOnTime;
    final Tally acceptedLate;
    final Tally beforeDue;
    final Tally onDueDay;
    final Tally late;
    final Tally overdue;
    final TreeMap<Integer, Tally> escalations = new TreeMap<>();
    final Tally extensions;
    long extCal;
    long extWork;
    final Tally suspensions;
    final Tally resumptions;
    long susCal;
    long susWork;
    final Tally transfersOut;
    final Tally bounced;
    final Tally ratings;
    long ratingSum;
    final TreeMap<String, SplitAcc> byCategory = new TreeMap<>();
    final TreeMap<String, SplitAcc> byChannel = new TreeMap<>();

    Acc(boolean keep) {
      this.keep = keep;
      received = new Tally(keep);
      acceptedOnTime = new Tally(keep);
      acceptedLate = new Tally(keep);
      beforeDue = new Tally(keep);
      onDueDay = new Tally(keep);
      late = new Tally(keep);
      overdue = new Tally(keep);
      extensions = new Tally(keep);
      suspensions = new Tally(keep);
      resumptions = new Tally(keep);
      transfersOut = new Tally(keep);
      bounced = new Tally(keep);
      ratings = new Tally(keep);
      for (int level = 1; level <= 3; level++) {
        escalations.put(level, new Tally(keep));
      }
    }

    void split(Case c, int which) {
      add(byCategory.computeIfAbsent(c.category, k -> new SplitAcc(keep)), which, c.id);
      add(byChannel.computeIfAbsent(c.channel, k -> new SplitAcc(keep)), which, c.id);
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

  /** What the fold keeps of a case between its facts. */
  private static final class Case {
    final String id;
    final long seq;
    String category = "UNKNOWN";
    String channel = "OTHER";
    CaseFact.State last;
    List<CaseFact.Transferred> transfers;

    /** Index of the first month end of the window the last state is not yet decided for. */
    int nextEnd;

    Case(String id, long seq) {
      this.id = id;
      this.seq = seq;
    }
  }

  /**
   * A row of a drill-down month's deadline table: an acceptance or resolution in the month with the
   * due instant it was judged against, or a case overdue and open at the month's end.
   *
   * @param unitId the unit the row is counted for
   * @param caseId the case
   * @param kind what the row is
   * @param dueAt the due instant (UTC), null when no clock ran
   * @param at the acceptance or resolution instant (UTC), null for {@link Kind#OVERDUE_OPEN}
   */
  public record DueRow(String unitId, String caseId, Kind kind, Instant dueAt, Instant at) {
    /** What a row is. */
    public enum Kind {
      /** Thụ lý in the month. */
      ACCEPTED,
      /** Giải quyết in the month. */
      RESOLVED,
      /** Overdue and open at 24:00 of the month's last day. */
      OVERDUE_OPEN
    }
  }

  private record OrderedRow(long caseSeq, long seq, DueRow row) {}

  /**
   * The outcome.
   *
   * @param scorecards month → scorecard, in month order
   * @param dueRows drill-down month → unit → its rows, in the order of the cases' first facts, a
   *     case's rows in fact order, its overdue row last
   */
  public record Result(
      Map<YearMonth, Scorecard> scorecards, Map<YearMonth, Map<String, List<DueRow>>> dueRows) {}

  private final List<YearMonth> months;
  private final Instant[] starts;
  private final Instant[] ends;
  private final boolean[] keep;
  private final Collection<UnitVersion> directory;
  private final List<Map<String, Acc>> acc = new ArrayList<>();
  private final List<List<OrderedRow>> rows = new ArrayList<>();
  private final Map<String, Case> cases = new HashMap<>();
  private long caseSeq;
  private long rowSeq;
  private boolean finished;

  /**
   * @param months the months to compute (any order; duplicates ignored)
   * @param drillDown the months whose case ids and due rows are kept (others: counts only)
   * @param directory every version of every unit
   */
  public ScorecardFold(
      Collection<YearMonth> months, Set<YearMonth> drillDown, Collection<UnitVersion> directory) {
    this.months = List.copyOf(new TreeSet<>(months));
    int n = this.months.size();
    starts = new Instant[n];
    ends = new Instant[n];
    keep = new boolean[n];
    this.directory = List.copyOf(directory);
    for (int i = 0; i < n; i++) {
      YearMonth m = this.months.get(i);
      starts[i] = KpiMonths.startOf(m);
      ends[i] = KpiMonths.endOf(m);
      keep[i] = drillDown.contains(m);
      boolean k = keep[i];
      Map<String, Acc> units = new HashMap<>();
      for (UnitVersion v : directory) {
        units.computeIfAbsent(v.unitId(), u -> new Acc(k));
      }
      acc.add(units);
      rows.add(new ArrayList<>());
    }
  }

  /**
   * The index of the window month of an instant, or -1.
   *
   * @param at an instant
   * @return the index into {@link #months}
   */
  private int monthIndex(Instant at) {
    for (int i = 0; i < starts.length; i++) {
      if (!at.isBefore(starts[i]) && at.isBefore(ends[i])) {
        return i;
      }
    }
    return -1;
  }

  private Acc acc(int month, String unit) {
    return acc.get(month).computeIfAbsent(unit, k -> new Acc(keep[month]));
  }

  /**
   * Takes one fact.
   *
   * @param caseId the case
   * @param category its legal category at receipt, given with its {@link CaseFact.Received} (null:
   *     unchanged; a case without a receipt counts as {@code UNKNOWN})
   * @param channel its channel at receipt, likewise (default {@code OTHER})
   * @param f the fact
   * @throws IllegalStateException after {@link #finish}
   */
  public void accept(String caseId, String category, String channel, CaseFact f) {
    if (finished) {
      throw new IllegalStateException("finished");
    }
    Case c = cases.get(caseId);
    if (c == null) {
      c = new Case(caseId, caseSeq++);
      cases.put(caseId, c);
    }
    if (category != null) {
      c.category = category;
    }
    if (channel != null) {
      c.channel = channel;
    }
    String id = c.id;
    if (f instanceof CaseFact.State s) {
      // the previous state was the last before every month end up to this state's instant
      while (c.nextEnd < ends.length && !s.at().isBefore(ends[c.nextEnd])) {
        if (c.last != null) {
          overdueAtEnd(c, c.last, c.nextEnd);
        }
        c.nextEnd++;
      }
      c.last = s;
      return;
    }
    int m = monthIndex(f.at());
    if (f instanceof CaseFact.Transferred t) {
      boolean bounce = false;
      if (c.transfers == null) {
        c.transfers = new ArrayList<>(1);
      } else {
        for (CaseFact.Transferred e : c.transfers) {
          if (e.unitId().equals(t.toUnitId()) && e.toUnitId().equals(t.unitId())) {
            bounce = true;
            break;
          }
        }
      }
      c.transfers.add(t);
      if (m >= 0) {
        Acc a = acc(m, t.unitId());
        a.transfersOut.add(id);
        if (bounce) {
          a.bounced.add(id);
        }
      }
      return;
    }
    if (m < 0) {
      return;
    }
    Acc a = acc(m, f.unitId());
    if (f instanceof CaseFact.Received) {
      a.received.add(id);
      a.split(c, 0);
    } else if (f instanceof CaseFact.Accepted x) {
      if (x.acceptanceDueAt() == null || !x.at().isAfter(x.acceptanceDueAt())) {
        a.acceptedOnTime.add(id);
      } else {
        a.acceptedLate.add(id);
      }
      row(m, c, new DueRow(f.unitId(), id, DueRow.Kind.ACCEPTED, x.acceptanceDueAt(), x.at()));
    } else if (f instanceof CaseFact.Resolved r) {
      Scorecards.Bucket b = Scorecards.bucket(r.at(), r.dueAt());
      switch (b) {
        case BEFORE_DUE -> a.beforeDue.add(id);
        case ON_DUE_DAY -> a.onDueDay.add(id);
        case LATE -> a.late.add(id);
      }
      a.split(c, b == Scorecards.Bucket.LATE ? 2 : 1);
      row(m, c, new DueRow(f.unitId(), id, DueRow.Kind.RESOLVED, r.dueAt(), r.at()));
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
      a.escalations.computeIfAbsent(x.level(), k -> new Tally(keep[m])).add(id);
    } else if (f instanceof CaseFact.Rated x) {
      a.ratings.add(id);
      a.ratingSum += x.score();
    }
  }

  private void row(int m, Case c, DueRow r) {
    if (keep[m]) {
      rows.get(m).add(new OrderedRow(c.seq, rowSeq++, r));
    }
  }

  /** The month-end rule of {@link Scorecards} for the case's last state before {@code ends[i]}. */
  private void overdueAtEnd(Case c, CaseFact.State last, int i) {
    if (last.open() && last.runningDueAt() != null && last.runningDueAt().isBefore(ends[i])) {
      Acc a = acc(i, last.unitId());
      a.overdue.add(c.id);
      a.split(c, 3);
      if (keep[i]) {
        rows.get(i)
            .add(
                new OrderedRow(
                    c.seq,
                    Long.MAX_VALUE,
                    new DueRow(
                        last.unitId(), c.id, DueRow.Kind.OVERDUE_OPEN, last.runningDueAt(), null)));
      }
    }
  }

  /**
   * Decides the month ends still open and builds the scorecards.
   *
   * @return the scorecards and the drill-down months' due rows
   * @throws IllegalStateException if called twice
   */
  public Result finish() {
    if (finished) {
      throw new IllegalStateException("finished");
    }
    finished = true;
    for (Case c : cases.values()) {
      for (; c.nextEnd < ends.length; c.nextEnd++) {
        if (c.last != null) {
          overdueAtEnd(c, c.last, c.nextEnd);
        }
      }
    }
    cases.clear();
    Map<String, List<UnitVersion>> versions = new HashMap<>();
    for (UnitVersion v : directory) {
      versions.computeIfAbsent(v.unitId(), k -> new ArrayList<>()).add(v);
    }
    Map<YearMonth, Scorecard> out = new TreeMap<>();
    Map<YearMonth, Map<String, List<DueRow>>> due = new TreeMap<>();
    for (int i = 0; i < months.size(); i++) {
      out.put(months.get(i), scorecard(months.get(i), acc.get(i), versions));
      if (keep[i]) {
        List<OrderedRow> rs = rows.get(i);
        rs.sort(Comparator.comparingLong(OrderedRow::caseSeq).thenComparingLong(OrderedRow::seq));
        Map<String, List<DueRow>> byUnit = new TreeMap<>();
        for (OrderedRow r : rs) {
          byUnit.computeIfAbsent(r.row().unitId(), k -> new ArrayList<>()).add(r.row());
        }
        due.put(months.get(i), byUnit);
      }
    }
    return new Result(out, due);
  }

  private static Scorecard scorecard(
      YearMonth month, Map<String, Acc> acc, Map<String, List<UnitVersion>> versions) {
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
      TreeMap<Integer, Figure> escalations = new TreeMap<>();
      a.escalations.forEach((k, v) -> escalations.put(k, v.build()));
      units.add(
          new UnitMonth(
              unit,
              name,
              new ArrayList<>(heads.values()),
              headAtEnd,
              a.received.build(),
              a.acceptedOnTime.build(),
              a.acceptedLate.build(),
              a.beforeDue.build(),
              a.onDueDay.build(),
              a.late.build(),
              a.overdue.build(),
              escalations,
              a.extensions.build(),
              a.extCal,
              a.extWork,
              a.suspensions.build(),
              a.resumptions.build(),
              a.susCal,
              a.susWork,
              a.transfersOut.build(),
              a.bounced.build(),
              a.ratings.build(),
              a.ratingSum,
              Acc.build(a.byCategory),
              Acc.build(a.byChannel)));
    }
    return new Scorecard(month, units, Scorecards.rank(units, Scorecards.MINIMUM_CASES));
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
}
