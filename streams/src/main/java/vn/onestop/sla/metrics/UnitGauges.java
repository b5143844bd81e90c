package vn.onestop.sla.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One gauge per handling unit ({@code name{unit}}), each reading the latest published figures.
 * Publishing replaces a snapshot map held in an {@link AtomicReference}; a unit's gauge is
 * registered the first time the unit appears and stays, reading 0 while the unit is absent from the
 * latest figures (no open case there). Gauges are never removed and re-registered on a publish, so
 * a scrape running at the same moment sees each unit exactly once (re-registering every scan let a
 * concurrent Prometheus scrape fail with duplicate labels). Thread-safe.
 */
final class UnitGauges implements AutoCloseable {
  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final AtomicReference<Map<String, Long>> latest = new AtomicReference<>(Map.of());
  private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

  /**
   * @param registry where the gauges go
   * @param name the meter name, e.g. {@code onestop.cases.open}
   * @param description the meter description
   */
  UnitGauges(MeterRegistry registry, String name, String description) {
    this.registry = registry;
    this.name = name;
    this.description = description;
  }

  /**
   * @param byUnit the new figures, unit id to count (copied)
   */
  void publish(Map<String, Long> byUnit) {
    latest.set(Map.copyOf(byUnit));
    for (String unit : byUnit.keySet()) {
      gauges.computeIfAbsent(
          unit,
          u ->
              Gauge.builder(name, latest, m -> m.get().getOrDefault(u, 0L))
                  .description(description)
                  .tag("unit", u)
                  .strongReference(true)
                  .register(registry));
    }
  }

  /** Removes the gauges from the registry. */
  @Override
  public void close() {
    List.copyOf(gauges.values()).forEach(registry::remove);
    gauges.clear();
  }
}
