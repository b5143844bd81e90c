package vn.onestop.schema;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;

/**
 * A topic of the pipeline: its name, its value class and whether it is compacted. Keys are UTF-8
 * strings (case id, unit id, or {@code unitId|YYYY-MM}).
 *
 * @param name topic name
 * @param valueType generated Avro class of the values
 * @param compacted {@code true} for {@code cleanup.policy=compact}
 * @param <V> value class
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, boolean compacted) {

  /** @return the registry subject of the values (TopicNameStrategy): {@code <name>-value} */
  public String valueSubject() {
    return name + "-value";
  }

  /** @return the Avro schema of the values */
  public Schema valueSchema() {
    return SpecificData.get().getSchema(valueType);
  }

  /** @return the key serde: UTF-8 strings */
  public Serde<String> keySerde() {
    return Serdes.String();
  }

  /**
   * @param registry shared registry client
   * @param autoRegister whether the serializer registers a missing schema (producers: usually
   *     {@code false} in production, after {@link Topics#registerAll})
   * @return a ready value serde in the Confluent wire format
   */
  public SpecificAvroSerde<V> valueSerde(SchemaRegistryClient registry, boolean autoRegister) {
    return new SpecificAvroSerde<>(registry, valueType, autoRegister);
  }
}
