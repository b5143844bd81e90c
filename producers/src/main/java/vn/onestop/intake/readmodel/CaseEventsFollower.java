package vn.onestop.intake.readmodel;

import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Reads {@code case-events} from the beginning, without a consumer group, into a {@link
 * CaseReadModel}, on one daemon thread. {@link #isCaughtUp()} turns true once every partition has
 * been read up to the end offsets seen at start. Records that cannot be read (unknown schema or
 * union branch) are skipped with a warning naming partition and offset; the SLA engine routes them
 * to {@code case-events-rejected}. Partitions added after start are not followed. An event's {@link
 * CaseEventPublisher#IDEMPOTENCY_HEADER} is remembered in the model ({@link
 * CaseReadModel#rememberKeyed}).
 */
public final class CaseEventsFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CaseEventsFollower.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<CaseEvent> values;
  private final CaseReadModel model;
  private final String topic;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param registry schema registry client
   * @param model the view to feed
   */
  public CaseEventsFollower(
      String bootstrapServers, SchemaRegistryClient registry, CaseReadModel model) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "onestop-intake-readmodel");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Topics come from TopicAdmin with the product settings, never the broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.values = Topics.CASE_EVENTS.valueSerde(registry, false).deserializer();
    this.model = model;
    this.topic = Topics.CASE_EVENTS.name();
    this.thread = new Thread(this::run, "onestop-intake-readmodel");
    this.thread.setDaemon(true);
  }

  /** Starts the reading thread. */
  public void start() {
    thread.start();
  }

  /**
   * @return true once the log present at start has been read
   */
  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /**
   * @param timeout longest wait
   * @return true if caught up within the timeout
   * @throws InterruptedException if interrupted
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
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
          new HashMap<>(consumer.endOffsets(partitions, Duration.ofMinutes(5)));
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
        LOG.error("read model consumer woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("read model of case-events stopped: {}", e.toString(), e);
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
    CaseEvent event;
    try {
      event = values.deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping unreadable record {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return;
    }
    if (event != null) {
      model.apply(event, r.partition(), r.offset());
      Header scope = r.headers().lastHeader(CaseEventPublisher.IDEMPOTENCY_HEADER);
      if (scope != null) {
        model.rememberKeyed(
            new String(scope.value(), StandardCharsets.US_ASCII), event.getEventId());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
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
