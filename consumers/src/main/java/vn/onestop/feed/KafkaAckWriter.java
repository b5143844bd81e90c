package vn.onestop.feed;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.onestop.schema.CaseAcknowledgement;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * {@link AckWriter} on {@code case-acknowledgements}: an idempotent producer with {@code acks=all},
 * key = case id, record timestamp = {@code occurredAt}; {@link #write} waits at most 15 s for the
 * acknowledgement. Thread-safe.
 */
public final class KafkaAckWriter implements AckWriter, AutoCloseable {
  private static final long WAIT_MS = 15_000;
  private final KafkaProducer<String, CaseAcknowledgement> producer;
  private final String topic;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param registry schema registry (the subject is registered by {@code Topics.registerAll}; a
   *     missing one is registered here, as the feed's tests use private topics)
   * @param topic topic to write to
   */
  public KafkaAckWriter(String bootstrapServers, SchemaRegistryClient registry, String topic) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "onestop-feed-acks");
    this.producer =
        new KafkaProducer<>(
            p,
            new StringSerializer(),
            Topics.CASE_ACKNOWLEDGEMENTS.valueSerde(registry, true).serializer());
    this.topic = topic;
  }

  @Override
  public String write(CaseAcknowledgement record) throws AckWriteException {
    try {
      RecordMetadata m =
          producer
              .send(
                  new ProducerRecord<>(
                      topic,
                      null,
                      record.getOccurredAt().toEpochMilli(),
                      record.getCaseId(),
                      record))
              .get(WAIT_MS, TimeUnit.MILLISECONDS);
      return m.partition() + "@" + m.offset();
    } catch (ExecutionException e) {
      throw new AckWriteException(
          "Kafka did not acknowledge the write to "
              + topic
              + ": "
              + e.getCause().getClass().getSimpleName(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new AckWriteException(
          "Kafka did not acknowledge the write to " + topic + " in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AckWriteException("interrupted while writing to " + topic, e);
    } catch (RuntimeException e) {
      // serializer / registry failure, buffer exhausted: nothing was written
      throw new AckWriteException(
          "cannot write to " + topic + ": " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
