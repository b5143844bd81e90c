package vn.onestop.sla.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DeadlineIndex} on the store type the topology gives it (RocksDB, no changelog): due
 * entries in (due, case id) order within the budget, the cursor lowered by writes below it, and the
 * batched writes of the start-up rebuild ({@link DeadlineIndex#putAll}, and deletes as null values
 * in one {@code putAll}) equal to one write per entry.
 */
class DeadlineIndexStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

  @TempDir Path dir;
  private KeyValueStore<Bytes, byte[]> store;

  @BeforeEach
  void setUp() {
    store = new TestStores(dir).rocksDb("deadline-index", Serdes.Bytes(), Serdes.ByteArray());
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static Instant at(long minutes) {
    return T0.plusSeconds(60 * minutes);
  }

  @Test
  void dueEntriesComeInDueThenCaseIdOrderWithinTheBudget() {
    DeadlineIndex index = new DeadlineIndex(store);
    index.put(at(30), "c-b");
    index.put(at(10), "c-z");
    index.put(at(30), "c-a");
    index.put(at(90), "c-late");

    List<DeadlineIndexKey> first = index.due(at(60), 2);
    assertThat(first)
        .containsExactly(new DeadlineIndexKey(at(10), "c-z"), new DeadlineIndexKey(at(30), "c-a"));
    first.forEach(k -> index.delete(k.due(), k.caseId()));
    assertThat(index.due(at(60), 2)).containsExactly(new DeadlineIndexKey(at(30), "c-b"));
    index.delete(at(30), "c-b");
    assertThat(index.due(at(60), 2)).isEmpty();
    // an entry written below the cursor (already overdue) is still found
    index.put(at(5), "c-overdue");
    assertThat(index.due(at(60), 10)).containsExactly(new DeadlineIndexKey(at(5), "c-overdue"));
  }

  @Test
  void aBatchWritesWhatSingleWritesWouldAndLowersTheCursor() {
    DeadlineIndex index = new DeadlineIndex(store);
    index.put(at(50), "c-1");
    index.due(at(40), 10); // nothing due: the cursor moves just above 40 min
    List<DeadlineIndexKey> batch = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      batch.add(new DeadlineIndexKey(at(100 - 3 * i), "c-" + (100 + i)));
    }

    index.putAll(batch);

    List<DeadlineIndexKey> expected = new ArrayList<>(batch);
    expected.add(new DeadlineIndexKey(at(50), "c-1"));
    expected.sort(null);
    assertThat(index.due(at(1000), 1000)).containsExactlyElementsOf(expected);
    // a new index over the same store (a task starting again) finds them from its first key
    assertThat(new DeadlineIndex(store).due(at(1000), 1000)).containsExactlyElementsOf(expected);
  }

  @Test
  void nullValuesInABatchDeleteTheirKeys() {
    DeadlineIndex index = new DeadlineIndex(store);
    for (int i = 0; i < 10; i++) {
      index.put(at(i), "c-" + i);
    }
    List<KeyValue<Bytes, byte[]>> deletes = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      it.forEachRemaining(kv -> deletes.add(KeyValue.pair(kv.key, null)));
    }

    store.putAll(deletes);

    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      assertThat(it.hasNext()).isFalse();
    }
    assertThat(new DeadlineIndex(store).due(at(1000), 1000)).isEmpty();
  }
}
