package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import vn.onestop.sla.cases.RandomCaseStates;
import vn.onestop.sla.state.CaseState;

/**
 * {@link CaseStateCoder} against Avro itself: for case states generated from the schema ({@link
 * RandomCaseStates}: every field, nested record and union branch, null or not), the coder writes
 * exactly the bytes of Avro's {@code SpecificDatumWriter} and reads Avro's bytes into the record
 * Avro's {@code SpecificDatumReader} reads. The generator walks the schema, so a field added to
 * {@code CaseState.avsc} is generated too and makes these properties fail until the coder writes
 * it.
 */
class CaseStateCoderProperties {
  private static final Schema SCHEMA = CaseState.getClassSchema();
  private static final CaseStateCoder CODER = CaseStateCoder.unchecked();

  static {
    StateAvroTrust.install(); // Avro's reader and newRecord load the generated classes
  }

  @Property(tries = 500)
  void writesTheBytesOfAvrosDatumWriter(@ForAll("states") CaseState s) throws IOException {
    assertThat(coderBytes(s)).isEqualTo(avroBytes(s));
  }

  @Property(tries = 500)
  void readsAvrosBytesIntoTheRecordAvroReads(@ForAll("states") CaseState s) throws IOException {
    byte[] bytes = avroBytes(s);
    CaseState byAvro =
        new SpecificDatumReader<CaseState>(
                SCHEMA, SCHEMA, SpecificData.getForClass(CaseState.class))
            .read(null, DecoderFactory.get().binaryDecoder(bytes, null));

    CaseState byCoder = CODER.decode(DecoderFactory.get().binaryDecoder(bytes, null));

    assertThat(byCoder).isEqualTo(byAvro);
    // the engine appends to the decoded lists
    byCoder.getProcessedEventIds().add("e-new");
    byCoder.getEmittedAlertKeys().add("a-new");
  }

  @Example
  void isWrittenForTheSchemaOfTheGeneratedClass() {
    assertThat(CaseStateCoder.matchesCurrentSchema())
        .as(
            "CaseState.avsc changed: update CaseStateCoder, StateCopies and StateLayout.WRITTEN_FOR")
        .isTrue();
    assertThat(CaseStateCoder.forCurrentSchema()).containsSame(CODER);
  }

  @Example
  void truncatedOrMalformedBytesAreAnErrorNotARecord() throws IOException {
    CaseState s = RandomCaseStates.generate(new Random(7));
    byte[] bytes = avroBytes(s);
    byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> CODER.decode(DecoderFactory.get().binaryDecoder(cut, null)))
        .isInstanceOf(IOException.class);
    // field 2 is the status enum: index 100 (zig-zag 200 = 0xC8 0x01) does not exist
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    enc.writeString("c-1");
    enc.writeEnum(100);
    enc.flush();
    byte[] bad = out.toByteArray();
    assertThatThrownBy(() -> CODER.decode(DecoderFactory.get().binaryDecoder(bad, null)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("CaseState.status");
  }

  @Provide
  Arbitrary<CaseState> states() {
    return RandomCaseStates.arbitrary();
  }

  private static byte[] avroBytes(CaseState s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<CaseState>(SCHEMA, SpecificData.getForClass(CaseState.class))
        .write(s, enc);
    enc.flush();
    return out.toByteArray();
  }

  private static byte[] coderBytes(CaseState s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    CODER.encode(s, enc);
    enc.flush();
    return out.toByteArray();
  }
}
