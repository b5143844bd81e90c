package vn.onestop.sla.kpi;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import vn.onestop.schema.UnitKpi;

/**
 * Stage 2 of KPI aggregation: monthly per-unit indicators (topic {@code unit-kpis}) from the {@link
 * KpiFact}s of every case task. Run in the task that owns the units (facts keyed by unit id). Pure:
 * no Kafka types; state in a {@link KpiStore}.
 *
 * <h2>Definitions (months are calendar months in Asia/Ho_Chi_Minh)</h2>
 *
 * <ul>
 *   <li>received / accepted / resolved: Submitted / Accepted / Resolved events whose occurredAt
 *       lies in the month, counted for the case's handling unit at that event (a case reopened and
 *       resolved again counts twice);
 *   <li>resolved on time: resolvedAt ≤ due instant of the clock running just before the resolution
 *       (no running clock counts as on time);
 *   <li>median resolution working days: {@code DeadlineArithmetic.workingDaysBetween(receipt,
 *       resolution)} in the case's calendar (whole working days after the day of receipt up to and
 *       including the day of resolution), median over the month's resolutions (mean of the two
 *       middle values for an even count);
 *   <li>mean rating: mean score of the Rated events of the month;
 *   <li>overdue open at month end: cases of the unit open with a running clock whose due instant is
 *       strictly before M = 24:00 of the month's last day, and not closed, extended, suspended or
 *       transferred away by an event before M.
 * </ul>
 *
 * <h2>Month end without a scan of open cases</h2>
 *
 * A unit's overdue count ({@link UnitOverdue}) is a base (value at the last closed month end) plus
 * the +1/-1 changes summed per month in which they take effect. Month M is closed when the
 * watermarks of ALL {@code sources} (case-events partitions) are at or past M: the changes of M and
 * earlier are folded into the base, which is the figure.
 *
 * <h2>Bounded state per record</h2>
 *
 * Each fact reads and writes only small, fixed-size values: the unit's {@link UnitOverdue}, the
 * unit-month's {@link MonthTally}, and for a resolution one counter per distinct working-day value
 * ({@link KpiStore#addResolution}). The exact median is computed from those counters by a prefix
 * scan once per unit-month when the month closes (cost: distinct working-day values of that month,
 * at most its resolutions) and again for each late fact correcting a closed month. Cost per month
 * end: O(units × (months kept + distinct working-day values of the month)).
 *
 * <h2>Late facts</h2>
 *
 * A fact of an already closed month (an import of older records into a running engine) updates that
 * month and its corrected {@link UnitKpi} is returned at once with the next {@code revision} (same
 * key: the compacted topic keeps the latest revision). An overdue change stamped before the last
 * closed month end corrects, the same way, every closed month whose end lies after its stamp and
 * that is still kept (a tally of the unit, or one of the last {@code keepClosedMonths} closed
 * months), and takes effect in the base at the next month end; so a month's figures end equal to a
 * recomputation of the events in time order ({@code onestop kpi report}). A correction that leaves
 * a unit-month with nothing (no event, no overdue case) is still published, with zeros. A task that
 * has never closed a month (no fact before the late ones) closes every month up to its watermarks
 * at its first fact, so the late months are published at once, not at the next month end of stream
 * time. Closed months older than the kept ones without a tally of the unit are not corrected for
 * overdue changes.
 */
public final class KpiAggregator {
  /** Closed months kept per unit for late corrections. */
  public static final int DEFAULT_KEEP_CLOSED_MONTHS = 13;

  private final KpiStore store;
  private final int sources;
  private final int keepClosedMonths;

  /**
   * @param store where the state lives
   * @param sources number of fact sources (= partitions of case-events), at least 1
   */
  public KpiAggregator(KpiStore store, int sources) {
    this(store, sources, DEFAULT_KEEP_CLOSED_MONTHS);
  }

  /**
   * @param store where the state lives
   * @param sources number of fact sources (= partitions of case-events), at least 1
   * @param keepClosedMonths closed months kept per unit for late corrections, at least 1
   * @throws IllegalArgumentException if a count is below 1
   */
  public KpiAggregator(KpiStore store, int sources, int keepClosedMonths) {
    if (sources < 1 || keepClosedMonths < 1) {
      throw new IllegalArgumentException("sources and keepClosedMonths must be at least 1");
    }
    this.store = store;
    this.sources = sources;
    this.keepClosedMonths = keepClosedMonths;
  }

  /**
   * @param k a KPI record
   * @return its Kafka key {@code unitId|YYYY-MM}
   */
  public static String key(UnitKpi k) {
    return k.getUnitId() + "|" + k.getMonth();
  }

  /**
   * Applies one fact.
   *
   * @param f the fact
   * @return KPI records to publish with key {@link #key(UnitKpi)}: months closed by a watermark (in
   *     month then unit order), or the correction of a closed month by a late fact
   * @throws IllegalArgumentException if a watermark names a source outside {@code [0, sources)}
   */
  public List<UnitKpi> accept(KpiFact f) {
    if (f instanceof KpiFact.Watermark w) {
      if (w.source() < 0 || w.source() >= sources) {
        throw new IllegalArgumentException(
            "watermark of source " + w.source() + " outside [0, " + sources + ")");
      }
      Instant upTo = Instant.ofEpochMilli(w.upToMillis());
      if (store.watermark(w.source()).map(upTo::isAfter).orElse(true)) {
        store.putWatermark(w.source(), upTo);
      }
      return closeMonths();
    }
    long at = atMillis(f);
    Instant t = Instant.ofEpochMilli(at);
    if (store.earliest().map(t::isBefore).orElse(true)) {
      store.putEarliest(t);
    }
    Optional<Instant> closed = store.closedUpTo();
    String unit = f.unitId();
    UnitOverdue overdue = store.overdue(unit).orElse(null);
    if (f instanceof KpiFact.Overdue o) {
      // Changes stamped before the last closed month end take effect in the base at the next month
      // end, and correct the closed months they missed.
      long when = closed.map(c -> Math.max(at, c.toEpochMilli())).orElse(at);
      String month = KpiMonths.monthOf(Instant.ofEpochMilli(when)).toString();
      store.putOverdue(
          unit, (overdue == null ? UnitOverdue.EMPTY : overdue).plus(month, o.delta()));
      if (closed.isPresent() && at < closed.get().toEpochMilli()) {
        return correctOverdue(unit, t, o.delta(), closed.get());
      }
      return closed.isEmpty() ? closeMonths() : List.of();
    }
    if (overdue == null) {
      store.putOverdue(unit, UnitOverdue.EMPTY);
    }
    String month = KpiMonths.monthOf(t).toString();
    boolean late =
        closed.isPresent() && !KpiMonths.endOf(KpiMonths.monthOf(t)).isAfter(closed.get());
    MonthTally base =
        store
            .tally(unit, month)
            // A closed month without a tally had no activity and no overdue case for this unit.
            .orElse(late ? MonthTally.EMPTY.closedWith(0) : MonthTally.EMPTY);
    MonthTally after = change(f).apply(base);
    if (late) {
      after = after.revised();
    }
    if (f instanceof KpiFact.Resolved r) {
      store.addResolution(unit, month, r.workingDays());
    }
    store.putTally(unit, month, after);
    if (late) {
      return List.of(toKpi(unit, month, after, store.resolutions(unit, month)));
    }
    // A task that never closed a month closes now what its sources' watermarks have passed.
    return closed.isEmpty() ? closeMonths() : List.of();
  }

  /**
   * Applies an overdue change stamped at {@code at} to the closed months whose end is after it
   * (kept ones: a tally of the unit, or one of the last {@code keepClosedMonths} closed months).
   *
   * @return the corrected months, next revision each, in month order
   */
  private List<UnitKpi> correctOverdue(String unit, Instant at, long delta, Instant closedUpTo) {
    YearMonth last = KpiMonths.monthOf(closedUpTo.minusMillis(1));
    java.util.TreeSet<String> months = new java.util.TreeSet<>(store.tallyMonths(unit));
    for (int i = 0; i < keepClosedMonths; i++) {
      months.add(last.minusMonths(i).toString());
    }
    List<UnitKpi> out = new ArrayList<>();
    for (String m : months) {
      YearMonth ym = YearMonth.parse(m);
      Instant end = KpiMonths.endOf(ym);
      if (!end.isAfter(at) || end.isAfter(closedUpTo)) {
        continue;
      }
      Optional<MonthTally> t = store.tally(unit, m);
      if (t.isPresent() && !t.get().closed()) {
        continue;
      }
      MonthTally before = t.orElse(MonthTally.EMPTY.closedWith(0));
      MonthTally after = before.closedWith(before.overdueOpenAtMonthEnd() + delta).revised();
      store.putTally(unit, m, after);
      out.add(toKpi(unit, m, after, store.resolutions(unit, m)));
    }
    return out;
  }

  private static long atMillis(KpiFact f) {
    if (f instanceof KpiFact.Received r) {
      return r.atMillis();
    } else if (f instanceof KpiFact.Accepted a) {
      return a.atMillis();
    } else if (f instanceof KpiFact.Resolved r) {
      return r.atMillis();
    } else if (f instanceof KpiFact.Rated r) {
      return r.atMillis();
    } else if (f instanceof KpiFact.Overdue o) {
      return o.atMillis();
    }
    return ((KpiFact.Watermark) f).upToMillis();
  }

  private static UnaryOperator<MonthTally> change(KpiFact f) {
    if (f instanceof KpiFact.Received) {
      return MonthTally::plusReceived;
    } else if (f instanceof KpiFact.Accepted) {
      return MonthTally::plusAccepted;
    } else if (f instanceof KpiFact.Resolved r) {
      return x -> x.plusResolved(r.onTime());
    } else if (f instanceof KpiFact.Rated r) {
      return x -> x.plusRating(r.score());
    }
    return x -> x;
  }

  private List<UnitKpi> closeMonths() {
    Instant min = null;
    for (int s = 0; s < sources; s++) {
      Optional<Instant> w = store.watermark(s);
      if (w.isEmpty()) {
        return List.of();
      }
      min = min == null || w.get().isBefore(min) ? w.get() : min;
    }
    Optional<Instant> c =
        store
            .closedUpTo()
            .or(() -> store.earliest().map(e -> KpiMonths.startOf(KpiMonths.monthOf(e))));
    if (c.isEmpty()) {
      return List.of();
    }
    Instant closed = c.get();
    if (KpiMonths.endOf(KpiMonths.monthOf(closed)).isAfter(min)) {
      // Nothing closes: the common case for every fact before a task's first month end. The unit
      // list is a scan of the store plus a sort, so it is read only when a month does close.
      return List.of();
    }
    List<UnitKpi> out = new ArrayList<>();
    List<String> units = store.unitIds().stream().sorted().toList();
    while (!KpiMonths.endOf(KpiMonths.monthOf(closed)).isAfter(min)) {
      YearMonth m = KpiMonths.monthOf(closed);
      Instant end = KpiMonths.endOf(m);
      for (String unit : units) {
        UnitOverdue o = store.overdue(unit).orElseThrow();
        UnitOverdue folded = o.foldUpTo(m.toString());
        if (!folded.equals(o)) {
          store.putOverdue(unit, folded);
        }
        Optional<MonthTally> t = store.tally(unit, m.toString());
        if (t.isPresent() || folded.base() != 0) {
          MonthTally done = t.orElse(MonthTally.EMPTY).closedWith(folded.base());
          store.putTally(unit, m.toString(), done);
          out.add(toKpi(unit, m.toString(), done, store.resolutions(unit, m.toString())));
        }
        prune(unit, m);
      }
      closed = end;
      store.putClosedUpTo(closed);
    }
    return out;
  }

  /**
   * The current figures of a unit and month; for a month not yet closed, overdue open = the unit's
   * count now (all changes received so far).
   *
   * @param unitId unit id
   * @param month the month
   * @return the figures, empty if the unit is unknown
   */
  public Optional<UnitKpi> peek(String unitId, YearMonth month) {
    String m = month.toString();
    return store
        .overdue(unitId)
        .map(
            o -> {
              MonthTally t = store.tally(unitId, m).orElse(MonthTally.EMPTY);
              if (!t.closed()) {
                t = t.closedWith(o.now());
              }
              return toKpi(unitId, m, t, store.resolutions(unitId, m));
            });
  }

  /** Forgets the months of a unit older than the {@code keepClosedMonths} last closed ones. */
  private void prune(String unit, YearMonth justClosed) {
    String oldest = justClosed.minusMonths(keepClosedMonths - 1L).toString();
    for (String month : store.tallyMonths(unit)) {
      if (month.compareTo(oldest) < 0) {
        store.deleteMonth(unit, month);
      }
    }
  }

  static UnitKpi toKpi(
      String unit, String month, MonthTally t, SortedMap<Long, Long> resolutionDays) {
    return UnitKpi.newBuilder()
        .setUnitId(unit)
        .setMonth(month)
        .setReceived(t.received())
        .setAccepted(t.accepted())
        .setResolved(t.resolved())
        .setResolvedOnTime(t.resolvedOnTime())
        .setOverdueOpenAtMonthEnd(t.overdueOpenAtMonthEnd() == null ? 0 : t.overdueOpenAtMonthEnd())
        .setMedianResolutionWorkingDays(ResolutionMedian.of(resolutionDays))
        .setRatingCount(t.ratingCount())
        .setMeanRating(t.meanRating())
        .setRevision(t.revision())
        .build();
  }
}
