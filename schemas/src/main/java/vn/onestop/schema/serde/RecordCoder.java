package vn.onestop.schema.serde;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * A hand-written Avro binary coder for one generated class and one exact schema: the role of Avro's
 * own custom coders ({@code SpecificRecordBase.customEncode/customDecode}), which the Avro compiler
 * does not generate for a schema that uses logical types. Used by {@link SpecificAvroSerializer}
 * for every record of {@link #schema()} and by {@link SpecificAvroDeserializer} for records whose
 * writer schema has the same Parsing Canonical Form (the same binary layout); any other writer
 * schema is read by Avro's resolving reader as before.
 *
 * <p>Contract: {@link #encode} writes exactly the bytes Avro's {@code SpecificDatumWriter} writes
 * for {@link #schema()}, and {@link #decode} reads them into a record equal to what Avro's {@code
 * SpecificDatumReader} reads. An implementation proves it with a property test against Avro itself.
 *
 * @param <T> the generated record class
 */
public interface RecordCoder<T extends SpecificRecord> {

  /**
   * @return the schema whose binary encoding this coder writes and reads, byte for byte (the
   *     generated class's own schema)
   */
  Schema schema();

  /**
   * Writes one record in the Avro binary encoding of {@link #schema()} (no wire-format header).
   *
   * @param record the record (not null)
   * @param out the encoder
   * @throws IOException if the encoder fails
   * @throws NullPointerException if a field the schema does not allow to be null is null
   */
  void encode(T record, Encoder out) throws IOException;

  /**
   * Reads one record written in the Avro binary encoding of {@link #schema()}.
   *
   * @param in the decoder, positioned at the record
   * @return a new record
   * @throws IOException if the bytes are truncated or malformed (e.g. an enum or union index out of
   *     range)
   */
  T decode(Decoder in) throws IOException;
}
