package vn.onestop.sla.kpi;

import java.util.Optional;

/**
 * Per-case KPI marks of stage 1 ({@link KpiFactSource}), kept in the case task. The engine
 * implements it over a key-value store of the case task (or inside its case store); tests and
 * offline use {@link InMemoryKpiStore}.
 */
public interface CaseMarkStore {
  /**
   * @param caseId case id
   * @return the mark of the case, empty if never seen
   */
  Optional<CaseMark> caseMark(String caseId);

  /**
   * Stores a case mark.
   *
   * @param mark the mark
   */
  void putCaseMark(CaseMark mark);
}
