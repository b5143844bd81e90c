package vn.onestop.schema.testkit;

import java.time.Instant;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.onestop.schema.Topic;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Producers the integration tests write a topic's contract with: String keys, the contract's Avro
 * value serde through the real schema registry (subjects registered on first use), acks=all, and a
 * synchronous send stamped with the record's event time.
 */
public final class ContractProducers {
  private ContractProducers() {}

  /**
   * @param bootstrap bootstrap servers of the broker
   * @param registryUrl the schema registry's URL
   * @param contract the topic contract whose value serde to use
   * @param <V> value type
   * @return a new producer; close it
   */
  public static <V extends SpecificRecord> KafkaProducer<String, V> open(
      String bootstrap, String registryUrl, Topic<V> contract) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(
        p,
        new StringSerializer(),
        contract.valueSerde(new SchemaRegistryClient(registryUrl), true).serializer());
  }

  /**
   * Sends one record and waits for its acknowledgement.
   *
   * @param partition the partition, or null for the default partitioner (by key)
   * @param ts the record timestamp (event time, UTC)
   * @throws Exception if the send fails
   */
  public static <V> void send(
      KafkaProducer<String, V> p, String topic, Integer partition, String key, V value, Instant ts)
      throws Exception {
    p.send(new ProducerRecord<>(topic, partition, ts.toEpochMilli(), key, value)).get();
  }
}
