package vn.onestop.infra.junit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.LocalKafkaStack;

/**
 * The one stack of a test JVM, kept in the root extension store; JUnit closes it (an {@link
 * AutoCloseable} store value) when the whole run ends. A failed start is remembered, so later test
 * classes fail fast with the same cause instead of waiting for another timeout.
 */
final class SharedStack implements KafkaStack, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedStack.class);

  private final InfraMode mode;
  private final KafkaStack stack;
  private final RuntimeException failure;

  private SharedStack(InfraMode mode, KafkaStack stack, RuntimeException failure) {
    this.mode = mode;
    this.stack = stack;
    this.failure = failure;
  }

  static SharedStack open() {
    InfraMode configured;
    try {
      configured = InfraMode.configured();
    } catch (IllegalArgumentException e) {
      return new SharedStack(
          InfraMode.AUTO, null, new ExtensionConfigurationException(e.getMessage(), e));
    }
    InfraMode mode = configured;
    if (mode == InfraMode.AUTO) {
      mode = DockerProbe.dockerAvailable() ? InfraMode.TESTCONTAINERS : InfraMode.EMBEDDED;
    }
    LOG.info("Test infrastructure: {} (configured {})", mode, configured);
    try {
      KafkaStack stack =
          switch (mode) {
            case EMBEDDED -> LocalKafkaStack.start();
            case TESTCONTAINERS -> startContainers();
            case EXTERNAL -> ExternalKafkaStack.fromSettings();
            case AUTO -> throw new IllegalStateException("unreachable");
          };
      LOG.info(
          "Test infrastructure ready: bootstrap {} registry {}",
          stack.bootstrapServers(),
          stack.schemaRegistryUrl());
      return new SharedStack(mode, stack, null);
    } catch (RuntimeException e) {
      return new SharedStack(mode, null, e);
    }
  }

  private static KafkaStack startContainers() {
    if (!DockerProbe.dockerAvailable()) {
      throw new ExtensionConfigurationException(
          InfraMode.PROPERTY
              + "=testcontainers but no Docker engine"
              + " is available (or Testcontainers is not on the test class path)");
    }
    return TestcontainersKafkaStack.start();
  }

  /**
   * @return the mode actually used (never AUTO unless the configuration was invalid)
   */
  InfraMode mode() {
    return mode;
  }

  /**
   * @return the running stack
   * @throws ExtensionConfigurationException wrapping the start failure, on every call after a
   *     failed start
   */
  KafkaStack stack() {
    if (failure != null) {
      throw new ExtensionConfigurationException(
          "Kafka test stack (" + mode + ") is not available: " + failure.getMessage(), failure);
    }
    return stack;
  }

  @Override
  public String bootstrapServers() {
    return stack().bootstrapServers();
  }

  @Override
  public String schemaRegistryUrl() {
    return stack().schemaRegistryUrl();
  }

  @Override
  public synchronized void close() throws Exception {
    if (stack instanceof AutoCloseable closeable) {
      LOG.info("Stopping test infrastructure ({})", mode);
      closeable.close();
    }
  }

  @Override
  public String toString() {
    return "SharedStack[" + mode + ", " + (stack != null ? stack : "failed: " + failure) + "]";
  }
}
