package vn.onestop.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic from its {@link StartPolicy} (by default the beginning) and
 * then follows it, on its own thread, without a consumer group (manual assignment, nothing
 * committed). Only committed transactional records are read ({@code
 * isolation.level=read_committed}), so alerts of an aborted engine transaction never reach a feed.
 * New partitions are picked up every {@code partitionRefresh}. A missing topic is waited for, and a
 * failed poll (broker unreachable) is retried with a pause growing to 30 s; {@link #isUp()} is
 * false meanwhile.
 *
 * @param <V> value type
 */
public final class TopicTailer<V> implements AutoCloseable {
  /** Where the tailer starts reading the partitions it newly assigns. */
  @FunctionalInterface
  public interface StartPolicy {
    /** From the beginning of each partition. */
    StartPolicy BEGINNING = (consumer, partitions) -> consumer.beginningOffsets(partitions);

    /**
     * @param consumer the tailer's consumer (assigned, for offset look-ups only)
     * @param partitions partitions just assigned
     * @return offset to start at, per partition (a partition missing starts at the beginning)
     */
    Map<TopicPartition, Long> offsets(Consumer<?, ?> consumer, Set<TopicPartition> partitions);
  }

  private static final Logger LOG = LoggerFactory.getLogger(TopicTailer.class);

  private final String topic;
  private final KafkaConsumer<String, V> consumer;
  private final BiConsumer<ConsumerRecord<String, V>, Boolean> handler;
  private final Duration partitionRefresh;
  private final StartPolicy startPolicy;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean up;
  private boolean missingLogged;

  /** First pause after a failed poll, doubled up to {@link #RETRY_MAX_MS}. */
  private static final long RETRY_MIN_MS = 500;

  private static final long RETRY_MAX_MS = 30_000;

  /**
   * Creates (does not start) a tailer.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param topic the topic
   * @param valueDeserializer value deserializer (e.g. a registry-backed Avro deserializer)
   * @param handler called on the tailer thread for every record, with {@code true} once the tailer
   *     has caught up with the end offsets seen at start
   */
  public TopicTailer(
      String bootstrapServers,
      String topic,
      Deserializer<V> valueDeserializer,
      BiConsumer<ConsumerRecord<String, V>, Boolean> handler) {
    this(bootstrapServers, topic, valueDeserializer, handler, StartPolicy.BEGINNING);
  }

  /**
   * Creates (does not start) a tailer that starts where {@code startPolicy} says.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param topic the topic
   * @param valueDeserializer value deserializer
   * @param handler called on the tailer thread for every record, with {@code true} once caught up
   * @param startPolicy start offsets of newly assigned partitions
   */
  public TopicTailer(
      String bootstrapServers,
      String topic,
      Deserializer<V> valueDeserializer,
      BiConsumer<ConsumerRecord<String, V>, Boolean> handler,
      StartPolicy startPolicy) {
    this.topic = topic;
    this.startPolicy = startPolicy;
    this.handler = handler;
    this.partitionRefresh = Duration.ofSeconds(10);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Topics come from TopicAdmin with the product settings, never the broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "onestop-feed-" + topic + "-" + UUID.randomUUID().toString().substring(0, 8));
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), valueDeserializer);
    this.thread = new Thread(this::run, "tail-" + topic);
    this.thread.setDaemon(true);
  }

  /**
   * Binds this tailer's consumer metrics ({@code kafka_consumer_*}) through Micrometer's Kafka
   * binder.
   *
   * @param registry where they go
   * @return the binder; close it with the tailer
   */
  public KafkaClientMetrics bindMetrics(MeterRegistry registry) {
    KafkaClientMetrics m = new KafkaClientMetrics(consumer);
    m.bindTo(registry);
    return m;
  }

  /** Starts the tailer thread. */
  public void start() {
    thread.start();
  }

  /**
   * @param timeout longest wait
   * @return true if the records present at start have all been handled
   * @throws InterruptedException if interrupted
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * @return true while the tailer follows its topic: the topic exists, it has been read up to the
   *     end offsets seen when it was first assigned, and the last poll did not fail
   */
  public boolean isUp() {
    return up && thread.isAlive();
  }

  /**
   * @return the topic this tailer follows
   */
  public String topic() {
    return topic;
  }

  private void run() {
    long backoffMs = RETRY_MIN_MS;
    try {
      Set<TopicPartition> assigned = Set.of();
      Map<TopicPartition, Long> startEnds = null;
      long nextRefresh = 0;
      boolean live = false;
      while (running) {
        try {
          if (assigned.isEmpty() || System.nanoTime() > nextRefresh) {
            assigned = assignAll();
            nextRefresh = System.nanoTime() + partitionRefresh.toNanos();
            if (assigned.isEmpty()) {
              // Missing topic (a feed started before the topics were created): wait for it.
              up = false;
              if (!missingLogged) {
                LOG.warn("{}: topic not found, waiting for it", topic);
                missingLogged = true;
              }
              sleep(RETRY_MIN_MS);
              continue;
            }
            if (startEnds == null) {
              startEnds = consumer.endOffsets(assigned);
            }
          }
          if (!live && reached(startEnds)) {
            live = true;
            caughtUp.countDown();
          }
          try {
            for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
              handler.accept(r, live);
            }
          } catch (RecordDeserializationException e) {
            // Unreadable record: skip it, never loop on it.
            LOG.warn(
                "{}: skipping unreadable record at {}@{}: {}",
                topic,
                e.topicPartition(),
                e.offset(),
                e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
          }
          up = live;
          backoffMs = RETRY_MIN_MS;
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Down until the next poll succeeds; retried with a growing pause, one line per failure.
          up = false;
          LOG.warn("{}: tailer down, retrying in {} ms: {}", topic, backoffMs, e.toString());
          sleep(backoffMs);
          backoffMs = Math.min(RETRY_MAX_MS, backoffMs * 2);
          nextRefresh = 0;
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      up = false;
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void sleep(long millis) {
    try {
      stopped.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private Set<TopicPartition> assignAll() {
    List<org.apache.kafka.common.PartitionInfo> infos =
        consumer.partitionsFor(topic, Duration.ofSeconds(10));
    Set<TopicPartition> all =
        infos == null
            ? Set.of()
            : infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .collect(Collectors.toSet());
    Set<TopicPartition> current = consumer.assignment();
    if (!all.equals(current)) {
      consumer.assign(all);
      Set<TopicPartition> added =
          all.stream().filter(tp -> !current.contains(tp)).collect(Collectors.toSet());
      consumer.seekToBeginning(added);
      if (!added.isEmpty()) {
        startPolicy.offsets(consumer, added).forEach(consumer::seek);
      }
    }
    return all;
  }

  /** Stops the thread and closes the consumer. */
  @Override
  public void close() {
    running = false;
    stopped.countDown();
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
