package vn.onestop.infra;

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
    ParallelStart.Started<EmbeddedKafkaBroker> started =
        ParallelStart.start(brokerSettings::start, EmbeddedKafkaBroker::close, registrySettings);
    LOG.info(
        "Local Kafka stack ready in {} ms: bootstrap {} registry {}",
        (System.nanoTime() - t0) / 1_000_000,
        started.kafka().bootstrapServers(),
        started.registry().confluentApiUrl());
    return new LocalKafkaStack(started.kafka(), started.registry());
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
    ParallelStart.closeTogether(registry, broker::close);
  }

  @Override
  public String toString() {
    return "LocalKafkaStack[" + bootstrapServers() + ", " + schemaRegistryUrl() + "]";
  }
}
