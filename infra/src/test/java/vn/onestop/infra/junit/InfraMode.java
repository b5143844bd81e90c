package vn.onestop.infra.junit;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where tests get their Kafka broker and schema registry from, read from system property {@value
 * #PROPERTY}, else environment variable {@value #ENV}, else {@link #AUTO}.
 */
public enum InfraMode {
  /** Testcontainers when a Docker engine answers, else {@link #EMBEDDED}. */
  AUTO,
  /**
   * In-process Kafka broker + Apicurio Registry child process ({@link
   * vn.onestop.infra.LocalKafkaStack}).
   */
  EMBEDDED,
  /** Containers {@code apache/kafka} and {@code apicurio/apicurio-registry-mem}; needs Docker. */
  TESTCONTAINERS,
  /**
   * An existing cluster: bootstrap servers from {@code onestop.kafka.bootstrap} / {@code
   * ONESTOP_KAFKA_BOOTSTRAP}, registry URL from {@code onestop.schema.registry.url} / {@code
   * ONESTOP_SCHEMA_REGISTRY_URL}.
   */
  EXTERNAL;

  /** System property selecting the mode. */
  public static final String PROPERTY = "onestop.test.infra";

  /** Environment variable selecting the mode when the system property is not set. */
  public static final String ENV = "ONESTOP_TEST_INFRA";

  /**
   * @return the configured mode (case-insensitive), {@link #AUTO} if none
   * @throws IllegalArgumentException naming the property and the allowed values if the value is
   *     unknown
   */
  public static InfraMode configured() {
    String value = Settings.get(PROPERTY, ENV);
    if (value == null) {
      return AUTO;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          PROPERTY
              + " / "
              + ENV
              + " must be one of "
              + Arrays.toString(values()).toLowerCase(Locale.ROOT)
              + ", got '"
              + value
              + "'");
    }
  }
}
