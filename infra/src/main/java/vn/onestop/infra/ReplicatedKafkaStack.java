package vn.onestop.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replicated local stack: a {@link KafkaCluster} (three KRaft nodes in child JVMs, replication
 * factor 3, {@code min.insync.replicas=2}) and an {@link ApicurioRegistry} child process, started
 * in parallel and stopped together, like {@link LocalKafkaStack} with a cluster in place of the
 * in-process broker. No process outlives {@link #close()} or this JVM.
 */
public final class ReplicatedKafkaStack implements KafkaStack, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicatedKafkaStack.class);

  private final KafkaCluster cluster;
  private final ApicurioRegistry registry;

  private ReplicatedKafkaStack(KafkaCluster cluster, ApicurioRegistry registry) {
    this.cluster = cluster;
    this.registry = registry;
  }

  /**
   * Starts three nodes and a registry with default settings.
   *
   * @return the running stack; close it when done
   * @throws InfraException if either fails to start; the other one is stopped first
   */
  public static ReplicatedKafkaStack start() {
    return start(KafkaCluster.builder(), ApicurioRegistry.builder());
  }

  /**
   * Starts a cluster and a registry with the given settings, in parallel.
   *
   * @param clusterSettings settings of the cluster
   * @param registrySettings settings of the registry
   * @return the running stack; close it when done
   * @throws InfraException if either fails to start; the other one is stopped first
   */
  public static ReplicatedKafkaStack start(
      KafkaCluster.Builder clusterSettings, ApicurioRegistry.Builder registrySettings) {
    long t0 = System.nanoTime();
    ParallelStart.Started<KafkaCluster> started =
        ParallelStart.start(clusterSettings::start, KafkaCluster::close, registrySettings);
    LOG.info(
        "Replicated Kafka stack ready in {} ms: bootstrap {} registry {}",
        (System.nanoTime() - t0) / 1_000_000,
        started.kafka().bootstrapServers(),
        started.registry().confluentApiUrl());
    return new ReplicatedKafkaStack(started.kafka(), started.registry());
  }

  /**
   * @return every node's {@code 127.0.0.1:<port>}, comma-separated
   */
  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * @return {@code http://127.0.0.1:<port>/apis/ccompat/v7} of the registry
   */
  @Override
  public String schemaRegistryUrl() {
    return registry.confluentApiUrl();
  }

  /**
   * @return the cluster, e.g. to kill and restart a node in a test
   */
  public KafkaCluster cluster() {
    return cluster;
  }

  /**
   * @return the registry child process
   */
  public ApicurioRegistry registry() {
    return registry;
  }

  /** Stops the registry and the cluster (in parallel) and deletes their data. Idempotent. */
  @Override
  public void close() {
    ParallelStart.closeTogether(registry, cluster::close);
  }

  @Override
  public String toString() {
    return "ReplicatedKafkaStack[" + bootstrapServers() + ", " + schemaRegistryUrl() + "]";
  }
}
