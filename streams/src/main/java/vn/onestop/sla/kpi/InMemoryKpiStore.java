package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link KpiStore} and {@link CaseMarkStore} in plain maps: tests and offline recomputation (not
 * thread-safe).
 */
public final class InMemoryKpiStore implements KpiStore, CaseMarkStore {
  private final Map<String, CaseMark> marks = new HashMap<>();
  private final Map<String, UnitOverdue> overdue = new HashMap<>();
  private final Map<String, TreeMap<String, MonthTally>> tallies = new HashMap<>();
  private final Map<String, TreeMap<Long, Long>> resolutions = new HashMap<>();
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
  public Optional<UnitOverdue> overdue(String unitId) {
    return Optional.ofNullable(overdue.get(unitId));
  }

  @Override
  public void putOverdue(String unitId, UnitOverdue o) {
    overdue.put(unitId, o);
  }

  @Override
  public Collection<String> unitIds() {
    return List.copyOf(overdue.keySet());
  }

  @Override
  public Optional<MonthTally> tally(String unitId, String month) {
    TreeMap<String, MonthTally> m = tallies.get(unitId);
    return Optional.ofNullable(m == null ? null : m.get(month));
  }

  @Override
  public void putTally(String unitId, String month, MonthTally tally) {
    tallies.computeIfAbsent(unitId, u -> new TreeMap<>()).put(month, tally);
  }

  @Override
  public Collection<String> tallyMonths(String unitId) {
    TreeMap<String, MonthTally> m = tallies.get(unitId);
    return m == null ? List.of() : List.copyOf(m.keySet());
  }

  @Override
  public void addResolution(String unitId, String month, long workingDays) {
    resolutions
        .computeIfAbsent(unitId + "|" + month, k -> new TreeMap<>())
        .merge(workingDays, 1L, Long::sum);
  }

  @Override
  public SortedMap<Long, Long> resolutions(String unitId, String month) {
    TreeMap<Long, Long> r = resolutions.get(unitId + "|" + month);
    return r == null ? new TreeMap<>() : new TreeMap<>(r);
  }

  @Override
  public void deleteMonth(String unitId, String month) {
    TreeMap<String, MonthTally> m = tallies.get(unitId);
    if (m != null) {
      m.remove(month);
    }
    resolutions.remove(unitId + "|" + month);
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
