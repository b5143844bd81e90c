package vn.onestop.intake.ticker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.intake.kafka.CaseEventPublisher;

/**
 * The live clock ticker (docs/design.md, Time and determinism): every {@code interval} (default 30
 * s) it writes one ClockTick to EVERY partition of {@code case-events}, with occurredAt and record
 * timestamp = the wall clock, so the SLA engine's stream time advances on partitions without
 * traffic. A failed round is logged and the next round is tried at the next interval. Partitions
 * are re-read each round, so added partitions get ticks too.
 */
public final class ClockTicker implements AutoCloseable {
  /** Default interval between rounds. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** Source system name of live ticks. */
  public static final String SOURCE = "clock-ticker";

  private static final Logger LOG = LoggerFactory.getLogger(ClockTicker.class);

  private final CaseEventPublisher publisher;
  private final Clock clock;
  private final Duration interval;
  private final String tickerId;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();

  /**
   * @param publisher writer of case-events (owned by the caller)
   * @param clock wall clock
   * @param interval time between rounds, at least 100 ms
   * @param tickerId id of this ticker instance
   */
  public ClockTicker(
      CaseEventPublisher publisher, Clock clock, Duration interval, String tickerId) {
    if (interval.toMillis() < 100) {
      throw new IllegalArgumentException("tick interval must be at least 100 ms, got " + interval);
    }
    this.publisher = publisher;
    this.clock = clock;
    this.interval = interval;
    this.tickerId = tickerId;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "onestop-clock-ticker");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts ticking: a first round now, then one per interval.
   *
   * @return this ticker
   */
  public ClockTicker start() {
    scheduler.scheduleAtFixedRate(this::safeRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Writes one round now and waits for its acknowledgement.
   *
   * @return number of ticks written (= partitions)
   * @throws KafkaException when a tick is not acknowledged
   */
  public int round() {
    Instant now = clock.instant();
    List<PartitionInfo> partitions = publisher.partitions();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (PartitionInfo p : partitions) {
      sent.add(
          publisher.send(
              ClockTicks.tick(SOURCE, tickerId, p.partition(), now, now), p.partition(), null));
    }
    publisher.flush();
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get();
      } catch (ExecutionException e) {
        throw new KafkaException("clock tick not acknowledged: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while ticking", e);
      }
    }
    rounds.incrementAndGet();
    ticks.addAndGet(partitions.size());
    return partitions.size();
  }

  private void safeRound() {
    try {
      round();
    } catch (RuntimeException e) {
      LOG.warn("clock tick round failed, next try in {}: {}", interval, e.toString());
    }
  }

  /**
   * @return rounds completed
   */
  public long rounds() {
    return rounds.get();
  }

  /**
   * @return ticks written
   */
  public long ticks() {
    return ticks.get();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
