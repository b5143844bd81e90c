package vn.onestop.sla.topology;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import vn.onestop.sla.kpi.KeyValueKpiStore;

/**
 * Adapts a Kafka Streams {@code KeyValueStore<String, String>} (a KPI store of the topology, String
 * serdes, changelogged) to {@link KeyValueKpiStore.StringKeyValue}, so the KPI state commits in the
 * same exactly-once transaction as the rest of its task.
 */
final class KpiStringStore implements KeyValueKpiStore.StringKeyValue {
  private static final StringSerializer PREFIX = new StringSerializer();

  private final KeyValueStore<String, String> store;

  KpiStringStore(KeyValueStore<String, String> store) {
    this.store = store;
  }

  @Override
  public String get(String key) {
    return store.get(key);
  }

  @Override
  public void put(String key, String value) {
    store.put(key, value);
  }

  @Override
  public void delete(String key) {
    store.delete(key);
  }

  @Override
  public List<String> keysWithPrefix(String prefix) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, String> it = store.prefixScan(prefix, PREFIX)) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }
}
