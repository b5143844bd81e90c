package vn.onestop.intake.readmodel;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Reads {@code org-units} from the beginning and then follows it, without a consumer group and
 * committed records only ({@code read_committed}: a refused {@code units import} writes nothing
 * visible), into an {@link OrgUnitsView}, on one daemon thread. A missing topic is waited for;
 * unreadable records are skipped with a warning naming partition and offset.
 */
public final class OrgUnitsFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrgUnitsFollower.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<OrgUnit> values;
  private final OrgUnitsView view;
  private final String topic = Topics.ORG_UNITS.name();
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean caughtUp;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param registry schema registry client
   * @param view the view to feed
   */
  public OrgUnitsFollower(
      String bootstrapServers, SchemaRegistryClient registry, OrgUnitsView view) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "onestop-intake-org-units");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Topics come from TopicAdmin with the product settings, never the broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    this.values = Topics.ORG_UNITS.valueSerde(registry, false).deserializer();
    this.view = view;
    this.thread = new Thread(this::run, "onestop-intake-org-units");
    this.thread.setDaemon(true);
  }

  /**
   * @return true once the records present when the topic was first found have been applied (false
   *     while the topic is missing)
   */
  public boolean isCaughtUp() {
    return caughtUp;
  }

  /** Starts the reading thread. */
  public void start() {
    thread.start();
  }

  private void run() {
    try {
      List<TopicPartition> partitions = null;
      while (!closed && partitions == null) {
        try {
          List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
          if (infos != null && !infos.isEmpty()) {
            partitions =
                infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
          }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
          LOG.debug("waiting for topic {}: {}", topic, e.getMessage());
        }
        if (partitions == null) {
          Thread.sleep(1000); // topic not created yet: retry
        }
      }
      if (partitions == null) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> targets =
          new HashMap<>(consumer.endOffsets(partitions, Duration.ofMinutes(1)));
      while (!closed) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          apply(r);
        }
        if (!caughtUp) {
          targets.entrySet().removeIf(t -> consumer.position(t.getKey()) >= t.getValue());
          caughtUp = targets.isEmpty();
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        LOG.error("org-units consumer woken up unexpectedly", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("org-units follower stopped: {}", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    OrgUnit unit;
    try {
      unit = r.value() == null ? null : values.deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping unreadable record {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return;
    }
    view.apply(r.key(), unit);
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
