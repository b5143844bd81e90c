package vn.onestop.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.registry.SchemaRegistryException;
import vn.onestop.schema.registry.StubRegistry;
import vn.onestop.schema.testkit.TestRecords;

/** The wire format and the error paths of the serializer and deserializer (registry scripted). */
class SpecificAvroSerdeTest {
  private static final String TOPIC = "case-events";
  private static final String SCHEMA_ANSWER =
      "{\"schema\":"
          + new com.fasterxml.jackson.databind.ObjectMapper()
              .valueToTree(CaseEvent.getClassSchema().toString())
          + "}";

  private StubRegistry stub;
  private SchemaRegistryClient client;

  @BeforeEach
  void setUp() throws IOException {
    stub = new StubRegistry();
    client = new SchemaRegistryClient(stub.url());
  }

  @AfterEach
  void tearDown() {
    stub.close();
  }

  private static byte[] avroBinary(CaseEvent e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<CaseEvent>(CaseEvent.class).write(e, enc);
    enc.flush();
    return out.toByteArray();
  }

  @Test
  void serializedBytesAreMagicZeroBigEndianIdThenAvroBinary() throws IOException {
    stub.answer(
        "POST", "/subjects/case-events-value/versions", 200, "{\"id\":66051}"); // 0x00010203
    CaseEvent event = TestRecords.everyPayloadType(TestRecords.newCaseId()).get(0);

    byte[] bytes = new SpecificAvroSerializer<CaseEvent>(client, true).serialize(TOPIC, event);

    assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 0, 1, 2, 3);
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(avroBinary(event));
  }

  @Test
  void everyPayloadTypeRoundTripsThroughTheWireFormat() {
    stub.answer("POST", "/subjects/case-events-value/versions", 200, "{\"id\":8}");
    stub.answer("GET", "/schemas/ids/8", 200, SCHEMA_ANSWER);
    SpecificAvroSerializer<CaseEvent> serializer = new SpecificAvroSerializer<>(client, true);
    // A separate client, so the reader schema really comes from GET /schemas/ids/8.
    SpecificAvroDeserializer<CaseEvent> deserializer =
        new SpecificAvroDeserializer<>(new SchemaRegistryClient(stub.url()), CaseEvent.class);

    for (CaseEvent e : TestRecords.everyPayloadType(TestRecords.newCaseId())) {
      assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, e))).isEqualTo(e);
    }
  }

  @Test
  void oneInstanceSharedByThreadsGivesEachRecordItsOwnBytesAndValue() throws Exception {
    stub.answer("POST", "/subjects/case-events-value/versions", 200, "{\"id\":8}");
    stub.answer("GET", "/schemas/ids/8", 200, SCHEMA_ANSWER);
    SpecificAvroSerializer<CaseEvent> serializer = new SpecificAvroSerializer<>(client, true);
    SpecificAvroDeserializer<CaseEvent> deserializer =
        new SpecificAvroDeserializer<>(client, CaseEvent.class);
    java.util.List<CaseEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.addAll(TestRecords.everyPayloadType(TestRecords.newCaseId()));
    }
    // the bytes a fresh encoder writes, one record at a time
    java.util.List<byte[]> expected = new java.util.ArrayList<>();
    for (CaseEvent e : events) {
      expected.add(new SpecificAvroSerializer<CaseEvent>(client, true).serialize(TOPIC, e));
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        done.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  for (int round = 0; round < 200; round++) {
                    int i = (round + offset) % events.size();
                    byte[] bytes = serializer.serialize(TOPIC, events.get(i));
                    assertThat(bytes).isEqualTo(expected.get(i));
                    assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(events.get(i));
                    checked++;
                  }
                  return checked;
                }));
      }
      for (java.util.concurrent.Future<Integer> f : done) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void keysUseTheKeySubjectAndConfigsComeFromKafkaProperties() {
    stub.answer("POST", "/subjects/case-events-key/versions", 200, "{\"id\":4}");
    SpecificAvroSerializer<CaseEvent> serializer = new SpecificAvroSerializer<>();
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stub.url()), true);

    byte[] bytes =
        serializer.serialize(TOPIC, TestRecords.everyPayloadType(TestRecords.newCaseId()).get(2));
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(4);
  }

  @Test
  void withoutAutoRegistrationAMissingSchemaFailsNamingTheSubject() {
    SpecificAvroSerializer<CaseEvent> serializer = new SpecificAvroSerializer<>();
    serializer.configure(AvroSerdeConfig.of(stub.url(), false), false);

    SerializationException e =
        catchThrowableOfType(
            SerializationException.class,
            () -> serializer.serialize(TOPIC, TestRecords.everyPayloadType("c").get(1)));
    assertThat(e.getMessage()).contains("case-events-value").contains("auto-registration is off");
    assertThat(e.getCause()).isInstanceOf(SchemaRegistryException.NotFound.class);
    assertThat(stub.requests())
        .extracting(StubRegistry.Request::method, StubRegistry.Request::rawPath)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "POST", "/apis/ccompat/v7/subjects/case-events-value"));
  }

  @Test
  void nullsAreTombstonesBothWays() {
    assertThat(new SpecificAvroSerializer<CaseEvent>(client, true).serialize(TOPIC, null)).isNull();
    assertThat(new SpecificAvroDeserializer<>(client, CaseEvent.class).deserialize(TOPIC, null))
        .isNull();
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void anUnconfiguredSerdeSaysWhatIsMissing() {
    assertThatThrownBy(
            () ->
                new SpecificAvroSerializer<CaseEvent>()
                    .serialize(TOPIC, TestRecords.everyPayloadType("c").get(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    assertThatThrownBy(() -> new SpecificAvroSerializer<CaseEvent>().configure(Map.of(), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    assertThatThrownBy(
            () ->
                new SpecificAvroDeserializer<CaseEvent>()
                    .configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stub.url()), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(AvroSerdeConfig.SPECIFIC_VALUE_TYPE);
    assertThatThrownBy(
            () ->
                new SpecificAvroDeserializer<CaseEvent>()
                    .configure(
                        Map.of(
                            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                            stub.url(),
                            AvroSerdeConfig.SPECIFIC_VALUE_TYPE,
                            "vn.onestop.Nope"),
                        false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vn.onestop.Nope");
    assertThatThrownBy(
            () ->
                new SpecificAvroDeserializer<CaseEvent>()
                    .configure(
                        Map.of(
                            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                            stub.url(),
                            AvroSerdeConfig.SPECIFIC_VALUE_TYPE,
                            "java.lang.String"),
                        false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String is not a generated Avro");
  }

  @Test
  void malformedRecordsAreSerializationExceptionsWithoutCallingTheRegistry() {
    SpecificAvroDeserializer<CaseEvent> d = new SpecificAvroDeserializer<>(client, CaseEvent.class);

    assertThatThrownBy(() -> d.deserialize(TOPIC, new byte[] {0, 0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(TOPIC)
        .hasMessageContaining("4 bytes")
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> d.deserialize(TOPIC, new byte[0]))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("0 bytes");
    assertThatThrownBy(() -> d.deserialize(TOPIC, "{\"json\":1}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("starts with byte 123")
        .hasMessageContaining("magic byte 0");
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void anUnknownIdOrTruncatedBodyIsASerializationExceptionWithTheCause() throws IOException {
    stub.answer("GET", "/schemas/ids/8", 200, SCHEMA_ANSWER);
    SpecificAvroDeserializer<CaseEvent> d = new SpecificAvroDeserializer<>(client, CaseEvent.class);

    SerializationException unknown =
        catchThrowableOfType(
            SerializationException.class,
            () -> d.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 9, 2}));
    assertThat(unknown.getMessage()).contains("schema id 9");
    assertThat(unknown.getCause()).isInstanceOf(SchemaRegistryException.UnknownSchemaId.class);

    byte[] body = avroBinary(TestRecords.everyPayloadType("c").get(0));
    byte[] truncated = new byte[5 + body.length / 2];
    truncated[4] = 8;
    System.arraycopy(body, 0, truncated, 5, body.length / 2);
    SerializationException cut =
        catchThrowableOfType(SerializationException.class, () -> d.deserialize(TOPIC, truncated));
    assertThat(cut.getMessage()).contains("schema id 8").contains(CaseEvent.class.getName());
  }
}
