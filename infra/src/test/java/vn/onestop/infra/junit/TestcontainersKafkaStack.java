package vn.onestop.infra.junit;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.RegistryCompatibility;

/**
 * Kafka ({@code apache/kafka}, KRaft) and Apicurio Registry ({@code
 * apicurio/apicurio-registry-mem}, global BACKWARD) in Docker containers. Only loaded when a Docker
 * engine is present. Image names can be overridden with system properties {@code
 * onestop.kafka.image} and {@code onestop.registry.image}.
 */
final class TestcontainersKafkaStack implements KafkaStack, AutoCloseable {
  static final String KAFKA_IMAGE = System.getProperty("onestop.kafka.image", "apache/kafka:4.1.0");
  static final String REGISTRY_IMAGE =
      System.getProperty("onestop.registry.image", "apicurio/apicurio-registry-mem:2.6.13.Final");

  private final KafkaContainer kafka;
  private final GenericContainer<?> registry;

  private TestcontainersKafkaStack(KafkaContainer kafka, GenericContainer<?> registry) {
    this.kafka = kafka;
    this.registry = registry;
  }

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /** Starts both containers (in parallel) and waits until the registry answers. */
  static TestcontainersKafkaStack start() {
    KafkaContainer kafka =
        new KafkaContainer(
                DockerImageName.parse(KAFKA_IMAGE).asCompatibleSubstituteFor("apache/kafka"))
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    GenericContainer<?> registry =
        new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
            .withExposedPorts(8080)
            .withEnv("REGISTRY_RULES_GLOBAL_COMPATIBILITY", "BACKWARD")
            .waitingFor(
                Wait.forHttp("/apis/ccompat/v7/subjects")
                    .forStatusCode(200)
                    .withStartupTimeout(Duration.ofSeconds(120)));
    Thread registryStarter = new Thread(registry::start, "onestop-registry-container");
    registryStarter.start();
    try {
      kafka.start();
      registryStarter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting containers", e);
    }
    TestcontainersKafkaStack stack = new TestcontainersKafkaStack(kafka, registry);
    if (!registry.isRunning()) {
      stack.close();
      throw new IllegalStateException(
          "registry container " + REGISTRY_IMAGE + " did not start; see the log above");
    }
    RegistryCompatibility.ensureBackward(stack.schemaRegistryUrl());
    return stack;
  }

  @Override
  public String bootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  public String schemaRegistryUrl() {
    return "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + "/apis/ccompat/v7";
  }

  @Override
  public void close() {
    try {
      registry.stop();
    } finally {
      kafka.stop();
    }
  }

  @Override
  public String toString() {
    return "Testcontainers[" + KAFKA_IMAGE + ", " + REGISTRY_IMAGE + "]";
  }
}
