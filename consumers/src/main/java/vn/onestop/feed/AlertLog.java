package vn.onestop.feed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import vn.onestop.schema.CaseAlert;

/**
 * The feed service's ordered, in-memory copy of {@code case-alerts} (read from the beginning at
 * start), shared by all SSE sessions. One writer (the consumer thread), many readers.
 *
 * <p>Each entry keeps its Kafka partition and offset, so positions handed to clients ({@link
 * FeedPosition}) are Kafka offsets, not process-local counters. An entry whose alertId was already
 * seen earlier in this log is marked {@link Entry#duplicate()}: alerts are keyed by case id, so
 * every copy of an alert lies in the same partition and "first copy" is the same after a restart.
 *
 * <p>Memory grows with the number of alerts (no eviction yet).
 */
public final class AlertLog {
  /**
   * One record of case-alerts.
   *
   * @param index position in this log (0-based, process-local, used only to wait for new entries)
   * @param partition Kafka partition
   * @param offset Kafka offset
   * @param alert the alert
   * @param duplicate true if an earlier entry has the same alertId
   */
  public record Entry(int index, int partition, long offset, CaseAlert alert, boolean duplicate) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Long> firstOffsetById = new HashMap<>();
  private final Map<Integer, Long> nextOffset = new HashMap<>();

  /**
   * Appends a record; a record at or below an offset already appended for its partition is ignored
   * (e.g. re-read after a seek).
   *
   * @param partition its partition
   * @param offset its offset
   * @param alert its value (null values are ignored)
   * @return true if appended
   */
  public boolean append(int partition, long offset, CaseAlert alert) {
    if (alert == null) {
      return false;
    }
    lock.lock();
    try {
      if (offset < nextOffset.getOrDefault(partition, 0L)) {
        return false;
      }
      nextOffset.put(partition, offset + 1);
      boolean duplicate =
          firstOffsetById.putIfAbsent(alert.getAlertId().toString(), offset) != null;
      entries.add(new Entry(entries.size(), partition, offset, alert, duplicate));
      grown.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param alertId an alert id
   * @return true if an entry with this id was appended
   */
  public boolean contains(String alertId) {
    lock.lock();
    try {
      return firstOffsetById.containsKey(alertId);
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return number of entries
   */
  public int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param fromIndex first index wanted
   * @return a copy of the entries from that index on (empty if none)
   */
  public List<Entry> since(int fromIndex) {
    lock.lock();
    try {
      return fromIndex >= entries.size()
          ? List.of()
          : List.copyOf(entries.subList(fromIndex, entries.size()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the log holds more than {@code size} entries.
   *
   * @param size entries already seen by the caller
   * @param timeoutMillis longest wait in milliseconds
   * @return true if it grew
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitGrowth(int size, long timeoutMillis) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      while (entries.size() <= size) {
        if (nanos <= 0) {
          return false;
        }
        nanos = grown.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return partition to the next offset not yet appended (the log's own position)
   */
  public FeedPosition position() {
    lock.lock();
    try {
      FeedPosition p = FeedPosition.BEGINNING;
      for (Map.Entry<Integer, Long> e : nextOffset.entrySet()) {
        p = p.after(e.getKey(), e.getValue() - 1);
      }
      return p;
    } finally {
      lock.unlock();
    }
  }
}
