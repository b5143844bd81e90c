package vn.onestop.sla.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.cases.StateFields;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.SlaTopology;
import vn.onestop.sla.topology.StreamClock;

/**
 * The SLA engine's meters on a Micrometer registry (Prometheus names in brackets):
 *
 * <ul>
 *   <li>Kafka Streams' own metrics and those of its clients, through Micrometer's {@link
 *       KafkaStreamsMetrics} binder ({@code kafka_stream_*}, {@code kafka_consumer_*}, {@code
 *       kafka_producer_*}).
 *   <li>{@code onestop.engine.lag} [{@code onestop_engine_lag_seconds}]: wall clock minus the
 *       engine's stream time, in seconds, taking the case-events partition furthest behind (see
 *       {@link StreamClock}); NaN before the first record. With the live clock ticker it stays near
 *       the tick interval; while an import of old records replays, it is the age of the records
 *       being processed.
 *   <li>{@code onestop.cases.open{unit}} [{@code onestop_cases_open}]: open cases (SUBMITTED,
 *       ACCEPTED, ASSIGNED, SUSPENDED) per handling unit id, from a scan of the case store every
 *       {@code scanInterval} (a gauge lags the store by at most that long). A unit's gauge is
 *       registered when the unit first has an open case and then reads 0 when it has none ({@link
 *       UnitGauges}: gauges are not re-registered per scan, so a scrape never fails).
 *   <li>{@code onestop.cases.overdue{unit}} [{@code onestop_cases_overdue}]: of those, the cases
 *       whose running clock's due instant lies before the stream time of their partition (overdue
 *       as the engine judges it: only after the due instant; a suspended clock is not overdue).
 *   <li>{@code onestop.engine.running} [{@code onestop_engine_running}]: 1 while Kafka Streams is
 *       RUNNING, else 0.
 * </ul>
 *
 * Tags carry unit ids only, never case texts or identities. Thread-safe; {@link #close()} stops the
 * scan and removes the meters.
 */
public final class EngineMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EngineMetrics.class);

  private final SlaEngine engine;
  private final MeterRegistry registry;
  private final KafkaStreamsMetrics streamsMetrics;
  private final UnitGauges open;
  private final UnitGauges overdue;
  private final List<Gauge> gauges = new ArrayList<>();
  private final ScheduledExecutorService scanner;

  /**
   * Binds the meters and starts the periodic scan of the case store.
   *
   * @param engine the engine (started or not)
   * @param registry where the meters go
   * @param wallClock the wall clock of the lag gauge
   * @param scanInterval time between two scans of the case store (positive)
   * @throws IllegalArgumentException if {@code scanInterval} is not positive
   */
  public EngineMetrics(
      SlaEngine engine, MeterRegistry registry, Clock wallClock, Duration scanInterval) {
    if (scanInterval.isZero() || scanInterval.isNegative()) {
      throw new IllegalArgumentException("scanInterval must be positive, got " + scanInterval);
    }
    this.engine = engine;
    this.registry = registry;
    this.streamsMetrics = new KafkaStreamsMetrics(engine.streams());
    streamsMetrics.bindTo(registry);
    StreamClock clock = engine.streamClock();
    gauges.add(
        Gauge.builder("onestop.engine.lag", () -> lagSeconds(clock, wallClock))
            .description("Wall clock minus the engine's stream time (partition furthest behind)")
            .baseUnit("seconds")
            .register(registry));
    gauges.add(
        Gauge.builder(
                "onestop.engine.running",
                () -> engine.state() == KafkaStreams.State.RUNNING ? 1 : 0)
            .description("1 while the SLA engine's Kafka Streams is RUNNING")
            .register(registry));
    this.open =
        new UnitGauges(
            registry,
            "onestop.cases.open",
            "Open cases by handling unit (scan of the engine's case store)");
    this.overdue =
        new UnitGauges(
            registry,
            "onestop.cases.overdue",
            "Open cases past their running clock's due instant, by handling unit");
    this.scanner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "onestop-engine-metrics");
              t.setDaemon(true);
              return t;
            });
    scanner.scheduleWithFixedDelay(
        this::scanQuietly, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static double lagSeconds(StreamClock clock, Clock wallClock) {
    OptionalLong t = clock.earliest();
    return t.isEmpty() ? Double.NaN : (wallClock.millis() - t.getAsLong()) / 1000.0;
  }

  private void scanQuietly() {
    try {
      scan();
    } catch (RuntimeException e) {
      // The store is unavailable now (rebalance, restore, shutdown): keep the last figures.
      LOG.debug("case store scan skipped: {}", e.toString());
    }
  }

  /**
   * Counts open and overdue cases per unit over the local case store partitions and publishes them;
   * does nothing unless the engine is RUNNING.
   */
  void scan() {
    KafkaStreams streams = engine.streams();
    if (streams.state() != KafkaStreams.State.RUNNING) {
      return;
    }
    TreeSet<Integer> partitions = new TreeSet<>();
    for (ThreadMetadata t : streams.metadataForLocalThreads()) {
      t.activeTasks().forEach(task -> partitions.add(task.taskId().partition()));
    }
    Map<String, long[]> byUnit = new TreeMap<>(); // unit -> {open, overdue}
    for (int p : partitions) {
      ReadOnlyKeyValueStore<String, CaseState> store;
      try {
        store =
            streams.store(
                StoreQueryParameters.fromNameAndType(
                        SlaTopology.CASE_STORE,
                        QueryableStoreTypes.<String, CaseState>keyValueStore())
                    .withPartition(p));
      } catch (InvalidStateStoreException e) {
        LOG.debug("case store partition {} not queryable: {}", p, e.getMessage());
        continue;
      }
      OptionalLong streamTime = engine.streamClock().streamTime(p);
      try (KeyValueIterator<String, CaseState> it = store.all()) {
        while (it.hasNext()) {
          KeyValue<String, CaseState> kv = it.next();
          CaseState s = kv.value;
          if (s == null || !StateFields.isOpen(s)) {
            continue;
          }
          long[] n = byUnit.computeIfAbsent(s.getUnitId(), u -> new long[2]);
          n[0]++;
          if (streamTime.isPresent() && overdue(s, streamTime.getAsLong())) {
            n[1]++;
          }
        }
      }
    }
    Map<String, Long> openByUnit = new TreeMap<>();
    Map<String, Long> overdueByUnit = new TreeMap<>();
    byUnit.forEach(
        (unit, n) -> {
          openByUnit.put(unit, n[0]);
          overdueByUnit.put(unit, n[1]);
        });
    open.publish(openByUnit);
    overdue.publish(overdueByUnit);
  }

  /** Firing rule: due at d is overdue once stream time t &gt; d; a suspended clock never is. */
  private static boolean overdue(CaseState s, long streamTimeMs) {
    ActiveClock c = s.getClock();
    return StateFields.clockRunning(s) && c.getDueAt().toEpochMilli() < streamTimeMs;
  }

  /** Stops the scan and removes this engine's meters from the registry. */
  @Override
  public void close() {
    scanner.shutdownNow();
    open.close();
    overdue.close();
    gauges.forEach(registry::remove);
    streamsMetrics.close();
  }
}
