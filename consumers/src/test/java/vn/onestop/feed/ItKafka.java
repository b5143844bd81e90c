package vn.onestop.feed;

import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.onestop.infra.KafkaStack;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topic;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/** Producers and private topic names for ITs on the real broker and registry. */
final class ItKafka {
  static {
    // The generated classes must be trusted by Avro 1.12 (the schemas serde does the same).
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
  }

  private ItKafka() {}

  /**
   * Creates a fresh org-units topic (product settings, 1 partition) holding the feed tests' city
   * tree ({@code Fixtures.cityTree()}).
   *
   * @return the topic name
   */
  static String cityOrgUnits(KafkaStack stack) throws Exception {
    String orgUnits = unique("org-units");
    createTopics(stack, Topics.ORG_UNITS, 1, orgUnits);
    try (KafkaProducer<String, OrgUnit> p = producer(stack, Topics.ORG_UNITS, null)) {
      for (OrgUnit u : Fixtures.cityTree().all().values()) {
        send(p, orgUnits, u.getUnitId().toString(), u);
      }
    }
    return orgUnits;
  }

  /**
   * Creates topics with the settings of {@code contract} (the product's, never the broker's),
   * retried.
   */
  static void createTopics(KafkaStack stack, Topic<?> contract, int partitions, String... topics) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(
            () -> {
              vn.onestop.schema.TopicAdmin.create(
                  stack.bootstrapServers(), contract, partitions, (short) 1, topics);
              return true;
            });
  }

  static String unique(String base) {
    return "it-" + UUID.randomUUID().toString().substring(0, 8) + "-" + base;
  }

  /**
   * A producer for the value type of {@code contract}, writing to any topic (schemas
   * auto-registered).
   */
  static <V extends SpecificRecord> KafkaProducer<String, V> producer(
      KafkaStack stack, Topic<V> contract, String txId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    if (txId != null) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txId);
    }
    SchemaRegistryClient registry = new SchemaRegistryClient(stack.schemaRegistryUrl());
    return new KafkaProducer<>(
        p, new StringSerializer(), contract.valueSerde(registry, true).serializer());
  }

  static <V> void send(KafkaProducer<String, V> producer, String topic, String key, V value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("send to " + topic + " failed", e);
    }
  }
}
