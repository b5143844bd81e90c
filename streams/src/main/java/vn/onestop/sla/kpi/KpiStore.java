package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Persistence of stage 2 of KPI aggregation ({@link KpiAggregator}), in the task owning the units.
 * The engine implements it over a Kafka Streams key-value store ({@link KeyValueKpiStore}); tests and
 * offline recomputation use {@link InMemoryKpiStore}.
 */
public interface KpiStore {
  /**
   * @param unitId unit id
   * @return the ledger of the unit, empty if never seen
   */
  Optional<UnitLedger> ledger(String unitId);

  /**
   * Stores a unit ledger.
   *
   * @param ledger the ledger
   */
  void putLedger(UnitLedger ledger);

  /** @return ids of every unit with a ledger (cost: number of units of this task) */
  Collection<String> unitIds();

  /** @return end of the last closed month (UTC), empty before the first month is closed */
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

  /** @return the earliest fact instant ever seen, empty if none */
  Optional<Instant> earliest();

  /**
   * Stores the earliest fact instant.
   *
   * @param t UTC instant
   */
  void putEarliest(Instant t);
}
