package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Submitted;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.DeadlineArithmetic;

/**
 * Stage 1 of KPI aggregation, run by the engine's processor in the CASE task (pure; no Kafka
 * types): turns case transitions into {@link KpiFact}s keyed by unit, to be sent to the task owning
 * the unit ({@link KpiAggregator}). Keeps one small {@link CaseMark} per case (is it counted
 * overdue, and where) so "overdue open at month end" never needs a scan of open cases.
 *
 * <h2>Hooks (call in this order for one record)</h2>
 *
 * <ol>
 *   <li>{@link #checkOverdue(KpiCase, Instant)} whenever the processor handles a case at stream
 *       time t, with {@code upTo = t - 1 ms} (the engine's firing rule: a case is overdue only
 *       AFTER its due instant, so a resolution at exactly the due instant is on time): in the
 *       record path BEFORE applying the event (next to {@code EscalationLadder.fire}) and in the
 *       punctuator for each case taken from the deadline index. Index every open case at {@link
 *       #pendingBreach(KpiCase)} (or earlier).
 *   <li>{@link #onApplied(CaseEvent, KpiCase, KpiCase)} after every {@code Decision.Applied}.
 *   <li>{@link #watermark(Instant)} when the deadline index has been scanned completely up to an
 *       instant (end of a punctuation; its stream time, or its cursor if capped). Broadcast the
 *       returned fact to every partition of the facts topic.
 * </ol>
 */
public final class KpiFactSource {
  private final CaseMarkStore marks;
  private final int source;
  private final CalendarBook calendars;

  /**
   * A source on the bundled calendars ({@link CalendarBook#standard()}).
   *
   * @param marks per-case marks of this task
   * @param source id of this source: the case-events partition of the task, 0-based
   */
  public KpiFactSource(CaseMarkStore marks, int source) {
    this(marks, source, CalendarBook.standard());
  }

  /**
   * @param marks per-case marks of this task
   * @param source id of this source: the case-events partition of the task, 0-based
   * @param calendars the working calendars the cases' clocks name (resolution times in working
   *     days)
   */
  public KpiFactSource(CaseMarkStore marks, int source, CalendarBook calendars) {
    this.marks = marks;
    this.source = source;
    this.calendars = java.util.Objects.requireNonNull(calendars, "calendars");
  }

  /**
   * @param c a case view
   * @return its due instant while it is open with a running clock: the case must be handled at or
   *     after that instant (deadline index)
   */
  public static Optional<Instant> breachInstant(KpiCase c) {
    return c.open() && c.dueAt() != null ? Optional.of(c.dueAt()) : Optional.empty();
  }

  /**
   * @param c a case view
   * @return {@link #breachInstant(KpiCase)} unless the case is already counted overdue: the instant
   *     at which the deadline index must hand the case to {@link #checkOverdue} again (empty:
   *     never, until its next event)
   */
  public Optional<Instant> pendingBreach(KpiCase c) {
    return breachInstant(c)
        .filter(d -> !marks.caseMark(c.caseId()).map(CaseMark::overdue).orElse(false));
  }

  /**
   * Hook 1: the case counts as overdue (once) from its due instant if that is at or before {@code
   * now}.
   *
   * @param c the case as it is now
   * @param now instant up to which breaches are due (UTC): stream time minus 1 ms in the engine
   * @return a +1 {@link KpiFact.Overdue} stamped at the due instant, or nothing
   */
  public List<KpiFact> checkOverdue(KpiCase c, Instant now) {
    if (!c.open()
        || c.dueAt() == null
        || c.dueAt().isAfter(now)
        || marks.caseMark(c.caseId()).map(CaseMark::overdue).orElse(false)) {
      return List.of();
    }
    marks.putCaseMark(new CaseMark(c.caseId(), c.unitId(), true));
    return List.of(new KpiFact.Overdue(c.unitId(), c.dueAt().toEpochMilli(), +1));
  }

  /**
   * Hook 2: an event was applied to a case.
   *
   * @param event the event (its occurredAt is the event time)
   * @param before the case before, null for a new case
   * @param after the case after
   * @return facts to send, keyed by their unit
   * @throws IllegalArgumentException if the case's calendar id is unknown
   */
  public List<KpiFact> onApplied(CaseEvent event, KpiCase before, KpiCase after) {
    Instant at = event.getOccurredAt();
    long t = at.toEpochMilli();
    List<KpiFact> out = new ArrayList<>();
    Object p = event.getPayload();
    if (p instanceof Submitted) {
      out.add(new KpiFact.Received(after.unitId(), t));
    } else if (p instanceof Accepted) {
      out.add(new KpiFact.Accepted(after.unitId(), t));
    } else if (p instanceof Resolved) {
      KpiCase ref = before != null ? before : after;
      boolean onTime = ref.dueAt() == null || !at.isAfter(ref.dueAt());
      long days =
          DeadlineArithmetic.workingDaysBetween(
              ref.receivedAt(), at, calendars.get(ref.calendarId()));
      out.add(new KpiFact.Resolved(ref.unitId(), t, onTime, days));
    } else if (p instanceof Rated r) {
      out.add(new KpiFact.Rated(after.unitId(), t, r.getScore()));
    }
    Optional<CaseMark> mark = marks.caseMark(after.caseId());
    boolean counted = mark.map(CaseMark::overdue).orElse(false);
    // Strictly after the due instant (firing rule): a case whose due instant is the event's instant
    // is not overdue yet.
    boolean shouldBe = after.overdueAt(at);
    if (counted && shouldBe && !mark.get().unitId().equals(after.unitId())) {
      out.add(new KpiFact.Overdue(mark.get().unitId(), t, -1));
      out.add(new KpiFact.Overdue(after.unitId(), t, +1));
    } else if (counted && !shouldBe) {
      // Counted from the due instant of the case before this event. An event that arrives late
      // (an import into a running engine) may lie before that instant: the case was counted only
      // because stream time had passed it, so the count ends where it began, not before.
      long from = before == null || before.dueAt() == null ? t : before.dueAt().toEpochMilli();
      out.add(new KpiFact.Overdue(mark.get().unitId(), Math.max(t, from), -1));
    } else if (!counted && shouldBe) {
      // Only when the event itself leaves a past due instant (hook 1 counted every earlier breach):
      // the case
      // is overdue from this event on, not before it existed in this state (keeps closed months
      // deterministic).
      out.add(new KpiFact.Overdue(after.unitId(), Math.max(after.dueAt().toEpochMilli(), t), +1));
    }
    if (mark.isEmpty() || counted != shouldBe || !mark.get().unitId().equals(after.unitId())) {
      marks.putCaseMark(new CaseMark(after.caseId(), after.unitId(), shouldBe));
    }
    return out;
  }

  /**
   * Hook 3.
   *
   * @param upTo instant up to which this source has reported every breach and event (UTC)
   * @return the watermark fact to broadcast
   */
  public KpiFact.Watermark watermark(Instant upTo) {
    return new KpiFact.Watermark(source, upTo.toEpochMilli());
  }
}
