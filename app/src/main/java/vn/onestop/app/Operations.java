package vn.onestop.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.metrics.EngineMetrics;

/**
 * A process's operations side: one Prometheus meter registry for every service in the process (JVM
 * memory, GC, threads, class loading, CPU and uptime bound at start; each service adds its own
 * meters), and the process's {@link Readiness}. Served by each HTTP server of the process as {@code
 * GET /metrics} and {@code GET /health/ready}. {@link #close()} releases the binders.
 */
final class Operations implements AutoCloseable {
  /** Time between two scans of the engine's case store for the open/overdue gauges. */
  static final Duration CASE_SCAN_INTERVAL = Duration.ofSeconds(15);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Readiness readiness;
  private EngineMetrics engineMetrics;

  /**
   * @param cluster the cluster the process's services use (for the readiness checks)
   */
  Operations(Cluster cluster) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    this.readiness = new Readiness(cluster);
  }

  /**
   * @return the registry the services bind their meters to
   */
  PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * @return the readiness rule of this process
   */
  Readiness readiness() {
    return readiness;
  }

  /**
   * @return the Prometheus text exposition of every meter of the process
   */
  String scrape() {
    return registry.scrape();
  }

  /**
   * Adds the engine's meters ({@link EngineMetrics}) and its readiness check.
   *
   * @param engine the started engine
   * @param scanInterval time between two scans of the case store
   */
  void engine(SlaEngine engine, Duration scanInterval) {
    engineMetrics = new EngineMetrics(engine, registry, Clock.systemUTC(), scanInterval);
    readiness.engine(engine);
  }

  @Override
  public void close() {
    if (engineMetrics != null) {
      engineMetrics.close();
    }
    gc.close();
    readiness.close();
    registry.close();
  }
}
