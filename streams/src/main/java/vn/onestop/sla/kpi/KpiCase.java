package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.Objects;

/**
 * What KPI aggregation needs to know of a case at one moment: a small view the engine's processor
 * builds from its case state (and {@link KpiOffline} from its own replay).
 *
 * @param caseId case id
 * @param unitId current handling unit
 * @param calendarId working-day calendar of that unit (see {@code
 *     vn.onestop.sla.calendar.Calendars}), used to count resolution working days
 * @param receivedAt UTC instant of receipt (the Submitted event's occurredAt)
 * @param open true until resolved, rejected or withdrawn (true again after a reopen)
 * @param dueAt UTC due instant of the running clock (acceptance clock before thụ lý, resolution
 *     clock after), or null when no clock runs (closed, suspended)
 */
public record KpiCase(
    String caseId,
    String unitId,
    String calendarId,
    Instant receivedAt,
    boolean open,
    Instant dueAt) {
  /**
   * @throws NullPointerException naming a missing component
   */
  public KpiCase {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(calendarId, "calendarId");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /**
   * @param t an instant
   * @return true if open with a running clock whose due instant is strictly before {@code t}
   */
  public boolean overdueAt(Instant t) {
    return open && dueAt != null && dueAt.isBefore(t);
  }
}
