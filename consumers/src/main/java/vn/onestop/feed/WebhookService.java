package vn.onestop.feed;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAlert;

/**
 * Feeds {@code case-alerts} to the {@link WebhookDispatcher} as a consumer group member ({@code
 * read_committed}), committing an offset only when every receiver of every earlier record has
 * delivered or given up ({@link OffsetTracker}); so after a restart it resumes where it left off
 * and re-sends at most the alerts that were in flight (receivers de-duplicate by alert id).
 */
public final class WebhookService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

  private final KafkaConsumer<String, CaseAlert> consumer;
  private final WebhookDispatcher dispatcher;
  private final String topic;
  private final OffsetTracker tracker = new OffsetTracker();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * Creates and starts the service.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param groupId consumer group id, e.g. {@code onestop-feed-webhooks}
   * @param topic the alerts topic
   * @param valueDeserializer CaseAlert deserializer
   * @param dispatcher the dispatcher
   */
  public WebhookService(
      String bootstrapServers,
      String groupId,
      String topic,
      Deserializer<CaseAlert> valueDeserializer,
      WebhookDispatcher dispatcher) {
    this.dispatcher = dispatcher;
    this.topic = topic;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Topics come from TopicAdmin with the product settings, never the broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), valueDeserializer);
    this.thread = new Thread(this::run, "webhooks-" + topic);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(
          List.of(topic),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              commit();
              partitions.forEach(tracker::forget);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              // positions come from the group's committed offsets
            }
          });
      while (running) {
        try {
          for (ConsumerRecord<String, CaseAlert> r : consumer.poll(Duration.ofMillis(200))) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            tracker.register(tp, r.offset());
            if (r.value() == null) {
              tracker.done(tp, r.offset());
            } else {
              dispatcher.dispatch(r.value(), () -> tracker.done(tp, r.offset()));
            }
          }
        } catch (RecordDeserializationException e) {
          LOG.warn(
              "{}: skipping unreadable record at {}@{}", topic, e.topicPartition(), e.offset());
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        commit();
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("webhook consumer stopped", e);
    } finally {
      try {
        commit();
      } catch (RuntimeException e) {
        LOG.debug("final commit failed: {}", e.toString());
      }
      consumer.close();
    }
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit();
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
    }
  }

  /** Stops consuming and commits what is finished. Receivers are closed by their dispatcher. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
