package vn.onestop.report.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.onestop.report.scorecard.CaseFact;
import vn.onestop.report.scorecard.CaseTrace;
import vn.onestop.report.scorecard.Scorecards;
import vn.onestop.report.scorecard.UnitVersion;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Resumed;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Transferred;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.cases.StateFields;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseClockKind;
import vn.onestop.sla.state.CaseState;

/**
 * Turns a recorded event log into {@link CaseTrace}s by re-running the engine over it offline
 * ({@link EventLog#replay}: {@link OfflineReplay}, the engine's own task with its STREAM_TIME
 * punctuation, without KPI facts), then moving stream time to the end instant. The due instants
 * come from the case states before and after each engine step, escalations from the alerts the
 * replay emits (level ≥ 1), so the scorecard uses the engine's deadlines and firing rule and never
 * a second copy of them. Refused, duplicate and ignored events give no fact. Deterministic for a
 * given log.
 */
public final class CaseTraces {
  /**
   * Where the facts go, one by one, as the replay emits them: per case in the order the engine
   * applied its events (and decided its alerts).
   */
  @FunctionalInterface
  public interface Sink {
    /**
     * @param caseId the case
     * @param category the case's legal category symbol, given with its {@link CaseFact.Received}
     *     only (else null)
     * @param channel its channel symbol, likewise
     * @param fact the fact
     */
    void fact(String caseId, String category, String channel, CaseFact fact);
  }

  private static final class Trace {
    String category = "UNKNOWN";
    String channel = "OTHER";
    final List<CaseFact> facts = new ArrayList<>();
  }

  private final CalendarBook calendars;
  private final Sink sink;

  private CaseTraces(CalendarBook calendars, Sink sink) {
    this.calendars = calendars;
    this.sink = sink;
  }

  /**
   * Replays a log.
   *
   * @param log the recorded events and directory
   * @param policies the engine's SLA policies
   * @param upTo stream time is advanced to this instant at the end (alerts due by then fire)
   * @return one trace per case, in order of first event
   */
  public static List<CaseTrace> replay(EventLog log, PolicyBook policies, Instant upTo) {
    return replay(
        log, policies, CalendarBook.standard(), upTo, false, new OfflineReplay.Listener() {});
  }

  /**
   * Replays a log under given policies and calendars, passing every output of the replay on to
   * {@code also} too (e.g. the alerts and unit KPIs of a what-if comparison). Keeps every fact of
   * every case: for tests and small logs; {@link #listener} streams them instead.
   *
   * @param log the recorded events and directory
   * @param policies the SLA policies to run
   * @param calendars the working calendars to run
   * @param upTo stream time is advanced to this instant at the end (alerts due by then fire)
   * @param kpiFacts whether the replay computes KPI facts and unit KPIs (for {@code also})
   * @param also a listener that sees the replay's outputs after the traces did
   * @return one trace per case, in order of first event
   */
  public static List<CaseTrace> replay(
      EventLog log,
      PolicyBook policies,
      CalendarBook calendars,
      Instant upTo,
      boolean kpiFacts,
      OfflineReplay.Listener also) {
    Map<String, Trace> traces = new LinkedHashMap<>();
    log.replay(
        policies,
        calendars,
        upTo,
        kpiFacts,
        listener(
            calendars,
            (id, category, channel, f) -> {
              Trace t = traces.computeIfAbsent(id, k -> new Trace());
              if (category != null) {
                t.category = category;
                t.channel = channel;
              }
              t.facts.add(f);
            },
            also));
    List<CaseTrace> out = new ArrayList<>();
    traces.forEach((id, tr) -> out.add(new CaseTrace(id, tr.category, tr.channel, tr.facts)));
    return out;
  }

  /**
   * A replay listener that turns the engine's steps and alerts into facts for {@code sink} as they
   * happen (nothing is kept), passing every output on to {@code also} too.
   *
   * @param calendars the working calendars the replay runs (for working days added)
   * @param sink where the facts go
   * @param also a listener that sees the replay's outputs after the sink did
   * @return the listener, for {@link EventLog#replay} or {@link EventLog#replayAll}
   */
  public static OfflineReplay.Listener listener(
      CalendarBook calendars, Sink sink, OfflineReplay.Listener also) {
    CaseTraces t = new CaseTraces(calendars, sink);
    return new OfflineReplay.Listener() {
      @Override
      public void alert(int partition, CaseAlert a) {
        t.alert(a);
        also.alert(partition, a);
      }

      @Override
      public void step(int partition, CaseEvent e, CaseState before, EngineStep step) {
        if (step.outcome() == EngineStep.Outcome.APPLIED) {
          // firing before the decision changes alert bookkeeping only, never the clock
          t.facts(e, before, step.state());
        }
        also.step(partition, e, before, step);
      }

      @Override
      public void fact(int partition, vn.onestop.sla.kpi.KpiFact fact, long timestampMs) {
        also.fact(partition, fact, timestampMs);
      }

      @Override
      public void unitKpi(vn.onestop.schema.UnitKpi kpi) {
        also.unitKpi(kpi);
      }

      @Override
      public void rejected(OfflineReplay.LogRecord record, String reason) {
        also.rejected(record, reason);
      }
    };
  }

  /**
   * @param org org-units key → unit version
   * @return the directory in domain terms (every version)
   */
  public static List<UnitVersion> directory(Collection<OrgUnit> org) {
    List<UnitVersion> out = new ArrayList<>();
    for (OrgUnit u : org) {
      out.add(
          new UnitVersion(
              u.getUnitId().toString(),
              u.getName().toString(),
              u.getValidFrom(),
              u.getHead() == null ? null : u.getHead().getOfficialId().toString(),
              u.getHead() == null ? null : u.getHead().getName().toString()));
    }
    return out;
  }

  private void facts(CaseEvent e, CaseState before, CaseState after) {
    String id = e.getCaseId();
    Instant at = e.getOccurredAt();
    String unit = after.getUnitId();
    Object p = e.getPayload();
    if (p instanceof Submitted s) {
      sink.fact(id, s.getCategory().name(), s.getChannel().name(), new CaseFact.Received(at, unit));
    } else if (p instanceof Accepted) {
      Instant due =
          before != null
                  && before.getClock() != null
                  && before.getClock().getKind() == CaseClockKind.ACCEPTANCE
                  && StateFields.clockRunning(before)
              ? before.getClock().getDueAt()
              : null;
      sink.fact(id, null, null, new CaseFact.Accepted(at, unit, due));
    } else if (p instanceof Resolved) {
      Instant due =
          before != null && StateFields.clockRunning(before) ? before.getClock().getDueAt() : null;
      sink.fact(id, null, null, new CaseFact.Resolved(at, unit, due));
    } else if (p instanceof Transferred) {
      sink.fact(
          id,
          null,
          null,
          new CaseFact.Transferred(at, before == null ? unit : before.getUnitId(), unit));
    } else if (p instanceof DeadlineExtended) {
      long[] added = added(before, after);
      sink.fact(id, null, null, new CaseFact.Extended(at, unit, added[0], added[1]));
    } else if (p instanceof Suspended) {
      sink.fact(id, null, null, new CaseFact.Suspended(at, unit));
    } else if (p instanceof Resumed) {
      long[] added = added(before, after);
      sink.fact(id, null, null, new CaseFact.Resumed(at, unit, added[0], added[1]));
    } else if (p instanceof Rated r) {
      sink.fact(id, null, null, new CaseFact.Rated(at, unit, r.getScore()));
    }
    sink.fact(
        id,
        null,
        null,
        new CaseFact.State(
            at,
            unit,
            StateFields.isOpen(after),
            StateFields.clockRunning(after) ? after.getClock().getDueAt() : null));
  }

  /** Calendar and working days between the due instants of the clock before and after. */
  private long[] added(CaseState before, CaseState after) {
    ActiveClock b = before == null ? null : before.getClock();
    ActiveClock a = after.getClock();
    if (b == null || a == null || !a.getDueAt().isAfter(b.getDueAt())) {
      return new long[] {0, 0};
    }
    return new long[] {
      Scorecards.calendarDaysBetweenDueDays(b.getDueAt(), a.getDueAt()),
      DeadlineArithmetic.workingDaysBetween(
          b.getDueAt(), a.getDueAt(), calendars.get(a.getCalendarId()))
    };
  }

  private void alert(CaseAlert a) {
    if (a.getLevel() >= 1) {
      sink.fact(
          a.getCaseId(),
          null,
          null,
          new CaseFact.Escalated(a.getDecidedAt(), a.getUnitId().toString(), a.getLevel()));
    }
  }
}
