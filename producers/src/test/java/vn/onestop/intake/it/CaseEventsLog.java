package vn.onestop.intake.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/** Reads the real case-events topic of a test broker: counts and full contents. */
final class CaseEventsLog {
  private final String bootstrap;
  private final SchemaRegistryClient registry;

  CaseEventsLog(String bootstrap, String registryUrl) {
    this.bootstrap = bootstrap;
    this.registry = new SchemaRegistryClient(registryUrl);
  }

  private KafkaConsumer<String, CaseEvent> consumer() {
    return new KafkaConsumer<>(
        props(),
        new StringDeserializer(),
        Topics.CASE_EVENTS.valueSerde(registry, false).deserializer());
  }

  private Properties props() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return p;
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c) {
    return c.partitionsFor(Topics.CASE_EVENTS.name(), Duration.ofSeconds(30)).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition()))
        .toList();
  }

  /**
   * @return number of committed records in the topic (read, not offsets: transaction markers take
   *     offsets too)
   */
  long count() {
    return all().size();
  }

  /**
   * @return every committed record now in the topic, partition by partition in offset order
   */
  List<ConsumerRecord<String, CaseEvent>> all() {
    try (KafkaConsumer<String, CaseEvent> c = consumer()) {
      List<TopicPartition> parts = partitions(c);
      c.assign(parts);
      c.seekToBeginning(parts);
      // High watermarks: a read_committed position passes them once the import that just committed
      // has its markers written (they land just after commitTransaction returns).
      Map<TopicPartition, Long> targets =
          new HashMap<>(
              vn.onestop.intake.importer.ImportLedger.highWatermarks(
                  props(), parts, Duration.ofSeconds(30)));
      List<ConsumerRecord<String, CaseEvent>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      targets.entrySet().removeIf(e -> e.getValue() == 0);
      while (!targets.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read case-events to its end: " + targets);
        }
        for (ConsumerRecord<String, CaseEvent> r : c.poll(Duration.ofMillis(500))) {
          out.add(r);
        }
        targets.entrySet().removeIf(t -> c.position(t.getKey()) >= t.getValue());
      }
      return out;
    }
  }

  /**
   * @return events of one case, in log order
   */
  List<CaseEvent> ofCase(String caseId) {
    return all().stream().filter(r -> caseId.equals(r.key())).map(ConsumerRecord::value).toList();
  }
}
