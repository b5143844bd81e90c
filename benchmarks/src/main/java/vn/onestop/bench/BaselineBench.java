package vn.onestop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import vn.onestop.infra.KafkaStack;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;

/**
 * Item 1: raw Kafka with the same records. One producer (the intake's settings) writes {@code n}
 * CaseEvents of the {@link EventStream} mix to a topic with the pipeline's partition count while
 * one {@code read_committed} consumer deserializes them with the registry serde; throughput is
 * {@code n / (last record consumed - first send)}.
 */
final class BaselineBench {
  private BaselineBench() {}

  /**
   * Runs a warm-up pass (a fifth of the events, at least 5 000, not reported) and then the timed
   * pass.
   *
   * @return end-to-end events/s of the timed pass
   */
  static double run(
      KafkaStack stack, SchemaRegistryClient registry, int partitions, int n, Report report) {
    measure(stack, registry, partitions, Math.max(5_000, n / 5), null);
    return measure(stack, registry, partitions, n, report);
  }

  private static double measure(
      KafkaStack stack, SchemaRegistryClient registry, int partitions, int n, Report report) {
    String topic = "bench-baseline-" + System.nanoTime();
    stack.createTopics(partitions, topic, topic + "-warmup");
    EventStream stream = new EventStream("base-", Duration.ofSeconds(2));
    AtomicLong consumed = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] lastConsumedAt = new long[1];
    Thread consumerThread =
        new Thread(
            () -> {
              try (KafkaConsumer<String, CaseEvent> c =
                  Clients.consumer(
                      stack.bootstrapServers(),
                      "bench-baseline-" + topic,
                      new SpecificAvroSerde<>(registry, CaseEvent.class, false).deserializer())) {
                c.subscribe(java.util.List.of(topic));
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                // stops early when a send failed: the records will not come
                while (consumed.get() < n
                    && System.nanoTime() < deadline
                    && failure.get() == null) {
                  ConsumerRecords<String, CaseEvent> rs = c.poll(Duration.ofMillis(100));
                  if (!rs.isEmpty()) {
                    consumed.addAndGet(rs.count());
                    lastConsumedAt[0] = System.nanoTime();
                  }
                }
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "bench-baseline-consumer");
    consumerThread.start();

    long t0;
    long producedAt;
    try (KafkaProducer<String, CaseEvent> p =
        Clients.caseEventProducer(stack.bootstrapServers(), registry, "bench-baseline")) {
      // register the schema and warm the connection outside the timed part
      p.send(new ProducerRecord<>(topic + "-warmup", "w", stream.event(0, Instant.now()))).get();
      t0 = System.nanoTime();
      for (long i = 0; i < n; i++) {
        CaseEvent e = stream.event(i, Instant.now());
        p.send(
            new ProducerRecord<>(topic, null, e.getOccurredAt().toEpochMilli(), e.getCaseId(), e),
            (m, ex) -> {
              if (ex != null) {
                failure.compareAndSet(null, ex);
              }
            });
      }
      p.flush();
      producedAt = System.nanoTime();
    } catch (Exception e) {
      throw new IllegalStateException("baseline producer failed: " + e, e);
    }
    try {
      consumerThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("baseline failed: " + failure.get(), failure.get());
    }
    if (consumed.get() < n) {
      throw new IllegalStateException(
          "baseline consumer saw " + consumed.get() + " of " + n + " records in 5 minutes");
    }
    double produceRate = n / ((producedAt - t0) / 1e9);
    double rate = n / ((lastConsumedAt[0] - t0) / 1e9);
    if (report == null) {
      return rate;
    }
    report.figure(
        "1", "produce only (send of " + n + " + flush, acks=all)", Report.perSecond(produceRate));
    report.figure(
        "1", "baseline: produce + read_committed consume of " + n, Report.perSecond(rate));
    return rate;
  }
}
