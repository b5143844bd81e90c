package vn.onestop.sla.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A {@link KpiStore} over any string key-value store, values as JSON. The engine adapts its Kafka
 * Streams {@code KeyValueStore<String, String>} (in the same task as the case store, so both commit
 * together under exactly_once_v2) with four lambdas:
 *
 * <pre>
 * new KeyValueKpiStore(new KeyValueKpiStore.StringKeyValue() {
 *   public String get(String k) { return kv.get(k); }
 *   public void put(String k, String v) { kv.put(k, v); }
 *   public List&lt;String&gt; keysWithPrefix(String p) {
 *     try (var it = kv.prefixScan(p, new StringSerializer())) { ... collect keys ... } }
 * });
 * </pre>
 *
 * Keys: {@code case|<caseId>} (stage 1), {@code unit|<unitId>}, {@code clock}, {@code wm|<source>},
 * {@code earliest} (stage 2). One instance may serve both stages or each its own store.
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
     * @param prefix key prefix
     * @return every key starting with the prefix
     */
    List<String> keysWithPrefix(String prefix);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CASE = "case|";
  private static final String UNIT = "unit|";
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
    return read(CASE + caseId, CaseMark.class);
  }

  @Override
  public void putCaseMark(CaseMark mark) {
    write(CASE + mark.caseId(), mark);
  }

  @Override
  public Optional<UnitLedger> ledger(String unitId) {
    return read(UNIT + unitId, UnitLedger.class);
  }

  @Override
  public void putLedger(UnitLedger ledger) {
    write(UNIT + ledger.unitId(), ledger);
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

  private Optional<Instant> instant(String key) {
    String v = kv.get(key);
    return v == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(v)));
  }

  private <T> Optional<T> read(String key, Class<T> type) {
    String v = kv.get(key);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(v, type));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("KPI store: unreadable value of key '" + key + "': " + e.getOriginalMessage(), e);
    }
  }

  private void write(String key, Object value) {
    try {
      kv.put(key, JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("KPI store: cannot write key '" + key + "'", e);
    }
  }
}
