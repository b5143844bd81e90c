package vn.onestop.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.onestop.infra.KafkaStack;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Follows {@code case-alerts} from the beginning with a {@code read_committed} consumer (what a
 * downstream reader sees under exactly_once_v2): counts every alert by its id, and notes when each
 * alert arrived (wall clock), per partition, to measure a failover as the gap in a partition's
 * alerts around a fault.
 */
final class AlertLedger implements AutoCloseable {
  /** One alert as it arrived. */
  record Seen(String alertId, String caseId, int partition, long arrivedNanos) {}

  private final KafkaStack stack;
  private final List<Seen> seen = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  AlertLedger(KafkaStack stack) {
    this.stack = stack;
    this.thread = new Thread(this::follow, "alert-ledger");
    thread.setDaemon(true);
    thread.start();
  }

  private void follow() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    String topic = Topics.CASE_ALERTS.name();
    try (KafkaConsumer<String, CaseAlert> c =
        new KafkaConsumer<>(
            p,
            new StringDeserializer(),
            Topics.CASE_ALERTS
                .valueSerde(new SchemaRegistryClient(stack.schemaRegistryUrl()), false)
                .deserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      while (running) {
        for (ConsumerRecord<String, CaseAlert> r : c.poll(Duration.ofMillis(200))) {
          long now = System.nanoTime();
          synchronized (seen) {
            seen.add(new Seen(r.value().getAlertId().toString(), r.key(), r.partition(), now));
          }
        }
      }
    } catch (RuntimeException e) {
      if (running) {
        failure = e;
      }
    }
  }

  /**
   * @return everything seen so far
   * @throws IllegalStateException if the consumer failed
   */
  List<Seen> seen() {
    if (failure != null) {
      throw new IllegalStateException("alert consumer failed", failure);
    }
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /**
   * @return alert id → how many times it was read
   */
  Map<String, Integer> countsById() {
    Map<String, Integer> counts = new HashMap<>();
    for (Seen s : seen()) {
      counts.merge(s.alertId(), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * @return records read beyond the first of each alert id
   */
  long duplicates() {
    return countsById().values().stream().mapToLong(n -> n - 1).sum();
  }

  /**
   * @param cases case ids
   * @param perCase distinct alerts each case must have
   * @return the cases that have fewer distinct alerts
   */
  Set<String> casesMissingAlerts(Set<String> cases, int perCase) {
    Map<String, Set<String>> byCase = new ConcurrentHashMap<>();
    for (Seen s : seen()) {
      byCase.computeIfAbsent(s.caseId(), k -> ConcurrentHashMap.newKeySet()).add(s.alertId());
    }
    return cases.stream()
        .filter(c -> byCase.getOrDefault(c, Set.of()).size() < perCase)
        .collect(Collectors.toSet());
  }

  /**
   * The failover seen by each partition around a fault: the time from the last alert arrived before
   * {@code faultNanos} to the first one after it.
   *
   * @return partition → gap in milliseconds (partitions with alerts on both sides)
   */
  Map<Integer, Long> gapsAround(long faultNanos) {
    Map<Integer, Long> lastBefore = new TreeMap<>();
    Map<Integer, Long> firstAfter = new TreeMap<>();
    for (Seen s : seen()) {
      if (s.arrivedNanos() <= faultNanos) {
        lastBefore.merge(s.partition(), s.arrivedNanos(), Math::max);
      } else {
        firstAfter.merge(s.partition(), s.arrivedNanos(), Math::min);
      }
    }
    Map<Integer, Long> gaps = new TreeMap<>();
    lastBefore.forEach(
        (p, before) -> {
          Long after = firstAfter.get(p);
          if (after != null) {
            gaps.put(p, (after - before) / 1_000_000);
          }
        });
    return gaps;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(10_000);
  }
}
