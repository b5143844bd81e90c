package vn.onestop.schema.serde;

import java.util.HashMap;
import java.util.Map;

/**
 * Configuration keys of {@link SpecificAvroSerde}, named as Confluent's serializers name them so
 * the same client properties work with either.
 */
public final class AvroSerdeConfig {
  /**
   * Base URL of the registry's Confluent API, e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7}.
   * Required.
   */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  /** Whether the serializer registers its schema when missing (default {@code true}). */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /**
   * Fully qualified name of the generated SpecificRecord class to read into, for deserializers
   * created by Kafka from a class name (the no-arg constructor). Not needed when the class is
   * passed in code.
   */
  public static final String SPECIFIC_VALUE_TYPE = "onestop.avro.specific.type";

  private AvroSerdeConfig() {}

  /**
   * @param registryUrl registry base URL
   * @param autoRegister whether serializers register missing schemas
   * @return a mutable config map for {@link SpecificAvroSerde#configure}
   */
  public static Map<String, Object> of(String registryUrl, boolean autoRegister) {
    Map<String, Object> m = new HashMap<>();
    m.put(SCHEMA_REGISTRY_URL, registryUrl);
    m.put(AUTO_REGISTER_SCHEMAS, autoRegister);
    return m;
  }
}
