package vn.onestop.sla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.testkit.CaseScript;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.cases.CaseFixture;
import vn.onestop.sla.cases.StateCopies;
import vn.onestop.sla.state.CaseState;

/**
 * The next due instant recorded in the case ({@code CaseState.nextDue}) is only a shortcut: it is
 * always {@link CaseEngine#nextDueAt} of the state it is in, and a step that skips firing because
 * of it gives exactly what the full step (fire, breach check, decide) gives on the same case
 * without it (as a case stored before the field is handled) — alerts in every field, KPI facts,
 * outcome, next due instant and state.
 */
class RecordedNextDueProperties {

  private final CaseFixture fixture = new CaseFixture();

  /** One step of a generated history: what happens, after how many minutes. */
  record Move(int kind, long gapMinutes) {}

  @Property(tries = 300)
  void skippingTheFiringOfACaseWithNothingDueChangesNothing(@ForAll("histories") List<Move> moves) {
    List<Object> script = script(moves); // CaseEvent, or LocalDateTime for a time step
    CaseEngine recorded =
        new CaseEngine(CaseFixture.BOOK, CalendarBook.standard(), fixture.org(), 0, null);
    CaseEngine full =
        new CaseEngine(CaseFixture.BOOK, CalendarBook.standard(), fixture.org(), 0, null);
    CaseState a = null;
    CaseState b = null;
    int alerts = 0;
    for (Object s : script) {
      EngineStep sa;
      EngineStep sb;
      if (s instanceof CaseEvent e) {
        sa = recorded.onEvent(a, e);
        sb = full.onEvent(withoutNextDue(b), e);
      } else if (a != null) {
        var t = CaseScript.at(s.toString());
        sa = recorded.onTime(a, t);
        sb = full.onTime(withoutNextDue(b), t);
      } else {
        continue;
      }
      assertThat(sa.alerts()).isEqualTo(sb.alerts());
      assertThat(sa.facts()).isEqualTo(sb.facts());
      assertThat(sa.outcome()).isEqualTo(sb.outcome());
      assertThat(sa.nextDueAt()).isEqualTo(sb.nextDueAt());
      assertThat(withoutNextDue(sa.state())).isEqualTo(withoutNextDue(sb.state()));
      a = sa.state();
      b = sb.state();
      if (a != null) {
        assertThat(a.getNextDue()).isNotNull();
        assertThat(java.util.Optional.ofNullable(a.getNextDue().getAt()))
            .as("the recorded instant is the state's own")
            .isEqualTo(recorded.nextDueAt(a));
      }
      alerts += sa.alerts().size();
    }
    Statistics.label("history with alerts").collect(alerts > 0);
    Statistics.label("history with alerts").coverage(c -> c.check(true).percentage(p -> p >= 40.0));
  }

  private static CaseState withoutNextDue(CaseState s) {
    if (s == null) {
      return null;
    }
    CaseState c = StateCopies.copy(s);
    c.setNextDue(null);
    return c;
  }

  /** Submitted first, then the moves, each at its time (Hà Nội local). */
  private static List<Object> script(List<Move> moves) {
    CaseScript ev = new CaseScript("C-1");
    LocalDateTime t = LocalDateTime.parse("2026-03-02T09:00");
    List<Object> out = new ArrayList<>();
    out.add(ev.submittedKn1(t.toString()));
    int decision = 0;
    for (Move m : moves) {
      t = t.plusMinutes(m.gapMinutes());
      String at = t.toString();
      out.add(
          switch (m.kind()) {
            case 0 -> ev.accepted(at);
            case 1 -> ev.accepted(at, Complexity.COMPLEX);
            case 2 -> ev.assigned(at, "O-1");
            case 3 -> ev.transferred(at, "U-OTHER");
            case 4 -> ev.suspended(at, "S-" + ++decision);
            case 5 -> ev.resumed(at);
            case 6 -> ev.extended(at, 10, "GH-" + ++decision);
            case 7 -> ev.resolved(at);
            case 8 -> ev.reopened(at);
            case 9 -> ev.rated(at, 3);
            default -> t; // time passes with no event of the case
          });
    }
    return out;
  }

  @Provide
  Arbitrary<List<Move>> histories() {
    Arbitrary<Move> move =
        Combinators.combine(
                Arbitraries.integers().between(0, 14),
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 180)),
                    net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(180, 3 * 24 * 60)),
                    net.jqwik.api.Tuple.of(
                        2, Arbitraries.longs().between(3 * 24 * 60, 30 * 24 * 60))))
            .as(Move::new);
    return move.list().ofMinSize(3).ofMaxSize(14);
  }
}
