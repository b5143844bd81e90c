package vn.onestop.intake.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Writes one org-unit version to {@code org-units} under its versioned key ({@link OrgUnitKeys}),
 * so a new version keeps the earlier ones (the engine picks the version in force) and the same
 * version written again replaces itself under compaction. Thread-safe.
 */
public final class OrgUnitPublisher implements AutoCloseable {
  private final Producer<String, OrgUnit> producer;
  private final long waitMillis;

  /**
   * @param settings producer settings (acks=all, idempotent)
   * @param registry schema registry client
   */
  public OrgUnitPublisher(ProducerSettings settings, SchemaRegistryClient registry) {
    this.producer =
        new KafkaProducer<>(
            settings.toProperties(),
            Topics.ORG_UNITS.keySerde().serializer(),
            Topics.ORG_UNITS.valueSerde(registry, true).serializer());
    this.waitMillis = settings.maxBlock().toMillis() + settings.deliveryTimeout().toMillis() + 2000;
  }

  /**
   * Writes the version and waits for Kafka's acknowledgement.
   *
   * @param unit a validated unit version
   * @return where it was written
   * @throws PublishUnavailableException when the broker or the registry does not answer in time
   */
  public RecordMetadata publish(OrgUnit unit) throws PublishUnavailableException {
    try {
      return producer
          .send(new ProducerRecord<>(Topics.ORG_UNITS.name(), OrgUnitKeys.key(unit), unit))
          .get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishUnavailableException("interrupted while writing org-units", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new PublishUnavailableException(
          "org-units not written: " + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
          cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
