package vn.onestop.sla.index;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * RocksDB stores as the topology builds them (no changelog), opened on a {@link
 * MockProcessorContext} in a test's directory: for tests of code that works on the task's stores.
 * The caller closes each store.
 */
public final class TestStores {
  private final MockProcessorContext<Object, Object> ctx;

  /**
   * @param dir the state directory (a JUnit {@code @TempDir})
   */
  public TestStores(Path dir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    ctx = new MockProcessorContext<>(props, new TaskId(0, 0), dir.toFile());
  }

  /**
   * @return an open persistent (RocksDB) key-value store without changelog
   */
  public <K, V> KeyValueStore<K, V> rocksDb(String name, Serde<K> keys, Serde<V> values) {
    KeyValueStore<K, V> store =
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values)
            .withLoggingDisabled()
            .build();
    store.init(ctx.getStateStoreContext(), store);
    return store;
  }
}
