package vn.onestop.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.testkit.TestRecords;

/**
 * Interop with an independent implementation: Confluent's official JavaScript client
 * {@code @confluentinc/schemaregistry} (src/test/js/interop.mjs, run with node) decodes bytes our
 * serializer wrote, and our deserializer decodes bytes its serializer wrote, against the same real
 * registry. Records cross the process boundary in the Avro JSON encoding (Avro's Java {@link
 * JsonEncoder}/{@link JsonDecoder} on this side, avsc's {@code toString}/{@code fromString} on the
 * other), so equality is checked on whole CaseEvents.
 */
@WithKafkaStack
class JsInteropIT {
  private static final String TOPIC = Topics.CASE_EVENTS.name();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static KafkaStack stack;
  private static NodeInterop node;
  private static SchemaRegistryClient registry;
  private static int caseEventId;

  @BeforeAll
  static void setUp() {
    node = NodeInterop.prepare();
    registry = new SchemaRegistryClient(stack.schemaRegistryUrl());
    caseEventId = Topics.registerAll(registry).get(Topics.CASE_EVENTS.valueSubject());
  }

  /** Our serializer, with auto-registration off as in production after registerAll. */
  private static SpecificAvroSerializer<CaseEvent> serializer() {
    return new SpecificAvroSerializer<>(registry, false);
  }

  @Test
  void javascriptDecodesWhatOurSerializerWrote() throws IOException {
    List<CaseEvent> events = TestRecords.everyPayloadType(TestRecords.newCaseId());
    List<String> inputs = new ArrayList<>();
    for (CaseEvent e : events) {
      inputs.add(Base64.getEncoder().encodeToString(serializer().serialize(TOPIC, e)));
    }

    List<String> decoded = node.run(stack.schemaRegistryUrl(), TOPIC, "decode", inputs);

    for (int i = 0; i < events.size(); i++) {
      JsonNode out = JSON.readTree(decoded.get(i));
      assertThat(out.path("schemaId").asInt()).isEqualTo(caseEventId);
      CaseEvent back = fromAvroJson(out.path("avroJson").asText());
      assertThat(back)
          .as("JS view of %s", events.get(i).getPayload().getClass().getSimpleName())
          .isEqualTo(events.get(i));
    }

    // What the JS application itself sees (avsc's default representation).
    JsonNode submitted = JSON.readTree(decoded.get(0)).path("native");
    CaseEvent first = events.get(0);
    assertThat(submitted.path("occurredAt").isNumber())
        .as("timestamp-millis is a plain number in JS")
        .isTrue();
    assertThat(submitted.path("occurredAt").asLong())
        .isEqualTo(first.getOccurredAt().toEpochMilli());
    assertThat(submitted.path("actor").path("role").asText())
        .as("[null, Actor] is unwrapped")
        .isEqualTo("CASE_OFFICER");
    JsonNode payload = submitted.path("payload").path("vn.onestop.schema.Submitted");
    assertThat(payload.isObject())
        .as("the payload union is wrapped by its full name: " + submitted)
        .isTrue();
    assertThat(payload.path("description").asText().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(TestRecords.VIETNAMESE.getBytes(StandardCharsets.UTF_8));
    assertThat(payload.path("sourceDueAt").asLong())
        .isEqualTo(
            ((vn.onestop.schema.Submitted) first.getPayload()).getSourceDueAt().toEpochMilli());
  }

  @Test
  void ourDeserializerDecodesWhatJavascriptWrote() throws IOException {
    List<CaseEvent> events = TestRecords.everyPayloadType(TestRecords.newCaseId());
    List<String> inputs = new ArrayList<>();
    for (CaseEvent e : events) {
      inputs.add(toAvroJson(e));
    }

    List<String> encoded = node.run(stack.schemaRegistryUrl(), TOPIC, "encode", inputs);

    SpecificAvroDeserializer<CaseEvent> deserializer =
        new SpecificAvroDeserializer<>(
            new SchemaRegistryClient(stack.schemaRegistryUrl()), CaseEvent.class);
    for (int i = 0; i < events.size(); i++) {
      byte[] jsBytes = Base64.getDecoder().decode(encoded.get(i));
      assertThat(jsBytes[0]).as("magic byte").isZero();
      CaseEvent back = deserializer.deserialize(TOPIC, jsBytes);
      assertThat(back)
          .as("JS-written %s", events.get(i).getPayload().getClass().getSimpleName())
          .isEqualTo(events.get(i));
      assertThat(jsBytes)
          .as("same bytes as our serializer")
          .isEqualTo(serializer().serialize(TOPIC, events.get(i)));
    }
    vn.onestop.schema.Submitted s =
        (vn.onestop.schema.Submitted)
            deserializer
                .deserialize(TOPIC, Base64.getDecoder().decode(encoded.get(0)))
                .getPayload();
    assertThat(s.getDescription().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(TestRecords.VIETNAMESE.getBytes(StandardCharsets.UTF_8));
  }

  /** The Avro JSON encoding of an event, on one line. */
  private static String toAvroJson(CaseEvent event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonEncoder encoder = EncoderFactory.get().jsonEncoder(CaseEvent.getClassSchema(), out);
    new SpecificDatumWriter<CaseEvent>(CaseEvent.class).write(event, encoder);
    encoder.flush();
    return JSON.writeValueAsString(JSON.readTree(out.toString(StandardCharsets.UTF_8)));
  }

  private static CaseEvent fromAvroJson(String json) throws IOException {
    JsonDecoder decoder = DecoderFactory.get().jsonDecoder(CaseEvent.getClassSchema(), json);
    return new SpecificDatumReader<>(CaseEvent.class).read(null, decoder);
  }
}
