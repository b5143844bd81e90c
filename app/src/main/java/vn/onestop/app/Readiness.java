package vn.onestop.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.KafkaStreams;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.SlaEngine;

/**
 * The one readiness rule of every service ({@code GET /health/ready} of the engine, the intake and
 * the feed): a process is ready when the Kafka cluster answers (describe cluster within {@value
 * #TIMEOUT_SECONDS} s), the schema registry answers (list subjects within {@value #TIMEOUT_SECONDS}
 * s), and every service of the process that added a check passes it: the SLA engine is RUNNING, the
 * feed's tailers are up. Answers are cached for {@value #CACHE_MILLIS} ms so a busy probe does not
 * load the cluster. Thread-safe; {@link #close()} closes the admin client.
 */
final class Readiness implements AutoCloseable {
  static final int TIMEOUT_SECONDS = 3;
  static final long CACHE_MILLIS = 1000;

  private final Admin admin;
  private final SchemaRegistryClient registry;
  private final List<Supplier<List<String>>> checks = new CopyOnWriteArrayList<>();
  private volatile List<String> cached = List.of();
  private volatile long cachedAtNanos;
  private volatile boolean hasCache;

  /**
   * @param cluster the cluster every service of the process uses
   */
  Readiness(Cluster cluster) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "onestop-readiness",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                TIMEOUT_SECONDS * 1000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                TIMEOUT_SECONDS * 1000));
    this.registry =
        new SchemaRegistryClient(cluster.schemaRegistryUrl(), Duration.ofSeconds(TIMEOUT_SECONDS));
  }

  /**
   * Adds the SLA engine's check: ready only while Kafka Streams is RUNNING (not while it starts,
   * restores, rebalances or after an error).
   */
  Readiness engine(SlaEngine engine) {
    return check(
        () -> {
          KafkaStreams.State s = engine.state();
          return s == KafkaStreams.State.RUNNING ? List.of() : List.of("SLA engine " + s);
        });
  }

  /**
   * @param problems a service's own check: one short text per problem, empty when ready
   * @return this
   */
  Readiness check(Supplier<List<String>> problems) {
    checks.add(problems);
    return this;
  }

  /**
   * @return one short text per reason the process is not ready (e.g. {@code broker unreachable:
   *     ...}); empty when ready
   */
  List<String> problems() {
    long now = System.nanoTime();
    if (hasCache && now - cachedAtNanos < TimeUnit.MILLISECONDS.toNanos(CACHE_MILLIS)) {
      return cached;
    }
    List<String> down = new ArrayList<>();
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_SECONDS * 1000))
          .nodes()
          .get(TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      down.add("broker check interrupted");
    } catch (Exception e) {
      down.add("broker unreachable: " + rootMessage(e));
    }
    try {
      registry.subjects();
    } catch (RuntimeException e) {
      down.add("schema registry unreachable: " + rootMessage(e));
    }
    for (Supplier<List<String>> c : checks) {
      down.addAll(c.get());
    }
    cached = List.copyOf(down);
    cachedAtNanos = System.nanoTime();
    hasCache = true;
    return cached;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
