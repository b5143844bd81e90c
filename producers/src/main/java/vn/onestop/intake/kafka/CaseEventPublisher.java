package vn.onestop.intake.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.registry.SchemaRegistryException;

/**
 * Writes {@link CaseEvent}s to {@code case-events}: key = case id, record timestamp = {@code
 * occurredAt}, value in the Confluent Avro wire format. Thread-safe (one producer shared by all
 * request threads).
 */
public final class CaseEventPublisher implements AutoCloseable {
  /**
   * Record header of an event written under an Idempotency-Key: the lower-case hex SHA-256 of the
   * key's scope (writer, client, case and key; never the key itself). The intake's read model
   * rebuilds from it which event each key wrote, so a key keeps its meaning across restarts.
   */
  public static final String IDEMPOTENCY_HEADER = "onestop-idempotency-scope";

  private final Producer<String, CaseEvent> producer;
  private final long waitMillis;
  private final String topic;

  /**
   * @param settings producer settings (acks=all, idempotent)
   * @param registry schema registry client
   * @param autoRegister whether the serializer may register the CaseEvent schema
   */
  public CaseEventPublisher(
      ProducerSettings settings, SchemaRegistryClient registry, boolean autoRegister) {
    this(
        new KafkaProducer<>(
            settings.toProperties(),
            new StringSerializer(),
            Topics.CASE_EVENTS.valueSerde(registry, autoRegister).serializer()),
        settings.maxBlock().toMillis() + settings.deliveryTimeout().toMillis() + 2000,
        Topics.CASE_EVENTS.name());
  }

  /**
   * @param producer a configured producer (its close is owned by this publisher)
   * @param waitMillis longest wait for an acknowledgement in {@link #publish}
   * @param topic topic to write to
   */
  public CaseEventPublisher(Producer<String, CaseEvent> producer, long waitMillis, String topic) {
    this.producer = producer;
    this.waitMillis = waitMillis;
    this.topic = topic;
  }

  /**
   * Writes one event and waits for Kafka's acknowledgement (acks=all).
   *
   * @param event the event; its case id is the key
   * @return partition and offset
   * @throws PublishUnavailableException when the broker or the registry does not answer in time;
   *     the event may or may not be in the log
   */
  public Ack publish(CaseEvent event) throws PublishUnavailableException {
    return publish(event, null);
  }

  /**
   * Writes one event with the {@link #IDEMPOTENCY_HEADER} and waits for Kafka's acknowledgement.
   *
   * @param event the event; its case id is the key
   * @param idempotencyScope the header's value (hex digest of the key's scope), or null for none
   * @return partition and offset
   * @throws PublishUnavailableException when the broker or the registry does not answer in time;
   *     the event may or may not be in the log
   */
  public Ack publish(CaseEvent event, String idempotencyScope) throws PublishUnavailableException {
    Future<RecordMetadata> f;
    try {
      ProducerRecord<String, CaseEvent> record = record(event, null);
      if (idempotencyScope != null) {
        record
            .headers()
            .add(IDEMPOTENCY_HEADER, idempotencyScope.getBytes(StandardCharsets.US_ASCII));
      }
      f = producer.send(record);
    } catch (KafkaException e) {
      throw unavailable(e);
    }
    try {
      RecordMetadata m = f.get(waitMillis, TimeUnit.MILLISECONDS);
      return new Ack(m.partition(), m.offset());
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (TimeoutException e) {
      throw new PublishUnavailableException(
          "Kafka did not acknowledge the event within " + waitMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishUnavailableException("interrupted while waiting for Kafka", e);
    }
  }

  /**
   * Sends without waiting (imports, ticker).
   *
   * @param event the event
   * @param partition explicit partition (clock ticks) or null to partition by key
   * @param callback completion callback, or null
   * @return the pending send
   * @throws KafkaException if the send cannot even be queued (metadata or registry unavailable)
   */
  public Future<RecordMetadata> send(CaseEvent event, Integer partition, Callback callback) {
    return producer.send(record(event, partition), callback);
  }

  private ProducerRecord<String, CaseEvent> record(CaseEvent event, Integer partition) {
    return new ProducerRecord<>(
        topic, partition, event.getOccurredAt().toEpochMilli(), event.getCaseId(), event);
  }

  /**
   * @return the partitions of the topic (waits up to max.block.ms for metadata)
   */
  public List<PartitionInfo> partitions() {
    return producer.partitionsFor(topic);
  }

  /**
   * @return the topic written to
   */
  public String topic() {
    return topic;
  }

  /** Waits until every pending send completed. */
  public void flush() {
    producer.flush();
  }

  private static PublishUnavailableException unavailable(Throwable cause) {
    if (cause instanceof SerializationException
        && !(cause.getCause() instanceof SchemaRegistryException)) {
      // an event that does not fit the schema is a programming error, not an outage
      throw new IllegalStateException(
          "event does not fit the CaseEvent schema: " + cause.getMessage(), cause);
    }
    String what =
        cause instanceof SerializationException
            ? "schema registry unavailable"
            : "Kafka unavailable";
    return new PublishUnavailableException(
        what + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
