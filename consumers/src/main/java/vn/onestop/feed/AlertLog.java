package vn.onestop.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import vn.onestop.schema.CaseAlert;

/**
 * The feed service's ordered, in-memory <em>recent window</em> of {@code case-alerts}, shared by
 * all SSE sessions. One writer (the consumer thread), many readers.
 *
 * <p>Bounded ({@link FeedLimits}): at most {@code maxAlerts} entries, and an entry is evicted
 * (oldest first, in log order) once its {@code decidedAt} lies more than {@code maxAge} before the
 * newest {@code decidedAt} appended (the log's own clock, not the wall clock, so a replay of
 * history behaves like live data). Memory: about 770 bytes of retained heap per entry (AlertLogTest
 * prints the measured figure), so 50,000 entries need about 40 MB.
 *
 * <p>Each entry keeps its Kafka partition and offset, so positions handed to clients ({@link
 * FeedPosition}) are Kafka offsets, not process-local counters. An entry whose alertId was already
 * seen earlier <em>in the window</em> is marked {@link Entry#duplicate()}: alerts are keyed by case
 * id, so every copy of an alert lies in the same partition and "first copy" is the same after a
 * restart, as long as the first copy is still in the window.
 *
 * <p>Per partition the log knows from which offset on it is complete ({@link #gaps}): the offset
 * the tailer started at (when it skipped older records) or just past the newest evicted entry. A
 * client position below it has missed alerts the feed can no longer send.
 */
public final class AlertLog {
  /**
   * One record of case-alerts.
   *
   * @param index position in this log (0-based, process-local, grows without reuse; used only to
   *     walk the log and wait for new entries)
   * @param partition Kafka partition
   * @param offset Kafka offset
   * @param alert the alert
   * @param duplicate true if an earlier entry in the window has the same alertId
   */
  public record Entry(long index, int partition, long offset, CaseAlert alert, boolean duplicate) {}

  /**
   * A consistent view for a new connection.
   *
   * @param openCases the latest non-duplicate alert of each case in the window, in log order
   * @param nextIndex index of the next entry to be appended
   * @param position Kafka position just after everything appended so far
   */
  public record Snapshot(List<Entry> openCases, long nextIndex, FeedPosition position) {}

  private final int maxAlerts;
  private final Duration maxAge;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grown = lock.newCondition();
  // entries[head..] are live; entries[i] has index base + i
  private final ArrayList<Entry> entries = new ArrayList<>();
  private int head;
  private long base;
  private long evicted;
  private long distinctAppended;
  private final Map<String, Long> firstIndexById = new HashMap<>();
  private final LinkedHashMap<String, Entry> latestByCase = new LinkedHashMap<>();
  private final Map<Integer, Long> nextOffset = new HashMap<>();
  private final Map<Integer, Long> completeFrom = new HashMap<>();
  private Instant newest = Instant.MIN;

  /** A log with the default bounds ({@link FeedLimits#DEFAULT}). */
  public AlertLog() {
    this(FeedLimits.DEFAULT.windowAlerts(), FeedLimits.DEFAULT.windowAge());
  }

  /**
   * @param maxAlerts most entries kept, at least 1
   * @param maxAge longest age of an entry, measured from the newest {@code decidedAt} appended
   */
  public AlertLog(int maxAlerts, Duration maxAge) {
    if (maxAlerts < 1) {
      throw new IllegalArgumentException("maxAlerts must be at least 1, got " + maxAlerts);
    }
    this.maxAlerts = maxAlerts;
    this.maxAge = maxAge;
  }

  /**
   * Records that the tailer starts reading {@code partition} at {@code offset}, skipping older
   * records: the log is complete for that partition from {@code offset} on only.
   *
   * @param partition a partition
   * @param offset first offset read
   */
  public void startAt(int partition, long offset) {
    lock.lock();
    try {
      completeFrom.merge(partition, offset, Math::max);
      nextOffset.merge(partition, offset, Math::max);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends a record, then evicts what falls out of the window; a record at or below an offset
   * already appended for its partition is ignored (e.g. re-read after a seek).
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
      long index = base + entries.size();
      boolean duplicate = firstIndexById.putIfAbsent(alert.getAlertId().toString(), index) != null;
      Entry e = new Entry(index, partition, offset, alert, duplicate);
      entries.add(e);
      if (!duplicate) {
        distinctAppended++;
        String caseId = alert.getCaseId().toString();
        latestByCase.remove(caseId);
        latestByCase.put(caseId, e);
      }
      if (alert.getDecidedAt().isAfter(newest)) {
        newest = alert.getDecidedAt();
      }
      evict();
      grown.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void evict() {
    Instant oldestKept = newest.minus(maxAge);
    while (head < entries.size()) {
      Entry first = entries.get(head);
      int live = entries.size() - head;
      if (live <= maxAlerts && !first.alert().getDecidedAt().isBefore(oldestKept)) {
        break;
      }
      entries.set(head, null);
      head++;
      evicted++;
      completeFrom.merge(first.partition(), first.offset() + 1, Math::max);
      firstIndexById.remove(first.alert().getAlertId().toString(), first.index());
      latestByCase.remove(first.alert().getCaseId().toString(), first);
    }
    if (head > 1024 && head > entries.size() / 2) {
      entries.subList(0, head).clear();
      base += head;
      head = 0;
    }
  }

  /**
   * @param alertId an alert id
   * @return true if an entry with this id is in the window
   */
  public boolean contains(String alertId) {
    lock.lock();
    try {
      return firstIndexById.containsKey(alertId);
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return number of entries in the window
   */
  public int size() {
    lock.lock();
    try {
      return entries.size() - head;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return number of entries evicted since start
   */
  public long evicted() {
    lock.lock();
    try {
      return evicted;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return number of non-duplicate entries appended since start, evicted ones included
   */
  public long distinctAppended() {
    lock.lock();
    try {
      return distinctAppended;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return index of the oldest entry still in the window (the next index if empty)
   */
  public long firstIndex() {
    lock.lock();
    try {
      return base + head;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param fromIndex first index wanted
   * @return a copy of the window's entries from that index on (from the oldest kept entry if {@code
   *     fromIndex} was evicted; empty if none)
   */
  public List<Entry> since(long fromIndex) {
    lock.lock();
    try {
      long from = Math.max(fromIndex, base + head);
      int i = (int) (from - base);
      return i >= entries.size() ? List.of() : List.copyOf(entries.subList(i, entries.size()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return the latest alert per case in the window and the live position, taken atomically
   */
  public Snapshot snapshot() {
    lock.lock();
    try {
      return new Snapshot(
          List.copyOf(latestByCase.values()), base + entries.size(), positionLocked());
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param position a client's position
   * @return partition to the first offset the window still holds, for each partition where {@code
   *     position} is below it (the client missed alerts that are no longer kept); empty if none
   */
  public Map<Integer, Long> gaps(FeedPosition position) {
    lock.lock();
    try {
      Map<Integer, Long> gaps = new TreeMap<>();
      completeFrom.forEach(
          (p, from) -> {
            if (position.next(p) < from) {
              gaps.put(p, from);
            }
          });
      return gaps;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until an entry with index {@code nextIndex} or higher has been appended.
   *
   * @param nextIndex index of the next entry the caller wants
   * @param timeoutMillis longest wait in milliseconds
   * @return true if it was appended
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitGrowth(long nextIndex, long timeoutMillis) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      while (base + entries.size() <= nextIndex) {
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
      return positionLocked();
    } finally {
      lock.unlock();
    }
  }

  private FeedPosition positionLocked() {
    FeedPosition p = FeedPosition.BEGINNING;
    for (Map.Entry<Integer, Long> e : nextOffset.entrySet()) {
      if (e.getValue() > 0) {
        p = p.after(e.getKey(), e.getValue() - 1);
      }
    }
    return p;
  }
}
