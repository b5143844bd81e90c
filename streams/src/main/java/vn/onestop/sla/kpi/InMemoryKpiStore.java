package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link KpiStore} and {@link CaseMarkStore} in plain maps: tests and offline recomputation (not thread-safe). */
public final class InMemoryKpiStore implements KpiStore, CaseMarkStore {
  private final Map<String, CaseMark> marks = new HashMap<>();
  private final Map<String, UnitLedger> ledgers = new HashMap<>();
  private final Map<Integer, Instant> watermarks = new HashMap<>();
  private Instant closedUpTo;
  private Instant earliest;

  @Override
  public Optional<CaseMark> caseMark(String caseId) {
    return Optional.ofNullable(marks.get(caseId));
  }

  @Override
  public void putCaseMark(CaseMark mark) {
    marks.put(mark.caseId(), mark);
  }

  @Override
  public Optional<UnitLedger> ledger(String unitId) {
    return Optional.ofNullable(ledgers.get(unitId));
  }

  @Override
  public void putLedger(UnitLedger ledger) {
    ledgers.put(ledger.unitId(), ledger);
  }

  @Override
  public Collection<String> unitIds() {
    return List.copyOf(ledgers.keySet());
  }

  @Override
  public Optional<Instant> closedUpTo() {
    return Optional.ofNullable(closedUpTo);
  }

  @Override
  public void putClosedUpTo(Instant t) {
    closedUpTo = t;
  }

  @Override
  public Optional<Instant> watermark(int source) {
    return Optional.ofNullable(watermarks.get(source));
  }

  @Override
  public void putWatermark(int source, Instant upTo) {
    watermarks.put(source, upTo);
  }

  @Override
  public Optional<Instant> earliest() {
    return Optional.ofNullable(earliest);
  }

  @Override
  public void putEarliest(Instant t) {
    earliest = t;
  }
}
