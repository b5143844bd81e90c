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
  /** @return the ledger of a unit, empty if never seen */
  Optional<UnitLedger> ledger(String unitId);

  /** Stores a unit ledger. */
  void putLedger(UnitLedger ledger);

  /** @return ids of every unit with a ledger (cost: number of units of this task) */
  Collection<String> unitIds();

  /** @return end of the last closed month (UTC), empty before the first month is closed */
  Optional<Instant> closedUpTo();

  /** Stores the end of the last closed month. */
  void putClosedUpTo(Instant t);

  /** @return the latest watermark of a source, empty if none yet */
  Optional<Instant> watermark(int source);

  /** Stores the latest watermark of a source. */
  void putWatermark(int source, Instant upTo);

  /** @return the earliest fact instant ever seen, empty if none */
  Optional<Instant> earliest();

  /** Stores the earliest fact instant. */
  void putEarliest(Instant t);
}
