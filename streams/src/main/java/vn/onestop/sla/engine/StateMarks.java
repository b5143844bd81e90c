package vn.onestop.sla.engine;

import java.util.Objects;
import java.util.Optional;
import vn.onestop.sla.cases.StateCopies;
import vn.onestop.sla.kpi.CaseMark;
import vn.onestop.sla.kpi.CaseMarkStore;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.KpiMark;

/**
 * The KPI marks of {@link vn.onestop.sla.kpi.KpiFactSource} kept in the case state itself ({@code
 * CaseState.kpiMark}) instead of a store of their own: an event that changes a case's mark then
 * writes one record (the case), not two (docs/benchmarks.md, "Records written per event").
 *
 * <p>Used by {@link CaseEngine} only, around each KPI hook of one case: {@link #bind} the state the
 * hook reads, run the hook, then {@link #apply} what it wrote to the state the step returns. One
 * instance per engine, confined to the engine's thread (a stream task's or a replay partition's).
 *
 * <p><b>Cases stored before the mark moved into the state</b> have no {@code kpiMark}; their mark
 * is read from the {@code legacy} store (the engine's former {@code kpi-marks} store), once, and
 * the state carries it from the next write on. A new case never reads the legacy store.
 */
public final class StateMarks implements CaseMarkStore {
  private final CaseMarkStore legacy;

  private CaseState bound;
  private boolean legacyAllowed;
  private CaseMark written;

  /**
   * @param legacy marks of cases stored before {@code CaseState.kpiMark} existed, or null when
   *     there are none (a new deployment, an offline replay from the first event)
   */
  public StateMarks(CaseMarkStore legacy) {
    this.legacy = legacy;
  }

  /**
   * Makes {@code s} the case the next hook reads and forgets what an earlier hook wrote.
   *
   * @param s the case state the hook sees
   * @param stored whether {@code s} descends from a stored case (false for a case created by the
   *     current event: it has no legacy mark)
   */
  void bind(CaseState s, boolean stored) {
    this.bound = Objects.requireNonNull(s, "s");
    this.legacyAllowed = stored;
    this.written = null;
  }

  /**
   * @param s the state to return for the bound case
   * @param fresh whether {@code s} was made by the current step (no one else holds it): then it is
   *     given the mark in place; else (it may be the stored object) a copy is
   * @return {@code s} when the hook wrote no mark or the same mark it has, else {@code s} or a copy
   *     of it carrying the mark
   */
  CaseState apply(CaseState s, boolean fresh) {
    CaseMark m = written;
    written = null;
    if (m == null) {
      return s;
    }
    KpiMark now = s.getKpiMark();
    if (now != null && now.getOverdue() == m.overdue() && now.getUnitId().equals(m.unitId())) {
      return s;
    }
    CaseState out = fresh ? s : StateCopies.copy(s);
    out.setKpiMark(new KpiMark(m.unitId(), m.overdue()));
    return out;
  }

  /**
   * @param caseId case id; only the bound case has a mark here
   * @return the mark the bound case carries (or, for a case stored before marks were in the state,
   *     the legacy store's), the one a hook just wrote taking precedence; empty for another case
   */
  @Override
  public Optional<CaseMark> caseMark(String caseId) {
    if (written != null && written.caseId().equals(caseId)) {
      return Optional.of(written);
    }
    if (bound == null || !bound.getCaseId().equals(caseId)) {
      return Optional.empty();
    }
    KpiMark m = bound.getKpiMark();
    if (m != null) {
      return Optional.of(new CaseMark(caseId, m.getUnitId(), m.getOverdue()));
    }
    return legacyAllowed && legacy != null ? legacy.caseMark(caseId) : Optional.empty();
  }

  /**
   * Records the bound case's new mark; {@link #apply} puts it into the state the step returns.
   *
   * @param mark the mark
   * @throws IllegalStateException if the mark is not the bound case's
   */
  @Override
  public void putCaseMark(CaseMark mark) {
    if (bound == null || !bound.getCaseId().equals(mark.caseId())) {
      throw new IllegalStateException("a KPI mark may be written only for the case being stepped");
    }
    written = mark;
  }
}
