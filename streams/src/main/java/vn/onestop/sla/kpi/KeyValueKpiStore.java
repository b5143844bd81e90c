package vn.onestop.sla.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link KpiStore} over any string key-value store, values in the short text form of {@link
 * KpiValueCodec} (no JSON on the per-event path; older JSON values are still read). The engine
 * adapts its Kafka Streams {@code KeyValueStore<String, String>} (in the same task as the case
 * store, so both commit together under exactly_once_v2) with four lambdas:
 *
 * <pre>
 * new KeyValueKpiStore(new KeyValueKpiStore.StringKeyValue() {
 *   public String get(String k) { return kv.get(k); }
 *   public void put(String k, String v) { kv.put(k, v); }
 *   public void delete(String k) { kv.delete(k); }
 *   public List&lt;String&gt; keysWithPrefix(String p) {
 *     try (var it = kv.prefixScan(p, new StringSerializer())) { ... collect keys ... } }
 * });
 * </pre>
 *
 * Keys (every value bounded, never growing with the cases of a month):
 *
 * <ul>
 *   <li>{@code case|<caseId>}: stage-1 {@link CaseMark};
 *   <li>{@code unit|<unitId>}: {@link UnitOverdue} (overdue base + pending changes per month);
 *   <li>{@code month|<unitId>|<YYYY-MM>}: {@link MonthTally} counters;
 *   <li>{@code days|<unitId>|<YYYY-MM>|<workingDays>}: number of resolutions of that unit-month
 *       taking that many working days (decimal), read by a prefix scan when the month closes or is
 *       corrected;
 *   <li>{@code clock}, {@code wm|<source>}, {@code earliest}: epoch milliseconds.
 * </ul>
 *
 * One instance may serve both stages or each its own store. Unit ids must not contain {@code |}.
 */
public final class KeyValueKpiStore implements KpiStore, CaseMarkStore {
  /** The string store the engine provides. */
  public interface StringKeyValue {
    /**
     * @param key key
     * @return the value, null if absent
     */
    String get(String key);

    /**
     * Stores a value.
     *
     * @param key key
     * @param value value
     */
    void put(String key, String value);

    /**
     * Removes a key (no-op if absent).
     *
     * @param key key
     */
    void delete(String key);

    /**
     * @param prefix key prefix
     * @return every key starting with the prefix
     */
    List<String> keysWithPrefix(String prefix);
  }

  private static final String CASE = "case|";
  private static final String UNIT = "unit|";
  private static final String MONTH = "month|";
  private static final String DAYS = "days|";
  private static final String CLOCK = "clock";
  private static final String WM = "wm|";
  private static final String EARLIEST = "earliest";

  private final StringKeyValue kv;

  /**
   * @param kv the underlying store
   */
  public KeyValueKpiStore(StringKeyValue kv) {
    this.kv = kv;
  }

  @Override
  public Optional<CaseMark> caseMark(String caseId) {
    String key = CASE + caseId;
    String v = kv.get(key);
    return v == null ? Optional.empty() : Optional.of(KpiValueCodec.caseMark(key, caseId, v));
  }

  @Override
  public void putCaseMark(CaseMark mark) {
    kv.put(CASE + mark.caseId(), KpiValueCodec.caseMark(mark));
  }

  @Override
  public Optional<UnitOverdue> overdue(String unitId) {
    String key = UNIT + unitId;
    String v = kv.get(key);
    return v == null ? Optional.empty() : Optional.of(KpiValueCodec.overdue(key, v));
  }

  @Override
  public void putOverdue(String unitId, UnitOverdue overdue) {
    kv.put(UNIT + unitId, KpiValueCodec.overdue(overdue));
  }

  @Override
  public Optional<MonthTally> tally(String unitId, String month) {
    String key = MONTH + unitId + "|" + month;
    String v = kv.get(key);
    return v == null ? Optional.empty() : Optional.of(KpiValueCodec.tally(key, v));
  }

  @Override
  public void putTally(String unitId, String month, MonthTally tally) {
    kv.put(MONTH + unitId + "|" + month, KpiValueCodec.tally(tally));
  }

  @Override
  public Collection<String> tallyMonths(String unitId) {
    String prefix = MONTH + unitId + "|";
    List<String> months = new ArrayList<>();
    for (String k : kv.keysWithPrefix(prefix)) {
      months.add(k.substring(prefix.length()));
    }
    return months;
  }

  @Override
  public void addResolution(String unitId, String month, long workingDays) {
    String key = DAYS + unitId + "|" + month + "|" + workingDays;
    String v = kv.get(key);
    kv.put(key, Long.toString(v == null ? 1 : parse(key, v) + 1));
  }

  @Override
  public SortedMap<Long, Long> resolutions(String unitId, String month) {
    String prefix = DAYS + unitId + "|" + month + "|";
    SortedMap<Long, Long> counts = new TreeMap<>();
    for (String k : kv.keysWithPrefix(prefix)) {
      String v = kv.get(k);
      if (v != null) {
        counts.merge(parse(k, k.substring(prefix.length())), parse(k, v), Long::sum);
      }
    }
    return counts;
  }

  @Override
  public void deleteMonth(String unitId, String month) {
    kv.delete(MONTH + unitId + "|" + month);
    for (String k : kv.keysWithPrefix(DAYS + unitId + "|" + month + "|")) {
      kv.delete(k);
    }
  }

  @Override
  public Collection<String> unitIds() {
    List<String> ids = new ArrayList<>();
    for (String k : kv.keysWithPrefix(UNIT)) {
      ids.add(k.substring(UNIT.length()));
    }
    return ids;
  }

  @Override
  public Optional<Instant> closedUpTo() {
    String v = kv.get(CLOCK);
    return v == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
  }

  @Override
  public void putClosedUpTo(Instant t) {
    kv.put(CLOCK, Long.toString(t.toEpochMilli()));
  }

  @Override
  public Optional<Instant> watermark(int source) {
    return instant(WM + source);
  }

  @Override
  public void putWatermark(int source, Instant upTo) {
    kv.put(WM + source, Long.toString(upTo.toEpochMilli()));
  }

  @Override
  public Optional<Instant> earliest() {
    return instant(EARLIEST);
  }

  @Override
  public void putEarliest(Instant t) {
    kv.put(EARLIEST, Long.toString(t.toEpochMilli()));
  }

  private static long parse(String key, String number) {
    try {
      return Long.parseLong(number);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "KPI store: key '" + key + "' holds '" + number + "', not a whole number", e);
    }
  }

  private Optional<Instant> instant(String key) {
    String v = kv.get(key);
    return v == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
  }
}
