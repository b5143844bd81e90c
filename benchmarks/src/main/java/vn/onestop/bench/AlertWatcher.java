package vn.onestop.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;

/**
 * A {@code read_committed} consumer of an alerts topic on its own thread: counts alerts (all, and
 * BREACH), and hands each one with its wall-clock visibility time to an optional callback.
 */
final class AlertWatcher implements AutoCloseable {
  /**
   * An alert, the wall-clock millisecond at which the consumer received it, the {@code
   * System.nanoTime()} of that poll, and its partition of the alerts topic (the engine writes an
   * alert to the partition of its case, i.e. of the task that decided it).
   */
  record Seen(CaseAlert alert, long visibleAtMs, long visibleAtNanos, int partition) {}

  private final AtomicLong total = new AtomicLong();
  private final AtomicLong breaches = new AtomicLong();
  private final AtomicLong lastAt = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running = true;
  private final Thread thread;

  AlertWatcher(String bootstrap, SchemaRegistryClient registry, String topic, Consumer<Seen> sink) {
    thread =
        new Thread(
            () -> {
              try (KafkaConsumer<String, CaseAlert> c =
                  Clients.consumer(
                      bootstrap,
                      "bench-alerts-" + System.nanoTime(),
                      new SpecificAvroSerde<>(registry, CaseAlert.class, false).deserializer())) {
                c.subscribe(List.of(topic));
                while (running) {
                  var records = c.poll(Duration.ofMillis(50));
                  long now = System.currentTimeMillis();
                  long nowNanos = System.nanoTime();
                  for (ConsumerRecord<String, CaseAlert> r : records) {
                    total.incrementAndGet();
                    if (r.value().getKind() == AlertKind.BREACH) {
                      breaches.incrementAndGet();
                    }
                    if (sink != null) {
                      sink.accept(new Seen(r.value(), now, nowNanos, r.partition()));
                    }
                  }
                  if (!records.isEmpty()) {
                    lastAt.set(System.nanoTime());
                  }
                }
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "bench-alert-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  long total() {
    check();
    return total.get();
  }

  long breaches() {
    check();
    return breaches.get();
  }

  /**
   * @return System.nanoTime() of the last poll that returned alerts
   */
  long lastAlertNanos() {
    return lastAt.get();
  }

  private void check() {
    if (failure.get() != null) {
      throw new IllegalStateException("alert consumer failed: " + failure.get(), failure.get());
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
