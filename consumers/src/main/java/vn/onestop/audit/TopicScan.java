package vn.onestop.audit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic once, from the beginning of every partition to the end offsets taken when the
 * scan starts (records written later are not read), committed records only ({@code
 * isolation.level=read_committed}), without a consumer group. Cost: the whole topic is read, which
 * is fine for audits of moderate logs (no index by case yet).
 */
public final class TopicScan {
  private TopicScan() {}

  /**
   * Result figures of a scan.
   *
   * @param records records handed to the callback
   * @param unreadable records skipped because their value could not be deserialized
   */
  public record Counts(long records, long unreadable) {}

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param topic the topic
   * @param valueDeserializer value deserializer
   * @param each called for every record, partition by partition in the order the consumer returns
   *     them
   * @param <V> value type
   * @return how many records were read and skipped
   * @throws IllegalArgumentException if the topic does not exist
   * @throws org.apache.kafka.common.KafkaException if the cluster cannot be reached
   */
  public static <V> Counts scan(
      String bootstrapServers,
      String topic,
      Deserializer<V> valueDeserializer,
      Consumer<ConsumerRecord<String, V>> each) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Topics come from TopicAdmin with the product settings, never the broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    // A scan wants what is there now: a fetch the broker holds for more data (default 500 ms)
    // only delays the last poll and close(), once per scan.
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    p.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "onestop-audit-" + UUID.randomUUID().toString().substring(0, 8));
    long n = 0;
    long bad = 0;
    KafkaConsumer<String, V> c =
        new KafkaConsumer<>(p, new StringDeserializer(), valueDeserializer);
    try {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("topic '" + topic + "' does not exist");
      }
      List<TopicPartition> parts =
          infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> ends = new HashMap<>(c.endOffsets(parts));
      pauseFinished(c, ends);
      while (!done(c, ends)) {
        try {
          for (ConsumerRecord<String, V> r : c.poll(Duration.ofMillis(500))) {
            if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
              each.accept(r);
              n++;
            }
          }
        } catch (RecordDeserializationException e) {
          bad++;
          c.seek(e.topicPartition(), e.offset() + 1);
        }
        pauseFinished(c, ends);
      }
    } finally {
      // no group, nothing to commit: do not wait for an in-flight fetch
      c.close(Duration.ZERO);
    }
    return new Counts(n, bad);
  }

  /** Stops fetching from partitions already read to their end offset. */
  private static void pauseFinished(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> ends) {
    List<TopicPartition> finished = new java.util.ArrayList<>();
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (c.position(e.getKey()) >= e.getValue()) {
        finished.add(e.getKey());
      }
    }
    c.pause(finished);
  }

  private static boolean done(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
