package vn.onestop.sla.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;
import vn.onestop.sla.state.KpiFactKind;
import vn.onestop.sla.state.KpiFactRecord;

/**
 * Partitioner of the KPI facts topic: a unit's facts go to the partition of the unit id (murmur2 of
 * its UTF-8 bytes, as Kafka's default partitioner), so one stage-2 task owns each unit; a {@link
 * KpiFactKind#WATERMARK} goes to EVERY partition (multicast), because each stage-2 task needs every
 * case task's watermark to close a month.
 */
final class KpiFactPartitioner implements StreamPartitioner<String, KpiFactRecord> {
  /** Record key of watermarks (they have no unit; the key only has to be non-null). */
  static final String WATERMARK_KEY = "__watermark__";

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, KpiFactRecord value, int numPartitions) {
    if (value != null && value.getKind() == KpiFactKind.WATERMARK) {
      return Optional.of(
          IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    return Optional.of(Set.of(p));
  }
}
