package vn.onestop.sla.kpi;

/**
 * What KPI aggregation remembers of one case: where it is counted and whether it is counted
 * overdue.
 *
 * @param caseId case id
 * @param unitId unit whose counters the case is in
 * @param overdue true while counted in that unit's overdue open cases
 */
public record CaseMark(String caseId, String unitId, boolean overdue) {}
