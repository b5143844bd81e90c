package vn.onestop.infra.junit;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import vn.onestop.infra.KafkaStack;

/** An already running cluster and registry, addressed by settings; nothing to start or stop. */
record ExternalKafkaStack(String bootstrapServers, String schemaRegistryUrl) implements KafkaStack {
  static final String BOOTSTRAP_PROPERTY = "onestop.kafka.bootstrap";
  static final String BOOTSTRAP_ENV = "ONESTOP_KAFKA_BOOTSTRAP";
  static final String REGISTRY_PROPERTY = "onestop.schema.registry.url";
  static final String REGISTRY_ENV = "ONESTOP_SCHEMA_REGISTRY_URL";

  static ExternalKafkaStack fromSettings() {
    String bootstrap = Settings.get(BOOTSTRAP_PROPERTY, BOOTSTRAP_ENV);
    String registry = Settings.get(REGISTRY_PROPERTY, REGISTRY_ENV);
    if (bootstrap == null || registry == null) {
      throw new ExtensionConfigurationException(
          InfraMode.PROPERTY
              + "=external needs "
              + (bootstrap == null
                  ? BOOTSTRAP_PROPERTY + " / " + BOOTSTRAP_ENV + " (e.g. localhost:9092) "
                  : "")
              + (registry == null
                  ? REGISTRY_PROPERTY
                      + " / "
                      + REGISTRY_ENV
                      + " (e.g. http://localhost:8081 or http://localhost:8080/apis/ccompat/v7)"
                  : ""));
    }
    return new ExternalKafkaStack(bootstrap, registry.replaceAll("/+$", ""));
  }
}
