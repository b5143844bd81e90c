package vn.onestop.report.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import vn.onestop.report.scorecard.CaseFact;
import vn.onestop.report.scorecard.CaseTrace;
import vn.onestop.report.scorecard.Scorecards;
import vn.onestop.report.scorecard.UnitVersion;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
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
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseClockKind;
import vn.onestop.sla.state.CaseState;

/**
 * Turns a recorded event log into {@link CaseTrace}s by replaying it through the engine's own step
 * ({@link CaseEngine}, without KPI facts), the way {@code OfflineKpis} drives it: stream time = the
 * largest occurredAt seen; before each event every case due before stream time gets {@link
 * CaseEngine#onTime}; then the event gets {@link CaseEngine#onEvent} at its occurredAt. The due
 * instants come from the resulting case states, escalations from the alerts the step returns (level
 * ≥ 1), so the scorecard uses the engine's deadlines and never a second copy of them. Refused,
 * duplicate and ignored events give no fact. Deterministic for a given log.
 */
public final class CaseTraces {
  private record Due(Instant at, String caseId) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : caseId.compareTo(o.caseId);
    }
  }

  private static final class Trace {
    String category = "UNKNOWN";
    String channel = "OTHER";
    final List<CaseFact> facts = new ArrayList<>();
  }

  private final CaseEngine engine;
  private final CalendarBook calendars;
  private final Map<String, CaseState> states = new HashMap<>();
  private final Map<String, Trace> traces = new LinkedHashMap<>();
  private final TreeSet<Due> index = new TreeSet<>();
  private final Map<String, Due> indexed = new HashMap<>();
  private Instant streamTime = Instant.EPOCH;

  private CaseTraces(PolicyBook policies, CalendarBook calendars, Map<String, OrgUnit> org) {
    this.calendars = calendars;
    this.engine = new CaseEngine(policies, calendars, OrgDirectory.of(org), null);
  }

  /**
   * Replays a log.
   *
   * @param log the recorded events and directory
   * @param policies the engine's SLA policies
   * @param upTo stream time is advanced to this instant at the end (alerts due before it fire)
   * @return one trace per case, in order of first event
   */
  public static List<CaseTrace> replay(EventLog log, PolicyBook policies, Instant upTo) {
    CaseTraces t = new CaseTraces(policies, CalendarBook.standard(), log.org());
    for (CaseEvent e : log.events()) {
      t.accept(e);
    }
    if (upTo.isAfter(t.streamTime)) {
      t.streamTime = upTo;
    }
    t.advance(t.streamTime);
    List<CaseTrace> out = new ArrayList<>();
    t.traces.forEach((id, tr) -> out.add(new CaseTrace(id, tr.category, tr.channel, tr.facts)));
    return out;
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

  private void accept(CaseEvent e) {
    if (e.getOccurredAt().isAfter(streamTime)) {
      streamTime = e.getOccurredAt();
    }
    advance(streamTime);
    if (e.getPayload() instanceof ClockTick) {
      return;
    }
    String caseId = e.getCaseId();
    CaseState before = states.get(caseId);
    EngineStep step = engine.onEvent(before, e, e.getOccurredAt());
    alerts(caseId, step.alerts());
    if (step.outcome() == EngineStep.Outcome.APPLIED) {
      // firing before the decision changes alert bookkeeping only, never the clock
      facts(e, before, step.state());
    }
    if (step.state() != null) {
      states.put(caseId, step.state());
      reindex(caseId, step.nextDueAt());
    }
  }

  private void facts(CaseEvent e, CaseState before, CaseState after) {
    Trace t = traces.computeIfAbsent(e.getCaseId(), k -> new Trace());
    Instant at = e.getOccurredAt();
    String unit = after.getUnitId();
    Object p = e.getPayload();
    if (p instanceof Submitted s) {
      t.category = s.getCategory().name();
      t.channel = s.getChannel().name();
      t.facts.add(new CaseFact.Received(at, unit));
    } else if (p instanceof Accepted) {
      Instant due =
          before != null
                  && before.getClock() != null
                  && before.getClock().getKind() == CaseClockKind.ACCEPTANCE
                  && StateFields.clockRunning(before)
              ? before.getClock().getDueAt()
              : null;
      t.facts.add(new CaseFact.Accepted(at, unit, due));
    } else if (p instanceof Resolved) {
      Instant due =
          before != null && StateFields.clockRunning(before) ? before.getClock().getDueAt() : null;
      t.facts.add(new CaseFact.Resolved(at, unit, due));
    } else if (p instanceof Transferred) {
      t.facts.add(new CaseFact.Transferred(at, before == null ? unit : before.getUnitId(), unit));
    } else if (p instanceof DeadlineExtended) {
      long[] added = added(before, after);
      t.facts.add(new CaseFact.Extended(at, unit, added[0], added[1]));
    } else if (p instanceof Suspended) {
      t.facts.add(new CaseFact.Suspended(at, unit));
    } else if (p instanceof Resumed) {
      long[] added = added(before, after);
      t.facts.add(new CaseFact.Resumed(at, unit, added[0], added[1]));
    } else if (p instanceof Rated r) {
      t.facts.add(new CaseFact.Rated(at, unit, r.getScore()));
    }
    t.facts.add(
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

  private void alerts(String caseId, List<CaseAlert> alerts) {
    for (CaseAlert a : alerts) {
      if (a.getLevel() >= 1) {
        traces
            .computeIfAbsent(caseId, k -> new Trace())
            .facts
            .add(new CaseFact.Escalated(a.getDecidedAt(), a.getUnitId().toString(), a.getLevel()));
      }
    }
  }

  private void advance(Instant t) {
    Instant upTo = CaseEngine.firesUpTo(t);
    while (!index.isEmpty() && !index.first().at().isAfter(upTo)) {
      Due d = index.pollFirst();
      indexed.remove(d.caseId());
      EngineStep step = engine.onTime(states.get(d.caseId()), t);
      alerts(d.caseId(), step.alerts());
      states.put(d.caseId(), step.state());
      reindex(d.caseId(), step.nextDueAt());
    }
  }

  private void reindex(String caseId, Optional<Instant> next) {
    Due old = indexed.remove(caseId);
    if (old != null) {
      index.remove(old);
    }
    next.ifPresent(
        at -> {
          Due d = new Due(at, caseId);
          index.add(d);
          indexed.put(caseId, d);
        });
  }
}
