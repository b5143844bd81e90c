package vn.onestop.app;

import java.nio.file.Path;
import java.util.Optional;
import vn.onestop.infra.ApicurioRegistry;
import vn.onestop.infra.EmbeddedKafkaBroker;
import vn.onestop.infra.LocalKafkaStack;

/**
 * The Kafka cluster and schema registry a command works against: either an external one named by
 * options or environment, or the embedded default (a local broker and registry this process started
 * and stops on {@link #close()}).
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl Confluent-compatible registry base URL
 * @param embedded the local stack when this process started one
 */
public record Cluster(
    String bootstrapServers, String schemaRegistryUrl, Optional<LocalKafkaStack> embedded)
    implements AutoCloseable {

  /**
   * @return an external cluster (nothing to stop)
   */
  public static Cluster external(String bootstrapServers, String schemaRegistryUrl) {
    return new Cluster(bootstrapServers, schemaRegistryUrl, Optional.empty());
  }

  /**
   * Starts the embedded default: a KRaft broker and an Apicurio registry on 127.0.0.1.
   *
   * @return the started cluster; {@link #close()} stops both
   * @throws vn.onestop.infra.InfraException if either does not start within its time limit
   */
  public static Cluster startEmbedded() {
    LocalKafkaStack stack = LocalKafkaStack.start();
    return new Cluster(stack.bootstrapServers(), stack.schemaRegistryUrl(), Optional.of(stack));
  }

  /**
   * Starts the embedded default on persistent directories: the broker's log dirs and KRaft metadata
   * in {@code kafkaDir} (formatted on first use), the registry's schemas with their ids in {@code
   * registryDir}; both are kept by {@link #close()}.
   *
   * @return the started cluster; {@link #close()} stops both
   * @throws vn.onestop.infra.InfraException if either does not start within its time limit
   */
  public static Cluster startEmbedded(Path kafkaDir, Path registryDir) {
    LocalKafkaStack stack =
        LocalKafkaStack.start(
            EmbeddedKafkaBroker.builder().persistentDirectory(kafkaDir),
            ApicurioRegistry.builder().persistentDirectory(registryDir));
    return new Cluster(stack.bootstrapServers(), stack.schemaRegistryUrl(), Optional.of(stack));
  }

  /** Stops the embedded broker and registry, if this process started them. */
  @Override
  public void close() {
    embedded.ifPresent(LocalKafkaStack::close);
  }
}
