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
 * Item 1: raw Kafka with the same records. One producer (the intake's settings) writes CaseEvents
 * of the {@link EventStream} mix to a topic with the pipeline's partition count while one {@code
 * read_committed} consumer deserializes them with the registry serde. First {@code warm} events
 * (the pipeline's warm-up: same count, same generator, same event times 100 µs apart), sent through
 * the same producer and consumer and awaited; then the {@code n} timed events; throughput is {@code
 * n / (last record consumed - first timed send)}.
 */
final class BaselineBench {
  private BaselineBench() {}

  /**
   * One baseline measurement.
   *
   * @param rate produce + consume, events/s
   * @param produceRate send + flush alone, events/s
   */
  record Result(double rate, double produceRate) {}

  /**
   * Runs the warm-up and then the timed pass on one topic, producer and consumer.
   *
   * @param n timed events
   * @param warm warm-up events (not timed), the same count the pipeline warms up with
   * @return the timed pass
   */
  static Result run(
      KafkaStack stack, SchemaRegistryClient registry, int partitions, int n, int warm) {
    String topic = "bench-baseline-" + System.nanoTime();
    stack.createTopics(partitions, topic, topic + "-warmup");
    EventStream stream = new EventStream("base-", Duration.ofSeconds(2));
    AtomicLong consumed = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] lastConsumedAt = new long[1];
    long total = (long) warm + n;
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
                while (consumed.get() < total
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
    long spacingNanos = PipelineBench.SPACING_MICROS * 1000;
    Instant base =
        Instant.now().minusSeconds(60 + total * PipelineBench.SPACING_MICROS / 1_000_000);
    try (KafkaProducer<String, CaseEvent> p =
        Clients.caseEventProducer(stack.bootstrapServers(), registry, "bench-baseline")) {
      // register the schema and open the connection outside the timed part
      p.send(new ProducerRecord<>(topic + "-warmup", "w", stream.event(0, base))).get();
      EventStream warmStream = new EventStream("warm-", Duration.ofSeconds(2));
      for (long i = 0; i < warm; i++) {
        send(p, topic, warmStream.event(i, base.plusNanos(i * spacingNanos)), failure);
      }
      p.flush();
      long warmDeadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (consumed.get() < warm && failure.get() == null && System.nanoTime() < warmDeadline) {
        EngineRun.sleep(20);
      }
      Instant thrBase = base.plusNanos(warm * spacingNanos).plusSeconds(1);
      t0 = System.nanoTime();
      for (long i = 0; i < n; i++) {
        send(p, topic, stream.event(i, thrBase.plusNanos(i * spacingNanos)), failure);
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
    if (consumed.get() < total) {
      throw new IllegalStateException(
          "baseline consumer saw " + consumed.get() + " of " + total + " records in 5 minutes");
    }
    return new Result(n / ((lastConsumedAt[0] - t0) / 1e9), n / ((producedAt - t0) / 1e9));
  }

  private static void send(
      KafkaProducer<String, CaseEvent> p,
      String topic,
      CaseEvent e,
      AtomicReference<Throwable> failure) {
    p.send(
        new ProducerRecord<>(topic, null, e.getOccurredAt().toEpochMilli(), e.getCaseId(), e),
        (m, ex) -> {
          if (ex != null) {
            failure.compareAndSet(null, ex);
          }
        });
  }
}
