package vn.onestop.sla.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The per-unit case gauges published by the engine's periodic scan: a Prometheus scrape running
 * while a scan publishes new figures never fails and never shows a unit twice.
 */
class UnitGaugesTest {
  @Test
  void scrapesConcurrentWithPublishingNeverFail() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    UnitGauges overdue = new UnitGauges(registry, "onestop.cases.overdue", "test");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread publisher =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 50_000; i++) {
                  Map<String, Long> m = new TreeMap<>();
                  m.put("HK", (long) i);
                  if (i % 3 == 0) {
                    m.put("HN", 1L);
                  }
                  if (i % 5 == 0) {
                    m.put("BD", 3L);
                  }
                  overdue.publish(m);
                }
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              } finally {
                done.countDown();
              }
            });
    publisher.start();
    int scrapes = 0;
    while (done.getCount() > 0 && failure.get() == null) {
      try {
        String text = registry.scrape();
        scrapes++;
        long hk =
            text.lines().filter(l -> l.startsWith("onestop_cases_overdue{unit=\"HK\"}")).count();
        assertThat(hk).as("HK rows in one scrape").isLessThanOrEqualTo(1);
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }
    publisher.join();
    assertThat(failure.get()).as("after %d scrapes", scrapes).isNull();
    Map<String, Long> last = Map.of("HK", 5L, "BD", 2L);
    overdue.publish(last);
    String text = registry.scrape();
    assertThat(text).contains("onestop_cases_overdue{unit=\"HK\"} 5.0");
    assertThat(text).contains("onestop_cases_overdue{unit=\"BD\"} 2.0");
    assertThat(text)
        .as("a unit without open cases reads 0")
        .contains("onestop_cases_overdue{unit=\"HN\"} 0.0");
    overdue.close();
    assertThat(registry.find("onestop.cases.overdue").meters()).isEmpty();
  }
}
