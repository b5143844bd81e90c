package vn.onestop.intake.readmodel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Reads {@code case-events} from the beginning, without a consumer group, into a {@link
 * CaseReadModel}, on one daemon thread ({@link TopicFollower}). {@link #isCaughtUp()} turns true
 * once every partition has been read up to the end offsets seen at start. Records that cannot be
 * read (unknown schema or union branch) are skipped with a warning naming partition and offset; the
 * SLA engine routes them to {@code case-events-rejected}. Partitions added after start are not
 * followed. An event's {@link CaseEventPublisher#IDEMPOTENCY_HEADER} is remembered in the model
 * ({@link CaseReadModel#rememberKeyed}).
 */
public final class CaseEventsFollower implements AutoCloseable {
  private final TopicFollower<CaseEvent> follower;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param registry schema registry client
   * @param model the view to feed
   */
  public CaseEventsFollower(
      String bootstrapServers, SchemaRegistryClient registry, CaseReadModel model) {
    this.follower =
        new TopicFollower<>(
            bootstrapServers,
            "onestop-intake-readmodel",
            Topics.CASE_EVENTS.name(),
            Topics.CASE_EVENTS.valueSerde(registry, false).deserializer(),
            Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"),
            Duration.ofMinutes(5),
            (r, event) -> apply(model, r, event));
  }

  /** Starts the reading thread. */
  public void start() {
    follower.start();
  }

  /**
   * @return true once the log present at start has been read
   */
  public boolean isCaughtUp() {
    return follower.isCaughtUp();
  }

  /**
   * @param timeout longest wait
   * @return true if caught up within the timeout
   * @throws InterruptedException if interrupted
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return follower.awaitCaughtUp(timeout);
  }

  private static void apply(
      CaseReadModel model, ConsumerRecord<String, byte[]> r, CaseEvent event) {
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
    follower.close();
  }
}
