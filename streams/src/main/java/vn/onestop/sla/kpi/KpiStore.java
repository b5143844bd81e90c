package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Persistence of KPI aggregation state. The engine implements it over a Kafka Streams key-value
 * store in the same task as the case store (see {@link KeyValueKpiStore}); tests and offline
 * recomputation use {@link InMemoryKpiStore}.
 */
public interface KpiStore {
  /** @return the mark of a case, empty if never seen */
  Optional<CaseMark> caseMark(String caseId);

  /** Stores a case mark. */
  void putCaseMark(CaseMark mark);

  /** @return the ledger of a unit, empty if never seen */
  Optional<UnitLedger> ledger(String unitId);

  /** Stores a unit ledger. */
  void putLedger(UnitLedger ledger);

  /** @return ids of every unit with a ledger (cost: number of units) */
  Collection<String> unitIds();

  /** @return end of the last closed month (UTC), empty before the first hook call */
  Optional<Instant> closedUpTo();

  /** Stores the end of the last closed month. */
  void putClosedUpTo(Instant t);
}
