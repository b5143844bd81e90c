package vn.onestop.intake.kafka;

/**
 * Kafka's acknowledgement of one written event.
 *
 * @param partition partition of {@code case-events}
 * @param offset offset within it
 */
public record Ack(int partition, long offset) {}
