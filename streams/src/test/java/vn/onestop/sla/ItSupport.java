package vn.onestop.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.onestop.infra.KafkaStack;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.TopicSetup;

/** Producers, consumers and topics for the engine ITs, on the real broker and registry. */
final class ItSupport implements AutoCloseable {
  final KafkaStack stack;
  final SlaTopics topics;
  final String prefix;
  final int partitions;
  final SchemaRegistryClient registry;
  final KafkaProducer<String, CaseEvent> events;
  final KafkaProducer<String, OrgUnit> units;
  final KafkaConsumer<String, CaseAlert> alerts;

  ItSupport(KafkaStack stack, String name, int partitions) {
    this.stack = stack;
    this.prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    this.topics = SlaTopics.DEFAULT.withPrefix(prefix);
    this.partitions = partitions;
    this.registry = new SchemaRegistryClient(stack.schemaRegistryUrl());
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      TopicSetup.createAll(admin, topics, partitions, (short) 1);
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    events =
        new KafkaProducer<>(
            p,
            new StringSerializer(),
            new SpecificAvroSerde<>(registry, CaseEvent.class, true).serializer());
    units =
        new KafkaProducer<>(
            p,
            new StringSerializer(),
            new SpecificAvroSerde<>(registry, OrgUnit.class, true).serializer());
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    alerts =
        new KafkaConsumer<>(
            c,
            new StringDeserializer(),
            new SpecificAvroSerde<>(registry, CaseAlert.class, false).deserializer());
    List<TopicPartition> tps = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      tps.add(new TopicPartition(topics.caseAlerts(), i));
    }
    alerts.assign(tps);
    alerts.seekToBeginning(tps);
  }

  /** Writes the test org chart and waits for the acks. */
  void writeOrgChart() {
    for (OrgUnit u : TestRecords.orgChart()) {
      units.send(new ProducerRecord<>(topics.orgUnits(), u.getUnitId(), u));
    }
    units.flush();
  }

  /** Sends an event keyed by case id with its occurred-at as record timestamp. */
  void send(CaseEvent e) {
    events.send(
        new ProducerRecord<>(
            topics.caseEvents(), null, e.getOccurredAt().toEpochMilli(), e.getCaseId(), e),
        this::sent);
  }

  /**
   * Waits for the acks of every event sent; fails naming the first send the broker refused (a lost
   * test record would otherwise show only as a wrong count much later).
   */
  void flushEvents() {
    events.flush();
    Exception f = sendFailure;
    if (f != null) {
      throw new AssertionError("a test event was not written: " + f, f);
    }
  }

  private volatile Exception sendFailure;

  private void sent(org.apache.kafka.clients.producer.RecordMetadata m, Exception e) {
    if (e != null && sendFailure == null) {
      sendFailure = e;
    }
  }

  /** Sends a tick to every partition. */
  void tickAll(java.time.Instant at) {
    for (int p = 0; p < partitions; p++) {
      events.send(
          new ProducerRecord<>(
              topics.caseEvents(),
              p,
              at.toEpochMilli(),
              vn.onestop.schema.Topics.CLOCK_KEY,
              TestRecords.tick(at, p)),
          this::sent);
    }
  }

  /**
   * @return committed alerts available now (one poll)
   */
  List<ConsumerRecord<String, CaseAlert>> pollAlerts() {
    List<ConsumerRecord<String, CaseAlert>> out = new ArrayList<>();
    alerts.poll(Duration.ofMillis(200)).forEach(out::add);
    return out;
  }

  /**
   * @return whether the alert consumer has read up to the last stable offset of every partition
   */
  boolean alertsReadToEnd() {
    Map<TopicPartition, Long> end = alerts.endOffsets(alerts.assignment());
    return end.entrySet().stream().allMatch(e -> alerts.position(e.getKey()) >= e.getValue());
  }

  @Override
  public void close() {
    events.close(Duration.ofSeconds(5));
    units.close(Duration.ofSeconds(5));
    alerts.close(Duration.ofSeconds(5));
  }
}
