package vn.onestop.sla.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The deadline index over a sorted key-value store: keys are {@link DeadlineIndexKey} encodings
 * (due instant, case id), values are empty. It answers one question cheaply: "which cases are due
 * at or before t?", without touching cases that are not due.
 *
 * <p><b>Cost.</b> {@link #due} range-scans from an in-memory cursor to {@link
 * DeadlineIndexKey#upperBoundInclusive(Instant) upperBoundInclusive(t)} and stops after {@code max}
 * entries. The cursor is never above a live key: every {@link #put} below it lowers it, and the
 * caller deletes what {@link #due} returned before the next call. So one call costs one seek (O(log
 * n) in RocksDB) plus O(min(due, max)) entries read; it never iterates the open cases that are not
 * yet due. Starting from the cursor rather than from the first key also skips the tombstones of
 * entries already fired and deleted (the pattern of Finatra's PersistentTimerValueStore).
 *
 * <p><b>Recovery.</b> The cursor is not state: {@link #DeadlineIndex(KeyValueStore) the
 * constructor} (called from the processor's {@code init()}, also after a restart or a task
 * migration) sets it to the first key of the store, one seek.
 *
 * <p>Not thread-safe; one instance per stream task, like the store.
 */
public final class DeadlineIndex {
  private static final byte[] EMPTY = new byte[0];

  private final KeyValueStore<Bytes, byte[]> store;

  /** Inclusive lower end of the next scan; null when the index is known to be empty. */
  private Bytes cursor;

  /**
   * Wraps a store and recovers the cursor (the first key of the store).
   *
   * @param store the index store, keys compared as unsigned bytes (RocksDB's and Kafka's in-memory
   *     stores both do)
   */
  public DeadlineIndex(KeyValueStore<Bytes, byte[]> store) {
    this.store = Objects.requireNonNull(store, "store");
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      cursor = it.hasNext() ? it.next().key : null;
    }
  }

  /**
   * Adds (due, caseId); idempotent.
   *
   * @param due due instant (UTC), millisecond precision
   * @param caseId non-empty case id
   */
  public void put(Instant due, String caseId) {
    Bytes key = Bytes.wrap(DeadlineIndexKey.encode(due, caseId));
    store.put(key, EMPTY);
    if (cursor == null || key.compareTo(cursor) < 0) {
      cursor = key; // an entry below the cursor (already overdue) must still be scanned
    }
  }

  /**
   * Adds many entries in one store write ({@code putAll}: one RocksDB write batch), as {@link #put}
   * each; for rebuilding the index when a task starts.
   *
   * @param entries (due, caseId) entries
   */
  public void putAll(List<DeadlineIndexKey> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(entries.size());
    Bytes lowest = null;
    for (DeadlineIndexKey e : entries) {
      Bytes key = Bytes.wrap(e.encode());
      batch.add(KeyValue.pair(key, EMPTY));
      if (lowest == null || key.compareTo(lowest) < 0) {
        lowest = key;
      }
    }
    store.putAll(batch);
    if (cursor == null || lowest.compareTo(cursor) < 0) {
      cursor = lowest;
    }
  }

  /**
   * Removes (due, caseId) if present.
   *
   * @param due due instant (UTC)
   * @param caseId non-empty case id
   */
  public void delete(Instant due, String caseId) {
    store.delete(Bytes.wrap(DeadlineIndexKey.encode(due, caseId)));
  }

  /**
   * Returns up to {@code max} entries due at or before {@code upTo}, in (due, caseId) order, and
   * moves the cursor past them. The caller must {@link #delete} each returned entry (and may {@link
   * #put} the case's next due instant, which must be after {@code upTo}); entries left over because
   * of {@code max} are returned by the next call.
   *
   * @param upTo inclusive upper instant, usually stream time
   * @param max work budget of this call, at least 1
   * @return the due entries, at most {@code max}
   * @throws IllegalArgumentException if {@code max < 1}
   */
  public List<DeadlineIndexKey> due(Instant upTo, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max entries per scan must be >= 1, got " + max);
    }
    if (cursor == null) {
      return List.of();
    }
    Bytes upper = Bytes.wrap(DeadlineIndexKey.upperBoundInclusive(upTo));
    if (cursor.compareTo(upper) > 0) {
      return List.of(); // nothing due: O(1), no store access
    }
    List<DeadlineIndexKey> due = new ArrayList<>(Math.min(max, 1024));
    Bytes last = null;
    try (KeyValueIterator<Bytes, byte[]> it = store.range(cursor, upper)) {
      while (due.size() < max && it.hasNext()) {
        last = it.next().key;
        due.add(DeadlineIndexKey.decode(last.get()));
      }
    }
    // Budget used up: resume at the last returned key (the caller deletes it; the range is
    // inclusive).
    // Otherwise everything up to upTo is drained: the next scan starts just above it.
    cursor = due.size() == max ? last : upper;
    return due;
  }

  /**
   * @return the key the next scan starts from, or empty when the index is known to be empty; for
   *     tests and health checks
   */
  public java.util.Optional<byte[]> cursor() {
    return java.util.Optional.ofNullable(cursor).map(Bytes::get);
  }
}
