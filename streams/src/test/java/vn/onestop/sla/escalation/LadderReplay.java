package vn.onestop.sla.escalation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.util.ClassSecurityValidator;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.testkit.CaseScript;
import vn.onestop.sla.cases.CaseFixture;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.state.CaseState;

/**
 * Random case histories for the determinism properties: the same event log processed with firing
 * only before each event (one call per gap) or with many extra intermediate firings — optionally
 * with the state written to and read back from Avro bytes at every step, as the case store and a
 * restart do — must give the identical alert list and final state.
 */
final class LadderReplay {

  /** What a step does. */
  enum Kind {
    ACCEPT,
    ASSIGN,
    TRANSFER,
    SUSPEND,
    RESUME,
    EXTEND,
    RESOLVE,
    REOPEN,
    WITHDRAW,
    RATE,
    DUPLICATE
  }

  /**
   * @param kind the event kind
   * @param gapPerMille gap since the previous event, in thousandths of the scenario's max gap
   * @param param small integer used by the kind (officer, unit, days, score, complexity)
   */
  record Step(Kind kind, int gapPerMille, int param) {}

  /**
   * @param policyId TEST-SECONDS, TC-2018, KN1-2011 or PA-DEFAULT
   * @param complexity complexity at receipt
   * @param startDay day offset of the submission from 01/01/2026
   * @param subjectIsHead whether the case is about the head of U-WARD
   * @param steps the events after Submitted
   * @param ticksPerMille extra firing instants, in thousandths of the whole history span
   */
  record Scenario(
      String policyId,
      Complexity complexity,
      int startDay,
      boolean subjectIsHead,
      List<Step> steps,
      List<Integer> ticksPerMille) {}

  /**
   * @param alerts every alert emitted, in order
   * @param state the final state
   * @param decisions kind of each decision (Applied/Duplicate/Rejected), for coverage statistics
   */
  record Outcome(List<CaseAlert> alerts, CaseState state, List<String> decisions) {}

  private static final String[] UNITS = {"U-OTHER", "U-WARD", "U-CITY", "U-NODEP", "U-GHOST"};

  private LadderReplay() {}

  /**
   * @return the event log of a scenario (Submitted first)
   */
  static List<CaseEvent> events(Scenario sc) {
    CaseScript ev = new CaseScript("P-1");
    Duration maxGap =
        sc.policyId().equals("TEST-SECONDS") ? Duration.ofSeconds(60) : Duration.ofDays(20);
    Instant t = CaseScript.at("2026-01-01T08:30").plus(Duration.ofDays(sc.startDay()));
    List<CaseEvent> log = new ArrayList<>();
    var sub =
        switch (sc.policyId()) {
          case "TC-2018" -> CaseScript.submission(Category.TO_CAO, null, "U-WARD");
          case "KN1-2011" -> CaseScript.submission(Category.KHIEU_NAI, 1, "U-WARD");
          case "PA-DEFAULT" -> CaseScript.submission(Category.PHAN_ANH, null, "U-WARD");
          default ->
              CaseScript.submission(Category.PHAN_ANH, null, "U-WARD").setPolicyId(sc.policyId());
        };
    sub.setComplexity(sc.complexity()).setSubjectOfficialId(sc.subjectIsHead() ? "H-WARD" : null);
    log.add(ev.event(t, sub.build()));
    String local = null;
    for (Step st : sc.steps()) {
      t = t.plusMillis(maxGap.toMillis() * st.gapPerMille() / 1000);
      local = t.atZone(vn.onestop.sla.calendar.Calendars.ZONE).toLocalDateTime().toString();
      int p = st.param();
      CaseEvent e =
          switch (st.kind()) {
            case ACCEPT ->
                p % 2 == 0 ? ev.accepted(local) : ev.accepted(local, Complexity.values()[p % 3]);
            case ASSIGN -> ev.assigned(local, "O-" + (p % 3));
            case TRANSFER -> ev.transferred(local, UNITS[p % UNITS.length]);
            case SUSPEND -> ev.suspended(local, p % 5 == 0 ? "" : "QĐ-" + p);
            case RESUME -> ev.resumed(local);
            case EXTEND -> ev.extended(local, 1 + p % 35, p % 7 == 0 ? "" : "GH-" + p);
            case RESOLVE -> ev.resolved(local);
            case REOPEN -> ev.reopened(local);
            case WITHDRAW -> ev.withdrawn(local);
            case RATE -> ev.rated(local, p % 7);
            case DUPLICATE -> log.get(p % log.size());
          };
      if (st.kind() == Kind.DUPLICATE) {
        e = ev.withId(e.getEventId(), t, e.getPayload());
      }
      log.add(e);
    }
    return log;
  }

  /**
   * Processes the log with the engine step, as the topology does: each event at its time ({@link
   * CaseEngine#onEvent}). With {@code extraTicks}, also fires at the scenario's intermediate
   * instants; with {@code roundTrip}, the state goes through Avro bytes after every step. A final
   * firing covers a fixed horizon after the last event.
   */
  static Outcome run(Scenario sc, boolean extraTicks, boolean roundTrip) {
    List<CaseEvent> log = events(sc);
    Instant first = log.get(0).getOccurredAt();
    Instant last = log.get(log.size() - 1).getOccurredAt();
    Instant horizon = last.plus(Duration.ofDays(sc.policyId().equals("TEST-SECONDS") ? 1 : 200));
    // time -> list of things to do at that time; events (index >= 0) after ticks (-1) at the same
    // instant
    TreeMap<Instant, List<Integer>> agenda = new TreeMap<>();
    for (int i = 0; i < log.size(); i++) {
      agenda.computeIfAbsent(log.get(i).getOccurredAt(), k -> new ArrayList<>()).add(i);
    }
    if (extraTicks) {
      long span = Duration.between(first, horizon).toMillis();
      for (int pm : sc.ticksPerMille()) {
        agenda
            .computeIfAbsent(first.plusMillis(span * pm / 1000), k -> new ArrayList<>())
            .add(0, -1);
      }
    }
    CaseEngine engine = new CaseEngine(CaseFixture.BOOK, new CaseFixture().org());
    List<CaseAlert> alerts = new ArrayList<>();
    List<String> decisions = new ArrayList<>();
    CaseState state = null;
    for (var slot : agenda.entrySet()) {
      for (int i : slot.getValue()) {
        EngineStep step;
        if (i < 0) {
          if (state == null) {
            continue;
          }
          step = engine.onTime(state, slot.getKey());
        } else {
          step = engine.onEvent(state, log.get(i), slot.getKey());
          decisions.add(step.outcome().name());
        }
        alerts.addAll(step.alerts());
        if (step.state() != null) {
          state = roundTrip ? roundTrip(step.state()) : step.state();
        }
      }
    }
    EngineStep end = engine.onTime(state, horizon);
    alerts.addAll(end.alerts());
    return new Outcome(alerts, end.state(), decisions);
  }

  /**
   * Writes the state as Avro binary and reads it back (trusting the state classes only meanwhile).
   */
  static CaseState roundTrip(CaseState s) {
    ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            before, c -> c.getName().startsWith("vn.onestop.sla.state.")));
    try {
      ByteBuffer bytes = s.toByteBuffer();
      return CaseState.fromByteBuffer(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      ClassSecurityValidator.setGlobal(before);
    }
  }
}
