package vn.onestop.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.onestop.intake.kafka.ProducerSettings;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;

/** Kafka clients of the benchmarks, configured the same way for the baseline and the pipeline. */
final class Clients {
  private Clients() {}

  /**
   * The producer of the intake's import path: {@code acks=all}, idempotent, {@code linger.ms=5},
   * CaseEvent values in the registry wire format (schema auto-registered for the topic's subject).
   */
  static KafkaProducer<String, CaseEvent> caseEventProducer(
      String bootstrap, SchemaRegistryClient registry, String clientId) {
    Properties p =
        ProducerSettings.defaults(bootstrap, clientId)
            .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(30))
            .withLinger(Duration.ofMillis(5))
            .toProperties();
    return new KafkaProducer<>(
        p,
        new StringSerializer(),
        new SpecificAvroSerde<>(registry, CaseEvent.class, true).serializer());
  }

  /** A {@code read_committed} consumer from the earliest offset, in a fresh group. */
  static <V> KafkaConsumer<String, V> consumer(
      String bootstrap, String group, Deserializer<V> values) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return new KafkaConsumer<>(p, new StringDeserializer(), values);
  }

  static Admin admin(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(p);
  }

  /**
   * How many records of {@code topic} a consumer group (e.g. a Kafka Streams application id) has
   * not committed yet: sum over partitions of (end offset - committed offset). Transaction markers
   * count as offsets, so an idle exactly-once input shows 0 only once its last transaction is
   * committed.
   */
  static long lag(Admin admin, String group, String topic, int partitions) {
    try {
      Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        ask.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(ask).all().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      long lag = 0;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        lag += e.getValue().offset() - (c == null ? 0 : c.offset());
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read offsets of group " + group + ": " + e, e);
    }
  }

  /** Sum of the end offsets of a topic's partitions. */
  static long endOffsets(Admin admin, String topic, int partitions) {
    return lag(admin, "bench-nobody-" + topic, topic, partitions);
  }

  static List<TopicPartition> partitions(String topic, int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(p -> new TopicPartition(topic, p))
        .toList();
  }
}
