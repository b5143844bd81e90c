package vn.onestop.sla.kpi;

/**
 * A change of a unit's count of overdue open cases, at the instant it took effect: +1 at the due
 * instant of a breached case, -1 when an overdue case is closed, extended into the future, suspended
 * or transferred away.
 *
 * @param atMillis UTC instant, epoch milliseconds
 * @param delta +1 or -1
 */
public record OverdueDelta(long atMillis, int delta) {}
