package vn.onestop.feed;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resumable position in the {@code case-alerts} topic: for every partition, the offset of the
 * next record a feed client still has to see (records below it were delivered or deliberately
 * skipped).
 *
 * <p>It is derived only from Kafka offsets, so it stays valid across restarts of the feed service.
 * Text form (used as the SSE event id): {@code <partition>-<nextOffset>} pairs joined by commas,
 * ascending by partition, e.g. {@code 0-15,2-7}; partitions not listed are at offset 0; the empty
 * string is the beginning of the topic.
 */
public final class FeedPosition {
  /** The beginning of the topic. */
  public static final FeedPosition BEGINNING = new FeedPosition(new TreeMap<>());

  private final TreeMap<Integer, Long> next;

  private FeedPosition(TreeMap<Integer, Long> next) {
    this.next = next;
  }

  /**
   * Parses the text form.
   *
   * @param text e.g. {@code 0-15,2-7}; null or blank means the beginning
   * @return the position
   * @throws IllegalArgumentException naming the bad pair when the text is malformed
   */
  public static FeedPosition parse(String text) {
    if (text == null || text.isBlank()) {
      return BEGINNING;
    }
    TreeMap<Integer, Long> m = new TreeMap<>();
    for (String pair : text.trim().split(",")) {
      int dash = pair.indexOf('-');
      try {
        if (dash <= 0) {
          throw new NumberFormatException();
        }
        int partition = Integer.parseInt(pair.substring(0, dash).trim());
        long offset = Long.parseLong(pair.substring(dash + 1).trim());
        if (partition < 0 || offset < 0 || m.put(partition, offset) != null) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Last-Event-ID: bad position '"
                + pair
                + "' in '"
                + text
                + "' (expected <partition>-<offset>[,...])");
      }
    }
    return new FeedPosition(m);
  }

  /**
   * @param partition a partition of case-alerts
   * @return offset of the next record of that partition still to be seen (0 if never seen)
   */
  public long next(int partition) {
    return next.getOrDefault(partition, 0L);
  }

  /**
   * @param partition partition of a record just handled
   * @param offset its offset
   * @return this position moved past that record (unchanged if already past it)
   */
  public FeedPosition after(int partition, long offset) {
    if (offset < next(partition)) {
      return this;
    }
    TreeMap<Integer, Long> m = new TreeMap<>(next);
    m.put(partition, offset + 1);
    return new FeedPosition(m);
  }

  /**
   * @return partition to next offset, ascending by partition
   */
  public Map<Integer, Long> asMap() {
    return Collections.unmodifiableMap(next);
  }

  /**
   * @return the text form, e.g. {@code 0-15,2-7}
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    next.forEach(
        (p, o) -> {
          if (b.length() > 0) {
            b.append(',');
          }
          b.append(p).append('-').append(o);
        });
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedPosition other && other.next.equals(next);
  }

  @Override
  public int hashCode() {
    return next.hashCode();
  }
}
