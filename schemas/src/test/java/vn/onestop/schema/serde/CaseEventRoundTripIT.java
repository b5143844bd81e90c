package vn.onestop.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.testkit.TestRecords;

/**
 * CaseEvents written by {@link SpecificAvroSerializer} to the real broker and read back by {@link
 * SpecificAvroDeserializer}, both built by Kafka from class names and configs as an application
 * would; and records the deserializer must refuse rather than mis-read.
 */
@WithKafkaStack
class CaseEventRoundTripIT {
  private static final String TOPIC = Topics.CASE_EVENTS.name();

  /** Malformed records go to their own topic so they never block readers of case-events. */
  private static final String MALFORMED_TOPIC = "case-events-malformed-it";

  private static KafkaStack stack;
  private SchemaRegistryClient registry;

  @BeforeAll
  static void createTopics() {
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 1, (short) 1, TOPIC, MALFORMED_TOPIC);
  }

  @BeforeEach
  void setUp() {
    registry = new SchemaRegistryClient(stack.schemaRegistryUrl());
  }

  private Properties producerConfig(Class<?> valueSerializer) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    p.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "true");
    return p;
  }

  private Properties consumerConfig(Class<?> valueDeserializer) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    p.put(AvroSerdeConfig.SPECIFIC_VALUE_TYPE, CaseEvent.class.getName());
    return p;
  }

  /**
   * Sends the events with the serializer Kafka builds from its class name; returns their offsets.
   */
  private List<Long> produce(List<CaseEvent> events) throws Exception {
    List<Long> offsets = new ArrayList<>();
    try (KafkaProducer<String, CaseEvent> producer =
        new KafkaProducer<>(producerConfig(SpecificAvroSerializer.class))) {
      for (CaseEvent e : events) {
        RecordMetadata md = producer.send(new ProducerRecord<>(TOPIC, e.getCaseId(), e)).get();
        offsets.add(md.offset());
      }
    }
    return offsets;
  }

  /**
   * Reads {@code count} records of partition 0 from {@code fromOffset} with the deserializer class.
   */
  private static <V> List<ConsumerRecord<String, V>> consume(
      Properties config, String topic, long fromOffset, int count) {
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config)) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seek(tp, fromOffset);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= count;
              });
    }
    return out.subList(0, count);
  }

  @Test
  void aCaseEventOfEveryPayloadTypeReadsBackEqual() throws Exception {
    List<CaseEvent> sent = TestRecords.everyPayloadType(TestRecords.newCaseId());
    assertThat(sent)
        .extracting(e -> e.getPayload().getClass().getSimpleName())
        .containsExactly(
            "Submitted",
            "Accepted",
            "Rejected",
            "Assigned",
            "Transferred",
            "Suspended",
            "Resumed",
            "DeadlineExtended",
            "Resolved",
            "Reopened",
            "Withdrawn",
            "Rated",
            "ClockTick",
            "IdentityRevealed");

    List<Long> offsets = produce(sent);
    assertThat(offsets).isSorted().doesNotHaveDuplicates();
    List<ConsumerRecord<String, CaseEvent>> got =
        consume(consumerConfig(SpecificAvroDeserializer.class), TOPIC, offsets.get(0), sent.size());

    for (int i = 0; i < sent.size(); i++) {
      CaseEvent expected = sent.get(i);
      ConsumerRecord<String, CaseEvent> record = got.get(i);
      assertThat(record.offset()).isEqualTo(offsets.get(i));
      assertThat(record.key()).isEqualTo(expected.getCaseId());
      assertThat(record.value())
          .as("payload %s", expected.getPayload().getClass().getSimpleName())
          .isEqualTo(expected)
          .isInstanceOf(CaseEvent.class);
      assertThat(record.value().getPayload()).isExactlyInstanceOf(expected.getPayload().getClass());
    }
    // Every optional field of Submitted survived, not only equals() in aggregate.
    Submitted submitted = (Submitted) got.get(0).value().getPayload();
    assertThat(submitted.getSourceDueAt())
        .isEqualTo(((Submitted) sent.get(0).getPayload()).getSourceDueAt());
    assertThat(submitted.getEncryptedIdentity().getNonce())
        .isEqualTo(((Submitted) sent.get(0).getPayload()).getEncryptedIdentity().getNonce());
    assertThat(submitted.getLocation().getLatitude()).isEqualTo(10.7797855);
  }

  @Test
  void vietnameseTextRoundTripsByteExact() throws Exception {
    String nfc = TestRecords.VIETNAMESE;
    String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
    assertThat(nfd.getBytes(StandardCharsets.UTF_8))
        .as("NFD is a different byte sequence")
        .isNotEqualTo(nfc.getBytes(StandardCharsets.UTF_8));

    List<CaseEvent> sent = new ArrayList<>();
    for (String text : List.of(nfc, nfd)) {
      Submitted s = TestRecords.fullSubmitted();
      s.setDescription(text);
      s.setTitle(text);
      sent.add(TestRecords.sample(TestRecords.newCaseId(), s, 0));
    }
    List<Long> offsets = produce(sent);

    // On the wire: the Avro string is the text's UTF-8 bytes, unchanged.
    List<ConsumerRecord<String, byte[]>> raw =
        consume(consumerConfig(ByteArrayDeserializer.class), TOPIC, offsets.get(0), 2);
    assertThat(indexOf(raw.get(0).value(), nfc.getBytes(StandardCharsets.UTF_8))).isPositive();
    assertThat(indexOf(raw.get(1).value(), nfd.getBytes(StandardCharsets.UTF_8))).isPositive();

    List<ConsumerRecord<String, CaseEvent>> got =
        consume(consumerConfig(SpecificAvroDeserializer.class), TOPIC, offsets.get(0), 2);
    for (int i = 0; i < 2; i++) {
      Submitted expected = (Submitted) sent.get(i).getPayload();
      Submitted actual = (Submitted) got.get(i).value().getPayload();
      assertThat(actual.getDescription().getBytes(StandardCharsets.UTF_8))
          .isEqualTo(expected.getDescription().getBytes(StandardCharsets.UTF_8));
      assertThat(actual.getTitle().getBytes(StandardCharsets.UTF_8))
          .isEqualTo(expected.getTitle().getBytes(StandardCharsets.UTF_8));
      assertThat(actual.getComplainant().getFullName()).isEqualTo("Nguyễn Thị Ánh Tuyết");
    }
  }

  @Test
  void aWrongMagicByteOrATooShortRecordIsASerializationExceptionNamingTheProblem()
      throws Exception {
    CaseEvent good = TestRecords.everyPayloadType(TestRecords.newCaseId()).get(3);
    byte[] valid =
        Topics.CASE_EVENTS.valueSerde(registry, true).serializer().serialize(TOPIC, good);
    byte[] wrongMagic = valid.clone();
    wrongMagic[0] = 1;
    byte[] tooShort = {0, 0, 0};

    long first = produceRaw(MALFORMED_TOPIC, wrongMagic);
    produceRaw(MALFORMED_TOPIC, tooShort);

    // Read back through the broker as raw bytes, then with our deserializer as a router would.
    List<ConsumerRecord<String, byte[]>> raw =
        consume(consumerConfig(ByteArrayDeserializer.class), MALFORMED_TOPIC, first, 2);
    SpecificAvroDeserializer<CaseEvent> deserializer =
        new SpecificAvroDeserializer<>(registry, CaseEvent.class);

    SerializationException magic =
        catchThrowableOfType(
            SerializationException.class,
            () -> deserializer.deserialize(MALFORMED_TOPIC, raw.get(0).value()));
    assertThat(magic.getMessage())
        .contains(MALFORMED_TOPIC)
        .contains("magic byte")
        .contains("starts with byte 1");

    SerializationException shortRecord =
        catchThrowableOfType(
            SerializationException.class,
            () -> deserializer.deserialize(MALFORMED_TOPIC, raw.get(1).value()));
    assertThat(shortRecord.getMessage())
        .contains(MALFORMED_TOPIC)
        .contains("3 bytes")
        .contains("too short");

    // A plain KafkaConsumer with our deserializer surfaces it as Kafka's
    // RecordDeserializationException.
    try (KafkaConsumer<String, CaseEvent> consumer =
        new KafkaConsumer<>(consumerConfig(SpecificAvroDeserializer.class))) {
      TopicPartition tp = new TopicPartition(MALFORMED_TOPIC, 0);
      consumer.assign(List.of(tp));
      consumer.seek(tp, first);
      RecordDeserializationException e =
          catchThrowableOfType(
              RecordDeserializationException.class,
              () ->
                  await()
                      .atMost(Duration.ofSeconds(30))
                      .until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty()));
      assertThat(e.offset()).isEqualTo(first);
      assertThat(e.getCause())
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("magic byte");
    }
  }

  @Test
  void anUnknownUnionBranchFailsToDeserializeInsteadOfBeingMisread() throws Exception {
    // A newer writer: CaseEvent with one more payload record at the end of the union.
    Schema future = caseEventWithExtraBranch();
    String subject = "case-events-future-it-" + UUID.randomUUID() + "-value";
    int futureId = registry.registerRaw(subject, future.toString());

    List<Schema> branches = future.getField("payload").schema().getTypes();
    Schema escalated = branches.get(branches.size() - 1);
    assertThat(escalated.getFullName()).isEqualTo("vn.onestop.schema.Escalated");
    GenericRecord unknownPayload = new GenericData.Record(escalated);
    unknownPayload.put("level", 2);
    unknownPayload.put("note", TestRecords.VIETNAMESE);
    GenericRecord unknown = envelope(future, unknownPayload);

    // The same newer writer with a branch this reader knows (Rated): must still read fine.
    Schema rated = future.getField("payload").schema().getTypes().get(11);
    GenericRecord ratedPayload = new GenericData.Record(rated);
    ratedPayload.put("score", 5);
    ratedPayload.put("comment", "Rất hài lòng");
    GenericRecord known = envelope(future, ratedPayload);

    long first = produceRaw(MALFORMED_TOPIC, wire(futureId, future, unknown));
    produceRaw(MALFORMED_TOPIC, wire(futureId, future, known));
    List<ConsumerRecord<String, byte[]>> raw =
        consume(consumerConfig(ByteArrayDeserializer.class), MALFORMED_TOPIC, first, 2);
    SpecificAvroDeserializer<CaseEvent> deserializer =
        new SpecificAvroDeserializer<>(
            new SchemaRegistryClient(stack.schemaRegistryUrl()), CaseEvent.class);

    SerializationException e =
        catchThrowableOfType(
            SerializationException.class,
            () -> deserializer.deserialize(MALFORMED_TOPIC, raw.get(0).value()));
    assertThat(e.getMessage())
        .contains(MALFORMED_TOPIC)
        .contains("schema id " + futureId)
        .contains(CaseEvent.class.getName())
        .contains("CaseEvent.payload = vn.onestop.schema.Escalated");

    CaseEvent read = deserializer.deserialize(MALFORMED_TOPIC, raw.get(1).value());
    assertThat(read.getEventId()).isEqualTo(known.get("eventId").toString());
    assertThat(read.getPayload()).isInstanceOf(vn.onestop.schema.Rated.class);
    assertThat(((vn.onestop.schema.Rated) read.getPayload()).getComment())
        .isEqualTo("Rất hài lòng");
  }

  /** CaseEvent's schema with a record {@code Escalated} appended to the payload union. */
  private static Schema caseEventWithExtraBranch() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(CaseEvent.getClassSchema().toString());
    for (com.fasterxml.jackson.databind.JsonNode field : root.withArray("fields")) {
      if (field.path("name").asText().equals("payload")) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) field.get("type"))
            .add(
                json.readTree(
                    "{\"type\":\"record\",\"name\":\"Escalated\",\"doc\":\"test-only future branch\",\"fields\":["
                        + "{\"name\":\"level\",\"type\":\"int\"},{\"name\":\"note\",\"type\":\"string\"}]}"));
      }
    }
    return new Schema.Parser().parse(json.writeValueAsString(root));
  }

  private static GenericRecord envelope(Schema schema, GenericRecord payload) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("eventId", UUID.randomUUID().toString());
    r.put("caseId", TestRecords.newCaseId());
    r.put("occurredAt", 1_772_415_000_123L);
    r.put("recordedAt", 1_772_415_000_580L);
    r.put("sourceSystem", "future-writer");
    r.put("actor", null);
    r.put("payload", payload);
    return r;
  }

  /** The Confluent wire format, built by hand (independent of the serializer under test). */
  private static byte[] wire(int schemaId, Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, enc);
    enc.flush();
    return out.toByteArray();
  }

  private long produceRaw(String topic, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig(ByteArraySerializer.class))) {
      return producer.send(new ProducerRecord<>(topic, "raw", value)).get().offset();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
