package vn.onestop.report.scorecard;

import java.time.Instant;

/**
 * One fact of a case's life that a scorecard counts, in domain terms (no Kafka, no Avro): built by
 * an adapter from the recorded case events and the engine's replay (due instants, alerts). Every
 * instant is UTC; the month a fact counts in is the calendar month of {@link #at()} in
 * Asia/Ho_Chi_Minh, and the unit it counts for is {@link #unitId()} (the handling unit at that
 * moment).
 */
public sealed interface CaseFact {
  /**
   * @return UTC instant of the fact
   */
  Instant at();

  /**
   * @return handling unit the fact is counted for
   */
  String unitId();

  /**
   * Receipt (tiếp nhận).
   *
   * @param at receipt instant
   * @param unitId unit the case was submitted to
   */
  record Received(Instant at, String unitId) implements CaseFact {}

  /**
   * Thụ lý.
   *
   * @param at acceptance instant
   * @param unitId handling unit
   * @param acceptanceDueAt due instant of the acceptance clock that was running, or null when none
   *     ran (accepted without an acceptance clock counts as on time)
   */
  record Accepted(Instant at, String unitId, Instant acceptanceDueAt) implements CaseFact {}

  /**
   * A resolution (a reopened case resolved again gives a second one).
   *
   * @param at resolution instant
   * @param unitId handling unit
   * @param dueAt due instant of the clock running just before the resolution, or null when none ran
   *     (e.g. resolved while suspended)
   */
  record Resolved(Instant at, String unitId, Instant dueAt) implements CaseFact {}

  /**
   * Chuyển đơn.
   *
   * @param at transfer instant
   * @param unitId the unit that transferred the case out
   * @param toUnitId the unit that received it
   */
  record Transferred(Instant at, String unitId, String toUnitId) implements CaseFact {}

  /**
   * Gia hạn: an extension decision, and how far it moved the due instant.
   *
   * @param at decision instant
   * @param unitId handling unit
   * @param addedCalendarDays calendar days between the due day before and after
   * @param addedWorkingDays working days (the clock's calendar) between the due instants before and
   *     after
   */
  record Extended(Instant at, String unitId, long addedCalendarDays, long addedWorkingDays)
      implements CaseFact {}

  /**
   * Tạm đình chỉ: the clock pauses.
   *
   * @param at suspension instant
   * @param unitId handling unit
   */
  record Suspended(Instant at, String unitId) implements CaseFact {}

  /**
   * The end of a suspension, and how far it moved the due instant (the suspended time added).
   *
   * @param at resumption instant
   * @param unitId handling unit
   * @param addedCalendarDays calendar days between the due day before the suspension and after
   * @param addedWorkingDays working days between the due instants before and after
   */
  record Resumed(Instant at, String unitId, long addedCalendarDays, long addedWorkingDays)
      implements CaseFact {}

  /**
   * A breach or escalation alert of the engine (level 1 = breach to the unit's head, 2 = parent's
   * head, 3 = top; docs/law.md, Escalation).
   *
   * @param at the alert's decidedAt
   * @param unitId handling unit when the alert was decided
   * @param level 1, 2 or 3
   */
  record Escalated(Instant at, String unitId, int level) implements CaseFact {}

  /**
   * The citizen's rating of a resolution.
   *
   * @param at rating instant
   * @param unitId handling unit
   * @param score 1 (worst) to 5 (best)
   */
  record Rated(Instant at, String unitId, int score) implements CaseFact {}

  /**
   * The case after an applied event: what "overdue open at month end" reads.
   *
   * @param at instant of the event
   * @param unitId handling unit after the event
   * @param open false once resolved, rejected or withdrawn (true again after a reopening)
   * @param runningDueAt due instant of the running clock, null when no clock runs (suspended,
   *     closed)
   */
  record State(Instant at, String unitId, boolean open, Instant runningDueAt) implements CaseFact {}
}
