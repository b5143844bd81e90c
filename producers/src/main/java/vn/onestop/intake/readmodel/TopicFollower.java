package vn.onestop.intake.readmodel;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic from the beginning and then follows it, without a consumer group, on one daemon
 * thread, handing each record to a sink: what the intake's read models ({@link CaseEventsFollower},
 * {@link OrgUnitsFollower}) share. A missing topic is waited for (checked every second); the
 * partitions present when it is found are read (partitions added later are not followed). {@link
 * #isCaughtUp()} turns true once every partition has been read up to the end offsets seen then.
 * Records whose value cannot be read (unknown schema or union branch) are skipped with a warning
 * naming topic, partition and offset, never the value.
 *
 * @param <V> value type
 */
final class TopicFollower<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

  /** What the follower hands each readable record to (on its thread). */
  @FunctionalInterface
  interface Sink<V> {
    /**
     * @param record the raw record (key, partition, offset, headers)
     * @param value its value read, or null for a tombstone
     */
    void apply(ConsumerRecord<String, byte[]> record, V value);
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<V> values;
  private final String topic;
  private final Sink<V> sink;
  private final Duration endOffsetsTimeout;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param clientId the consumer's client id, also the thread's name
   * @param topic the topic to follow
   * @param values reads the values
   * @param settings further consumer settings (e.g. isolation level, max poll records)
   * @param endOffsetsTimeout how long the first end-offsets lookup may take
   * @param sink receives the records
   */
  TopicFollower(
      String bootstrapServers,
      String clientId,
      String topic,
      Deserializer<V> values,
      Map<String, Object> settings,
      Duration endOffsetsTimeout,
      Sink<V> sink) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Topics come from TopicAdmin with the product settings, never the broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putAll(settings);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.values = values;
    this.topic = topic;
    this.sink = sink;
    this.endOffsetsTimeout = endOffsetsTimeout;
    this.thread = new Thread(this::run, clientId);
    this.thread.setDaemon(true);
  }

  /** Starts the reading thread. */
  void start() {
    thread.start();
  }

  /**
   * @return true once the records present when the topic was found have been handed to the sink
   */
  boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /**
   * @param timeout longest wait
   * @return true if caught up within the timeout
   * @throws InterruptedException if interrupted
   */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      List<TopicPartition> partitions = waitForPartitions();
      if (partitions == null) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> targets =
          new HashMap<>(consumer.endOffsets(partitions, endOffsetsTimeout));
      while (!closed) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          apply(r);
        }
        if (caughtUp.getCount() > 0) {
          targets.entrySet().removeIf(t -> consumer.position(t.getKey()) >= t.getValue());
          if (targets.isEmpty()) {
            caughtUp.countDown();
          }
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        LOG.error("{} consumer woken up unexpectedly", topic, e);
      }
    } catch (RuntimeException e) {
      LOG.error("follower of {} stopped: {}", topic, e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private List<TopicPartition> waitForPartitions() {
    while (!closed) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        }
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        LOG.info("waiting for topic {}: {}", topic, e.getMessage());
      }
      try {
        Thread.sleep(1000); // topic not created yet: retry
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    V value;
    try {
      value = r.value() == null ? null : values.deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping unreadable record {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return;
    }
    sink.apply(r, value);
  }

  @Override
  public void close() {
    closed = true;
    if (thread.getState() == Thread.State.NEW) {
      consumer.close(Duration.ofSeconds(2));
      return;
    }
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
