package vn.onestop.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseEvent;

/** Why the guard exists (Avro's structural branch match) and what it refuses and lets through. */
class UnknownBranchGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema READER = CaseEvent.getClassSchema();
  private static final String ESCALATED =
      "{\"type\":\"record\",\"name\":\"Escalated\",\"fields\":["
          + "{\"name\":\"level\",\"type\":\"int\"},{\"name\":\"note\",\"type\":\"string\"}]}";

  @BeforeAll
  static void trust() {
    TrustedAvroClasses.trust(CaseEvent.class);
  }

  /** CaseEvent with {@code Escalated} appended to the payload union, or as a new optional field. */
  private static Schema newerWriter(boolean asBranch) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(READER.toString());
    ArrayNode fields = root.withArray("fields");
    if (asBranch) {
      fields.forEach(
          f -> {
            if (f.path("name").asText().equals("payload")) {
              try {
                ((ArrayNode) f.get("type")).add(JSON.readTree(ESCALATED));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            }
          });
    } else {
      fields.add(
          JSON.readTree(
              "{\"name\":\"extra\",\"type\":[\"null\"," + ESCALATED + "],\"default\":null}"));
    }
    return new Schema.Parser().parse(JSON.writeValueAsString(root));
  }

  private static byte[] write(Schema schema, GenericRecord payload, boolean asBranch)
      throws IOException {
    GenericRecord r = new GenericData.Record(schema);
    r.put("eventId", "e-1");
    r.put("caseId", "c-1");
    r.put("occurredAt", 1_772_415_000_123L);
    r.put("recordedAt", 1_772_415_000_580L);
    r.put("sourceSystem", "newer-writer");
    r.put("actor", null);
    r.put("payload", payload);
    if (!asBranch) {
      GenericRecord extra =
          new GenericData.Record(schema.getField("extra").schema().getTypes().get(1));
      extra.put("level", 3);
      extra.put("note", "x");
      r.put("extra", extra);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(r, enc);
    enc.flush();
    return out.toByteArray();
  }

  private static GenericRecord branch(Schema writer, String name) {
    return new GenericData.Record(
        writer.getField("payload").schema().getTypes().stream()
            .filter(t -> t.getName().equals(name))
            .findFirst()
            .orElseThrow());
  }

  @Test
  void plainAvroResolutionMisreadsAnUnknownBranchAsAcceptedWhichIsWhyTheGuardExists()
      throws IOException {
    Schema writer = newerWriter(true);
    GenericRecord escalated = branch(writer, "Escalated");
    escalated.put("level", 2);
    escalated.put("note", "n");
    byte[] bytes = write(writer, escalated, true);

    CaseEvent misread =
        new SpecificDatumReader<CaseEvent>(
                writer, READER, SpecificData.getForClass(CaseEvent.class))
            .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    assertThat(misread.getPayload()).isInstanceOf(Accepted.class);

    UnknownBranchGuard guard = new UnknownBranchGuard(writer, READER);
    assertThat(guard.needed()).isTrue();
    assertThatThrownBy(() -> guard.check(bytes, 0, bytes.length, "case-events", 21))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("case-events")
        .hasMessageContaining("schema id 21")
        .hasMessageContaining("CaseEvent.payload = vn.onestop.schema.Escalated");
  }

  @Test
  void knownBranchesOfANewerWriterPass() throws IOException {
    Schema writer = newerWriter(true);
    GenericRecord rated = branch(writer, "Rated");
    rated.put("score", 5);
    rated.put("comment", null);
    byte[] bytes = write(writer, rated, true);
    assertThatCode(
            () -> new UnknownBranchGuard(writer, READER).check(bytes, 0, bytes.length, "t", 1))
        .doesNotThrowAnyException();
  }

  @Test
  void anUnknownRecordInAFieldTheReaderSkipsIsNotRefused() throws IOException {
    Schema writer = newerWriter(false);
    GenericRecord rated = branch(writer, "Rated");
    rated.put("score", 1);
    rated.put("comment", "ok");
    byte[] bytes = write(writer, rated, false);

    UnknownBranchGuard guard = new UnknownBranchGuard(writer, READER);
    assertThat(guard.needed()).as("conservative pre-check").isTrue();
    assertThatCode(() -> guard.check(bytes, 0, bytes.length, "t", 1)).doesNotThrowAnyException();
  }

  @Test
  void theSameSchemaNeedsNoCheck() {
    assertThat(new UnknownBranchGuard(READER, READER).needed()).isFalse();
  }
}
