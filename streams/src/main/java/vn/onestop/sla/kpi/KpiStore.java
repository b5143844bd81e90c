package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Persistence of stage 2 of KPI aggregation ({@link KpiAggregator}), in the task owning the units.
 * The engine implements it over a Kafka Streams key-value store ({@link KeyValueKpiStore}); tests
 * and offline recomputation use {@link InMemoryKpiStore}.
 *
 * <p>Every value is bounded per record: a unit's overdue count ({@link UnitOverdue}), the fixed
 * counters of a unit-month ({@link MonthTally}), and one counter per distinct resolution
 * working-day value of a unit-month. Nothing grows with the number of cases of a month.
 */
public interface KpiStore {
  /**
   * @param unitId unit id
   * @return the overdue count of the unit, empty if the unit was never seen
   */
  Optional<UnitOverdue> overdue(String unitId);

  /**
   * Stores a unit's overdue count; this also registers the unit in {@link #unitIds()}.
   *
   * @param unitId unit id
   * @param overdue the count
   */
  void putOverdue(String unitId, UnitOverdue overdue);

  /**
   * @return ids of every unit seen (cost: number of units of this task)
   */
  Collection<String> unitIds();

  /**
   * @param unitId unit id
   * @param month {@code YYYY-MM}
   * @return the counters of the unit in the month, empty if none kept
   */
  Optional<MonthTally> tally(String unitId, String month);

  /**
   * Stores the counters of a unit-month.
   *
   * @param unitId unit id
   * @param month {@code YYYY-MM}
   * @param tally the counters
   */
  void putTally(String unitId, String month, MonthTally tally);

  /**
   * @param unitId unit id
   * @return the months {@code YYYY-MM} with counters kept for the unit (cost: months kept)
   */
  Collection<String> tallyMonths(String unitId);

  /**
   * Counts one resolution of a unit-month taking {@code workingDays} working days.
   *
   * @param unitId unit id
   * @param month {@code YYYY-MM}
   * @param workingDays working days from receipt to resolution
   */
  void addResolution(String unitId, String month, long workingDays);

  /**
   * Reads the resolutions of a unit-month (a prefix scan: cost = distinct values of the month, at
   * most its resolutions; done when a month closes or is corrected, not per fact).
   *
   * @param unitId unit id
   * @param month {@code YYYY-MM}
   * @return working days → number of resolutions, ascending; empty if none
   */
  SortedMap<Long, Long> resolutions(String unitId, String month);

  /**
   * Forgets a unit-month: its counters and its resolutions.
   *
   * @param unitId unit id
   * @param month {@code YYYY-MM}
   */
  void deleteMonth(String unitId, String month);

  /**
   * @return end of the last closed month (UTC), empty before the first month is closed
   */
  Optional<Instant> closedUpTo();

  /**
   * Stores the end of the last closed month.
   *
   * @param t UTC instant (00:00 local of the first day of the next month)
   */
  void putClosedUpTo(Instant t);

  /**
   * @param source source id
   * @return the latest watermark of the source, empty if none yet
   */
  Optional<Instant> watermark(int source);

  /**
   * Stores the latest watermark of a source.
   *
   * @param source source id
   * @param upTo watermark (UTC)
   */
  void putWatermark(int source, Instant upTo);

  /**
   * @return the earliest fact instant ever seen, empty if none
   */
  Optional<Instant> earliest();

  /**
   * Stores the earliest fact instant.
   *
   * @param t UTC instant
   */
  void putEarliest(Instant t);
}
