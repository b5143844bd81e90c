package vn.onestop.schema.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * A {@link Serde} for a generated Avro class over a Confluent-compatible schema registry, pairing
 * {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer}. Use it for topics and for
 * state stores (whose changelog topics then get their own subjects).
 *
 * @param <T> the generated record class
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  /**
   * A serde configured later by {@link #configure} with {@link
   * AvroSerdeConfig#SCHEMA_REGISTRY_URL}.
   *
   * @param type generated class to read into
   */
  public SpecificAvroSerde(Class<T> type) {
    this.serializer = new SpecificAvroSerializer<>();
    this.deserializer = new SpecificAvroDeserializer<>(null, type);
  }

  /**
   * A ready serde on a shared client.
   *
   * @param registry shared client (one id cache per process)
   * @param type generated class to read into
   * @param autoRegister whether to register missing schemas
   */
  public SpecificAvroSerde(SchemaRegistryClient registry, Class<T> type, boolean autoRegister) {
    this(registry, type, autoRegister, null);
  }

  /**
   * A ready serde on a shared client with a hand-written coder for the class's own schema.
   *
   * @param registry shared client (one id cache per process)
   * @param type generated class to read into
   * @param autoRegister whether to register missing schemas
   * @param coder coder of {@code type}'s schema ({@link RecordCoder}); null for Avro's datum writer
   *     and reader only
   */
  public SpecificAvroSerde(
      SchemaRegistryClient registry, Class<T> type, boolean autoRegister, RecordCoder<T> coder) {
    this.serializer = new SpecificAvroSerializer<>(registry, autoRegister, coder);
    this.deserializer = new SpecificAvroDeserializer<>(registry, type, coder);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  /**
   * @return a client for {@link AvroSerdeConfig#SCHEMA_REGISTRY_URL} in the configs
   * @throws IllegalArgumentException if the URL is missing
   */
  static SchemaRegistryClient clientFrom(Map<String, ?> configs) {
    Object url = configs.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    if (url == null) {
      throw new IllegalArgumentException("missing config " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }
    return new SchemaRegistryClient(url.toString());
  }
}
