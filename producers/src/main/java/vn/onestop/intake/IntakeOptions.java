package vn.onestop.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.IntakeHttpConfig;
import vn.onestop.intake.open311.ServiceCatalog;

/**
 * Everything {@link IntakeService} needs.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl Confluent-compatible registry URL
 * @param http HTTP server settings
 * @param deliveryTimeout Kafka delivery timeout of one write (503 after it; default 10 s)
 * @param maxBlock Kafka max.block.ms (default 5 s)
 * @param identityKey key for TO_CAO identities; empty = read {@value IdentityKey#ENV} at start when
 *     {@code denunciations} is on
 * @param denunciations whether TO_CAO is accepted (then a key is mandatory at start)
 * @param catalog Open311 services
 * @param clock clock for event times
 * @param readModelCapacity bound of the in-memory case view
 */
public record IntakeOptions(
    String bootstrapServers,
    String schemaRegistryUrl,
    IntakeHttpConfig http,
    Duration deliveryTimeout,
    Duration maxBlock,
    Optional<IdentityKey> identityKey,
    boolean denunciations,
    ServiceCatalog catalog,
    Clock clock,
    int readModelCapacity) {

  /**
   * Checks the mandatory fields.
   *
   * @param bootstrapServers see the record component
   * @param schemaRegistryUrl see the record component
   * @param http see the record component
   * @param deliveryTimeout see the record component
   * @param maxBlock see the record component
   * @param identityKey see the record component
   * @param denunciations see the record component
   * @param catalog see the record component
   * @param clock see the record component
   * @param readModelCapacity see the record component
   */
  public IntakeOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(http, "http");
  }

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param schemaRegistryUrl registry URL
   * @param http HTTP settings
   * @return defaults: 10 s delivery timeout, 5 s max block, key from the environment, TO_CAO on
   */
  public static IntakeOptions defaults(
      String bootstrapServers, String schemaRegistryUrl, IntakeHttpConfig http) {
    return new IntakeOptions(
        bootstrapServers,
        schemaRegistryUrl,
        http,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Optional.empty(),
        true,
        ServiceCatalog.defaults(),
        Clock.systemUTC(),
        100_000);
  }

  /**
   * @param key identity key
   * @return a copy using this key
   */
  public IntakeOptions withIdentityKey(IdentityKey key) {
    return new IntakeOptions(
        bootstrapServers,
        schemaRegistryUrl,
        http,
        deliveryTimeout,
        maxBlock,
        Optional.of(key),
        denunciations,
        catalog,
        clock,
        readModelCapacity);
  }

  /**
   * @param delivery delivery timeout
   * @param block max block
   * @return a copy with these Kafka limits
   */
  public IntakeOptions withKafkaTimeouts(Duration delivery, Duration block) {
    return new IntakeOptions(
        bootstrapServers,
        schemaRegistryUrl,
        http,
        delivery,
        block,
        identityKey,
        denunciations,
        catalog,
        clock,
        readModelCapacity);
  }
}
