package vn.onestop.intake.importer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * The ids of events an earlier import already wrote: read once at the start of an import by
 * consuming {@code case-events} from the beginning up to the end offsets of that moment (no
 * consumer group), keeping the ids of events whose sourceSystem is this profile's. The importer
 * skips those ids, so importing the same files again leaves the number of events unchanged (and the
 * SLA engine would ignore the repeated ids anyway).
 *
 * <p>Cost: one pass over case-events; memory about 100 bytes per imported event. Unreadable records
 * are ignored here (they are not ours).
 */
public final class ImportLedger {
  private ImportLedger() {}

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param registry registry client
   * @param sourceSystem e.g. {@code hotline-import:boston311}
   * @param timeout longest time for the whole pass
   * @return ids present
   * @throws org.apache.kafka.common.errors.TimeoutException when Kafka does not answer in time
   */
  public static Set<String> existingIds(
      String bootstrapServers,
      SchemaRegistryClient registry,
      String sourceSystem,
      Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "onestop-import-ledger");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Only committed imports count: the events of an aborted run must be written again.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Topics come from TopicAdmin with the product settings, never the broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    Deserializer<CaseEvent> values = Topics.CASE_EVENTS.valueSerde(registry, false).deserializer();
    Set<String> ids = new HashSet<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(Topics.CASE_EVENTS.name(), timeout);
      if (infos == null || infos.isEmpty()) {
        return ids;
      }
      List<TopicPartition> parts =
          infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> targets = new HashMap<>(highWatermarks(p, parts, timeout));
      targets.entrySet().removeIf(e -> e.getValue() == 0);
      while (!targets.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new org.apache.kafka.common.errors.TimeoutException(
              "reading the ids already in case-events took longer than " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            CaseEvent e = values.deserialize(r.topic(), r.value());
            if (e != null && sourceSystem.equals(e.getSourceSystem())) {
              ids.add(e.getEventId());
            }
          } catch (RuntimeException ex) {
            // not an event of ours
          }
        }
        targets.entrySet().removeIf(t -> consumer.position(t.getKey()) >= t.getValue());
      }
    }
    return ids;
  }

  /**
   * The partitions' high watermarks, not the last stable offsets a read_committed consumer gets
   * from {@code endOffsets}: a run that just committed may not have its markers written yet (the
   * coordinator writes them after answering the commit), and reading only up to the stable offset
   * would miss its ids. A read_committed position passes the high watermark only once every
   * transaction before it is decided, so this also waits for an import that is still writing.
   *
   * @param base consumer settings (bootstrap servers; the isolation level is overridden)
   * @param parts partitions
   * @param timeout longest wait
   * @return high watermark per partition
   */
  public static Map<TopicPartition, Long> highWatermarks(
      Properties base, List<TopicPartition> parts, Duration timeout) {
    Properties p = new Properties();
    p.putAll(base);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return c.endOffsets(parts, timeout);
    }
  }
}
