package vn.onestop.schema;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
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

  /**
   * @return the registry subject of the values (TopicNameStrategy): {@code <name>-value}
   */
  public String valueSubject() {
    return name + "-value";
  }

  /**
   * @return the Avro schema of the values
   */
  public Schema valueSchema() {
    return SpecificData.get().getSchema(valueType);
  }

  /**
   * The topic-level settings the product requires, whatever the cluster's defaults are: compacted
   * topics get {@code cleanup.policy=compact}; every other topic keeps everything ({@code
   * retention.ms=-1}).
   *
   * <p>Why no time retention: record timestamps are event time (an imported case of 2015, an alert
   * stamped with its {@code decidedAt}), while the broker's retention compares a segment's newest
   * timestamp with its wall clock. With the broker's default of 7 days, imported history and the
   * alerts decided on it are deleted minutes after they are written. Old data is removed by an
   * explicit, audited purge, never by the broker's clock.
   *
   * @return topic config name to value, as in {@link TopicConfig}
   */
  public Map<String, String> configs() {
    return compacted
        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
        : Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");
  }

  /**
   * A topic to create with this contract's settings ({@link #configs()}) under a given name (tests
   * and prefixed deployments use other names than {@link #name()}).
   *
   * @param topicName the name to create, not blank
   * @param partitions partitions, at least 1
   * @param replication replication factor, at least 1
   * @return the admin request
   */
  public NewTopic newTopic(String topicName, int partitions, short replication) {
    return new NewTopic(topicName, partitions, replication).configs(configs());
  }

  /**
   * @return the key serde: UTF-8 strings
   */
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
