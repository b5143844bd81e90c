package vn.onestop.sla.kpi;

import java.time.Instant;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.cases.StateFields;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseState;

/**
 * The KPI view of the engine's {@link CaseState}, used by the engine step (for the {@link
 * KpiFactSource} hooks), live and offline, so both read a case the same way.
 */
public final class CaseStateKpi {
  private CaseStateKpi() {}

  /**
   * @param s a case state
   * @return its KPI view: unit = handling unit; calendar = the clock's calendar (the civil-service
   *     calendar when no clock is left); open = {@link StateFields#isOpen}; dueAt = the clock's due
   *     instant while it runs (null when suspended or without clock)
   */
  public static KpiCase view(CaseState s) {
    ActiveClock c = s.getClock();
    String calendar = c == null ? Calendars.CIVIL_SERVICE : c.getCalendarId();
    Instant due = StateFields.clockRunning(s) ? c.getDueAt() : null;
    return new KpiCase(
        s.getCaseId(), s.getUnitId(), calendar, s.getSubmittedAt(), StateFields.isOpen(s), due);
  }
}
