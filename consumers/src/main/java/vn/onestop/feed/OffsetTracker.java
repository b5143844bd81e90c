package vn.onestop.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks records handed to asynchronous work, per partition, and tells which offset may be
 * committed: the lowest offset still pending, or one past the highest registered when none is.
 * Records finish in any order; a commit never skips unfinished work (at-least-once).
 */
final class OffsetTracker {
  private final Map<TopicPartition, ConcurrentSkipListSet<Long>> pending =
      new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> highest = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /** Called on the polling thread before the work starts. */
  void register(TopicPartition tp, long offset) {
    pending.computeIfAbsent(tp, k -> new ConcurrentSkipListSet<>()).add(offset);
    highest.merge(tp, offset, Math::max);
  }

  /** Called from any thread when the work of a record is finished. */
  void done(TopicPartition tp, long offset) {
    ConcurrentSkipListSet<Long> s = pending.get(tp);
    if (s != null) {
      s.remove(offset);
    }
  }

  /**
   * @return offsets to commit that moved since the last call (polling thread only)
   */
  Map<TopicPartition, OffsetAndMetadata> toCommit() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    highest.forEach(
        (tp, hi) -> {
          ConcurrentSkipListSet<Long> s = pending.get(tp);
          Long low = s == null || s.isEmpty() ? null : s.first();
          long next = low == null ? hi + 1 : low;
          if (!Long.valueOf(next).equals(committed.get(tp))) {
            committed.put(tp, next);
            out.put(tp, new OffsetAndMetadata(next));
          }
        });
    return out;
  }

  /** Forgets a partition (revoked from this consumer). */
  void forget(TopicPartition tp) {
    pending.remove(tp);
    highest.remove(tp);
    committed.remove(tp);
  }
}
