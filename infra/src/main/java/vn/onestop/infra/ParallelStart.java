package vn.onestop.infra;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What {@link LocalKafkaStack} and {@link ReplicatedKafkaStack} share: their Kafka part (the
 * in-process broker or the cluster) and the {@link ApicurioRegistry} child process are started in
 * parallel (the registry on a thread of its own) and stopped together, and a failure of one stops
 * the other.
 */
final class ParallelStart {
  private ParallelStart() {}

  /**
   * A started Kafka part and registry.
   *
   * @param <K> the Kafka part's type
   * @param kafka the running Kafka part
   * @param registry the running registry
   */
  record Started<K>(K kafka, ApicurioRegistry registry) {}

  /**
   * Starts the registry on a thread of its own while {@code kafka} runs on this one.
   *
   * @param kafka starts the Kafka part
   * @param closeKafka stops it, if the registry fails to start
   * @param registrySettings settings of the registry
   * @return both, running
   * @throws InfraException (or the Kafka part's exception) if either fails to start; the other one
   *     is stopped first
   */
  static <K> Started<K> start(
      Supplier<K> kafka, Consumer<K> closeKafka, ApicurioRegistry.Builder registrySettings) {
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
    K started;
    try {
      started = kafka.get();
    } catch (RuntimeException e) {
      registryFuture.thenAccept(ApicurioRegistry::close);
      throw e;
    }
    try {
      return new Started<>(started, registryFuture.join());
    } catch (CompletionException e) {
      closeKafka.accept(started);
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new InfraException("registry start failed", e.getCause());
    }
  }

  /**
   * Stops the registry (on another thread) and the Kafka part (on this one), and waits for both.
   *
   * @throws InfraException if the registry does not stop
   */
  static void closeTogether(ApicurioRegistry registry, Runnable closeKafka) {
    CompletableFuture<Void> registryStop = CompletableFuture.runAsync(registry::close);
    try {
      closeKafka.run();
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
}
