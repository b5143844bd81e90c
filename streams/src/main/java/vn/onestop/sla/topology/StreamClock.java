package vn.onestop.sla.topology;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream time of each {@code case-events} partition this engine instance processes, as its
 * {@link SlaProcessor} tasks last saw it ({@code ProcessorContext.currentStreamTimeMs()}, epoch ms
 * UTC). Read by the engine's metrics (lag behind the wall clock, overdue cases); written on the
 * stream threads; thread-safe.
 *
 * <p>The engine hands one instance to its processors through the Streams configuration under {@link
 * #CONFIG} (an object value: Kafka Streams passes unknown settings through to {@code
 * ProcessorContext.appConfigs()}); a processor without it records nothing (TopologyTestDriver,
 * benchmarks).
 */
public final class StreamClock {
  /** Key of the instance in the Streams configuration. */
  public static final String CONFIG = "onestop.stream.clock";

  private final Map<Integer, Long> byPartition = new ConcurrentHashMap<>();

  /**
   * Records a task's stream time; stream time never goes back, so the larger value is kept.
   *
   * @param partition the task's case-events partition
   * @param streamTimeMs its stream time, epoch ms UTC (negative = none yet, ignored)
   */
  public void advance(int partition, long streamTimeMs) {
    if (streamTimeMs >= 0) {
      byPartition.merge(partition, streamTimeMs, Math::max);
    }
  }

  /**
   * @param partition a case-events partition
   * @return its stream time in epoch ms UTC, or empty if no record of it was processed here
   */
  public OptionalLong streamTime(int partition) {
    Long t = byPartition.get(partition);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }

  /**
   * @return the earliest stream time over the partitions seen (the one furthest behind), epoch ms
   *     UTC, or empty before the first record
   */
  public OptionalLong earliest() {
    return byPartition.values().stream().mapToLong(Long::longValue).min();
  }
}
