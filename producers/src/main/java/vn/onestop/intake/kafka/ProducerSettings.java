package vn.onestop.intake.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producer configuration for writing {@code case-events}: {@code acks=all}, {@code
 * enable.idempotence=true}, and bounded waits so that a dead broker fails a write within {@code
 * maxBlock + deliveryTimeout} instead of hanging.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param clientId Kafka {@code client.id}
 * @param deliveryTimeout {@code delivery.timeout.ms}: longest time from send to acknowledgement,
 *     retries included (default 10 s)
 * @param maxBlock {@code max.block.ms}: longest wait for metadata or buffer space in {@code send()}
 *     (default 5 s)
 * @param linger {@code linger.ms} (0 for the web intake, a few ms for imports)
 * @param extra further producer properties, applied last
 */
public record ProducerSettings(
    String bootstrapServers,
    String clientId,
    Duration deliveryTimeout,
    Duration maxBlock,
    Duration linger,
    Map<String, String> extra) {

  /**
   * Checks and copies.
   *
   * @param bootstrapServers see the record component
   * @param clientId see the record component
   * @param deliveryTimeout see the record component
   * @param maxBlock see the record component
   * @param linger see the record component
   * @param extra see the record component
   */
  public ProducerSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clientId, "clientId");
    extra = extra == null ? Map.of() : Map.copyOf(extra);
    if (deliveryTimeout.toMillis() < 2000) {
      throw new IllegalArgumentException(
          "deliveryTimeout must be at least 2 s, got " + deliveryTimeout);
    }
  }

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param clientId client id
   * @return settings with 10 s delivery timeout, 5 s max block, no linger
   */
  public static ProducerSettings defaults(String bootstrapServers, String clientId) {
    return new ProducerSettings(
        bootstrapServers,
        clientId,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ZERO,
        Map.of());
  }

  /**
   * @param timeout new delivery timeout
   * @param block new max block
   * @return a copy with these limits
   */
  public ProducerSettings withTimeouts(Duration timeout, Duration block) {
    return new ProducerSettings(bootstrapServers, clientId, timeout, block, linger, extra);
  }

  /**
   * @param lingerTime new linger
   * @return a copy with this linger
   */
  public ProducerSettings withLinger(Duration lingerTime) {
    return new ProducerSettings(
        bootstrapServers, clientId, deliveryTimeout, maxBlock, lingerTime, extra);
  }

  /**
   * @return the Kafka producer properties (the value serializer is passed separately)
   */
  public Properties toProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    long delivery = deliveryTimeout.toMillis();
    long lingerMs = linger.toMillis();
    // delivery.timeout.ms must be >= linger.ms + request.timeout.ms
    long request = Math.max(1000, Math.min(30_000, delivery - lingerMs - 500));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(delivery));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(request));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlock.toMillis()));
    p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(lingerMs));
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.putAll(extra);
    return p;
  }
}
