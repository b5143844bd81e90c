package vn.onestop.sla.kpi;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.UnitKpi;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.DeadlineArithmetic;

/**
 * Monthly per-unit indicators (topic {@code unit-kpis}), aggregated incrementally from case
 * transitions and stream time. Pure: no Kafka types; state lives in a {@link KpiStore}.
 *
 * <h2>Definitions (months are calendar months in Asia/Ho_Chi_Minh)</h2>
 * <ul>
 *   <li>received / accepted / resolved: Submitted / Accepted / Resolved events whose occurredAt lies
 *       in the month, counted for the case's handling unit at that event;
 *   <li>resolved on time: resolvedAt ≤ due instant of the clock running just before the resolution
 *       (no running clock counts as on time);
 *   <li>median resolution working days: {@link DeadlineArithmetic#workingDaysBetween} from receipt to
 *       resolution in the unit's calendar (whole working days after the day of receipt up to and
 *       including the day of resolution), median over the month's resolutions;
 *   <li>mean rating: mean score of the Rated events of the month;
 *   <li>overdue open at month end: cases of the unit open with a running clock whose due instant is
 *       strictly before 24:00 of the month's last day (= M, start of the next month) and not closed,
 *       extended or transferred away by an event before M.
 * </ul>
 *
 * <h2>How "overdue open at month end" avoids scanning open cases</h2>
 * Each unit has a counter of overdue open cases kept as a base (value at the last closed month end)
 * plus deltas stamped with the instant they took effect: +1 at a case's due instant (reported through
 * {@link #checkOverdue}), -1 at the event that closes/extends/suspends/transfers it. Closing month M
 * folds the deltas stamped before M into the base. So the snapshot does not depend on WHEN a breach is
 * reported, only that every breach due before M is reported before {@link #advanceTo} passes M.
 *
 * <h2>The hooks the engine's processor calls (in this order for one record)</h2>
 * <ol>
 *   <li>{@link #checkOverdue(KpiCase, Instant)} for a case whenever it handles that case at stream
 *       time {@code now} — in the record path BEFORE applying the event (next to
 *       {@code EscalationLadder.fire}) and in the punctuator for each case taken from the deadline
 *       index. The case must be findable in the deadline index at {@link #breachInstant(KpiCase)}.
 *   <li>{@link #onApplied(CaseEvent, KpiCase, KpiCase)} after every {@code Decision.Applied}, with the
 *       views before (null for a new case) and after.
 *   <li>{@link #advanceTo(Instant)} when the deadline index has been scanned completely up to an
 *       instant (end of a punctuation that was not capped: stream time; capped: the cursor). Forward
 *       each returned {@link UnitKpi} to {@code unit-kpis} with key {@link #key(UnitKpi)}.
 * </ol>
 * Idempotent per case and instant: calling {@link #checkOverdue} twice counts once.
 */
public final class KpiAggregator {
  /** Closed months kept per unit for late corrections. */
  public static final int DEFAULT_KEEP_CLOSED_MONTHS = 13;

  private final KpiStore store;
  private final int keepClosedMonths;

  /**
   * @param store where the state lives
   */
  public KpiAggregator(KpiStore store) {
    this(store, DEFAULT_KEEP_CLOSED_MONTHS);
  }

  /**
   * @param store where the state lives
   * @param keepClosedMonths closed months kept per unit so late events can correct them, at least 1
   */
  public KpiAggregator(KpiStore store, int keepClosedMonths) {
    if (keepClosedMonths < 1) {
      throw new IllegalArgumentException("keepClosedMonths must be at least 1");
    }
    this.store = store;
    this.keepClosedMonths = keepClosedMonths;
  }

  /**
   * @param c a case view
   * @return the instant from which the case counts as overdue (its due instant) if it is open with a
   *     running clock; the processor must handle the case at or after it (deadline index)
   */
  public static Optional<Instant> breachInstant(KpiCase c) {
    return c.open() && c.dueAt() != null ? Optional.of(c.dueAt()) : Optional.empty();
  }

  /**
   * @param k a KPI record
   * @return its Kafka key {@code unitId|YYYY-MM}
   */
  public static String key(UnitKpi k) {
    return k.getUnitId() + "|" + k.getMonth();
  }

  /**
   * Hook 1: counts the case overdue (once) if its due instant is at or before {@code now}.
   *
   * @param c the case as it is now
   * @param now stream time (UTC)
   */
  public void checkOverdue(KpiCase c, Instant now) {
    Instant closed = init(now);
    Optional<CaseMark> mark = store.caseMark(c.caseId());
    if (!c.open() || c.dueAt() == null || c.dueAt().isAfter(now) || mark.map(CaseMark::overdue).orElse(false)) {
      return;
    }
    addDelta(c.unitId(), max(c.dueAt(), closed), +1);
    store.putCaseMark(new CaseMark(c.caseId(), c.unitId(), true));
  }

  /**
   * Hook 2: an event was applied to a case.
   *
   * @param event the event (its occurredAt is the event time)
   * @param before the case before, null for a new case
   * @param after the case after
   * @throws IllegalArgumentException if the case's calendar id is unknown
   */
  public void onApplied(CaseEvent event, KpiCase before, KpiCase after) {
    Instant at = event.getOccurredAt();
    Instant closed = init(at);
    String month = KpiMonths.monthOf(at).toString();
    Object p = event.getPayload();
    if (p instanceof Submitted) {
      updateTally(after.unitId(), month, MonthTally::plusReceived);
    } else if (p instanceof Accepted) {
      updateTally(after.unitId(), month, MonthTally::plusAccepted);
    } else if (p instanceof Resolved) {
      KpiCase ref = before != null ? before : after;
      boolean onTime = ref.dueAt() == null || !at.isAfter(ref.dueAt());
      long days = DeadlineArithmetic.workingDaysBetween(ref.receivedAt(), at, Calendars.get(ref.calendarId()));
      updateTally(ref.unitId(), month, t -> t.plusResolved(onTime, days));
    } else if (p instanceof Rated r) {
      updateTally(after.unitId(), month, t -> t.plusRating(r.getScore()));
    }
    reconcileOverdue(after, at, closed);
  }

  private void reconcileOverdue(KpiCase after, Instant at, Instant closed) {
    Optional<CaseMark> mark = store.caseMark(after.caseId());
    boolean counted = mark.map(CaseMark::overdue).orElse(false);
    boolean shouldBe = after.open() && after.dueAt() != null && !after.dueAt().isAfter(at);
    Instant when = max(at, closed);
    if (counted && shouldBe && !mark.get().unitId().equals(after.unitId())) {
      addDelta(mark.get().unitId(), when, -1);
      addDelta(after.unitId(), when, +1);
    } else if (counted && !shouldBe) {
      addDelta(mark.get().unitId(), when, -1);
    } else if (!counted && shouldBe) {
      addDelta(after.unitId(), max(after.dueAt(), closed), +1);
    }
    store.putCaseMark(new CaseMark(after.caseId(), after.unitId(), shouldBe));
  }

  /**
   * Hook 3: closes every month that ended at or before {@code upTo} and re-emits months corrected by
   * late events.
   *
   * @param upTo instant up to which all breaches have been reported (UTC)
   * @return the KPI records to publish, in month then unit order
   */
  public List<UnitKpi> advanceTo(Instant upTo) {
    Instant closed = init(upTo);
    List<UnitKpi> out = new ArrayList<>();
    List<String> units = store.unitIds().stream().sorted().toList();
    while (!KpiMonths.endOf(KpiMonths.monthOf(closed)).isAfter(upTo)) {
      YearMonth m = KpiMonths.monthOf(closed);
      Instant end = KpiMonths.endOf(m);
      for (String unit : units) {
        UnitLedger l = store.ledger(unit).orElseThrow().foldBefore(end.toEpochMilli());
        MonthTally t = l.months().get(m.toString());
        if (t != null || l.overdueBase() != 0) {
          t = (t == null ? MonthTally.EMPTY : t).closedWith(l.overdueBase());
          l = l.withTally(m.toString(), t);
          out.add(toKpi(unit, m.toString(), t));
        }
        store.putLedger(prune(l, m));
      }
      closed = end;
      store.putClosedUpTo(closed);
    }
    for (String unit : units) {
      UnitLedger l = store.ledger(unit).orElseThrow();
      boolean changed = false;
      TreeMap<String, MonthTally> months = new TreeMap<>(l.months());
      for (Map.Entry<String, MonthTally> e : months.entrySet()) {
        if (e.getValue().dirty()) {
          e.setValue(e.getValue().emitted());
          out.add(toKpi(unit, e.getKey(), e.getValue()));
          changed = true;
        }
      }
      if (changed) {
        store.putLedger(l.withMonths(months));
      }
    }
    return out;
  }

  /**
   * The current, not yet closed, figures of a unit and month (overdue open = the unit's count now).
   *
   * @param unitId unit id
   * @param month the month
   * @return the figures, empty if the unit is unknown
   */
  public Optional<UnitKpi> peek(String unitId, YearMonth month) {
    return store.ledger(unitId).map(l -> {
      MonthTally t = l.tally(month.toString());
      if (!t.closed()) {
        long now = l.overdueBase() + l.deltas().stream().mapToLong(OverdueDelta::delta).sum();
        t = t.closedWith(now);
      }
      return toKpi(unitId, month.toString(), t);
    });
  }

  private UnitLedger prune(UnitLedger l, YearMonth justClosed) {
    String oldest = justClosed.minusMonths(keepClosedMonths - 1L).toString();
    if (l.months().isEmpty() || l.months().firstKey().compareTo(oldest) >= 0) {
      return l;
    }
    return l.withMonths(l.months().tailMap(oldest, true));
  }

  private static UnitKpi toKpi(String unit, String month, MonthTally t) {
    return UnitKpi.newBuilder()
        .setUnitId(unit).setMonth(month)
        .setReceived(t.received()).setAccepted(t.accepted()).setResolved(t.resolved())
        .setResolvedOnTime(t.resolvedOnTime())
        .setOverdueOpenAtMonthEnd(t.overdueOpenAtMonthEnd() == null ? 0 : t.overdueOpenAtMonthEnd())
        .setMedianResolutionWorkingDays(t.medianResolutionWorkingDays())
        .setRatingCount(t.ratingCount()).setMeanRating(t.meanRating())
        .build();
  }

  private void updateTally(String unit, String month, java.util.function.UnaryOperator<MonthTally> f) {
    UnitLedger l = store.ledger(unit).orElseGet(() -> UnitLedger.empty(unit));
    store.putLedger(l.withTally(month, f.apply(l.tally(month))));
  }

  private void addDelta(String unit, Instant at, int delta) {
    UnitLedger l = store.ledger(unit).orElseGet(() -> UnitLedger.empty(unit));
    store.putLedger(l.withDelta(new OverdueDelta(at.toEpochMilli(), delta)));
  }

  /** Starts the month clock at the first instant ever seen; returns the end of the last closed month. */
  private Instant init(Instant t) {
    Optional<Instant> c = store.closedUpTo();
    if (c.isPresent()) {
      return c.get();
    }
    Instant start = KpiMonths.startOf(KpiMonths.monthOf(t));
    store.putClosedUpTo(start);
    return start;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
