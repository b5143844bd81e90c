package vn.onestop.sla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.testkit.CaseScript;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.cases.CaseFixture;
import vn.onestop.sla.cases.StateCopies;
import vn.onestop.sla.kpi.CaseMark;
import vn.onestop.sla.kpi.InMemoryKpiStore;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.state.CaseState;

/**
 * The KPI marks kept in the case state ({@code CaseState.kpiMark}, {@link StateMarks}): each step
 * returns the mark with the state, a breach is counted once from the state alone, and a case stored
 * before the field existed is read from the former marks store, so an upgrade neither counts an
 * overdue case twice nor forgets one.
 */
class CaseEngineKpiMarkTest {

  private final CaseFixture fixture = new CaseFixture();
  private final CaseScript ev = new CaseScript("C-1");

  private CaseEngine engine(InMemoryKpiStore legacy) {
    return new CaseEngine(CaseFixture.BOOK, CalendarBook.standard(), fixture.org(), 0, legacy);
  }

  /** Submitted Mon 02/03/2026 09:00: the acceptance clock is due Fri 13/03 00:00. */
  private CaseState submitted(CaseEngine engine) {
    EngineStep step = engine.onEvent(null, ev.submittedKn1("2026-03-02T09:00"));
    return step.state();
  }

  @Test
  void aNewCaseCarriesItsMarkAndABreachIsCountedOnceFromTheStateAlone() {
    InMemoryKpiStore legacy = new InMemoryKpiStore();
    CaseEngine engine = engine(legacy);

    CaseState s = submitted(engine);
    assertThat(s.getKpiMark()).isNotNull();
    assertThat(s.getKpiMark().getUnitId()).isEqualTo("U-WARD");
    assertThat(s.getKpiMark().getOverdue()).isFalse();

    EngineStep late = engine.onTime(s, CaseScript.at("2026-03-14T00:00"));
    assertThat(overdue(late.facts())).containsExactly("U-WARD+1");
    assertThat(late.state().getKpiMark().getOverdue()).isTrue();
    assertThat(s.getKpiMark().getOverdue()).as("the stored object is not modified").isFalse();

    EngineStep again = engine.onTime(late.state(), CaseScript.at("2026-03-20T00:00"));
    assertThat(overdue(again.facts())).isEmpty();

    // A late thụ lý starts the resolution clock, due weeks ahead: no longer overdue.
    EngineStep accepted = engine.onEvent(again.state(), ev.accepted("2026-03-21T09:00"));
    assertThat(accepted.outcome()).isEqualTo(EngineStep.Outcome.APPLIED);
    assertThat(overdue(accepted.facts())).containsExactly("U-WARD-1");
    assertThat(accepted.state().getKpiMark().getOverdue()).isFalse();

    assertThat(legacy.caseMark("C-1")).as("the former marks store is never written").isEmpty();
  }

  @Test
  void aCaseStoredBeforeMarksWereInTheStateIsReadFromTheFormerStore() {
    CaseState late =
        engine(null).onTime(submitted(engine(null)), CaseScript.at("2026-03-14T00:00")).state();
    CaseState stored = StateCopies.copy(late);
    stored.setKpiMark(null); // as written by the version that kept marks in their own store

    InMemoryKpiStore legacy = new InMemoryKpiStore();
    legacy.putCaseMark(new CaseMark("C-1", "U-WARD", true));
    CaseEngine upgraded = engine(legacy);

    // Counted overdue by the old version: not counted a second time, and ended by the acceptance.
    EngineStep tick = upgraded.onTime(stored, CaseScript.at("2026-03-20T00:00"));
    assertThat(overdue(tick.facts())).isEmpty();
    EngineStep accepted = upgraded.onEvent(stored, ev.accepted("2026-03-21T09:00"));
    assertThat(overdue(accepted.facts())).containsExactly("U-WARD-1");
    assertThat(accepted.state().getKpiMark().getOverdue()).isFalse();

    // Without the former store the same state would be counted again: the store is what is read.
    EngineStep forgotten = engine(null).onTime(stored, CaseScript.at("2026-03-20T00:00"));
    assertThat(overdue(forgotten.facts())).containsExactly("U-WARD+1");
  }

  private static List<String> overdue(List<KpiFact> facts) {
    return facts.stream()
        .filter(f -> f instanceof KpiFact.Overdue)
        .map(f -> (KpiFact.Overdue) f)
        .map(o -> o.unitId() + (o.delta() > 0 ? "+" : "") + o.delta())
        .toList();
  }
}
