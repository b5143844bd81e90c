package vn.onestop.schema.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.registry.SchemaRegistryException;

/**
 * Kafka deserializer for the Confluent wire format into a generated Avro class: the writer schema
 * is fetched by the id in the record (cached), then resolved against the reader class's schema, so
 * records written with an older or newer compatible schema read as the class the caller asked for
 * (never as a generic record).
 *
 * <p>Errors throw {@link SerializationException} with a clear message: a wrong magic byte, a record
 * shorter than 5 bytes, an unknown schema id (cause {@link
 * SchemaRegistryException.UnknownSchemaId}), an unreachable registry, or data that does not resolve
 * to the reader schema. A record that takes a union branch this reader does not know (e.g. a
 * payload type added by a newer writer) is refused rather than read as another branch that Avro's
 * resolution would pick by structure (see {@link UnknownBranchGuard}). {@code null} bytes give
 * {@code null}.
 *
 * <p>With a {@link RecordCoder}, a record whose writer schema has the coder schema's Parsing
 * Canonical Form (the same binary layout) is read by the coder; records of any other writer schema
 * (older or newer versions) go through Avro's resolving reader.
 *
 * <p>Thread-safe: one instance may serve every stream thread; each thread reuses its own binary
 * decoder (a {@link ThreadLocal}), nothing mutable is shared between threads.
 *
 * @param <T> the generated record class
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private SchemaRegistryClient registry;
  private Class<T> type;
  private Schema readerSchema;
  private final Map<Integer, Reader<T>> readers = new ConcurrentHashMap<>();

  /** Each thread's reusable decoder (re-pointed at every record's bytes). */
  private final ThreadLocal<BinaryDecoder[]> decoders =
      ThreadLocal.withInitial(() -> new BinaryDecoder[1]);

  /** How records of one writer schema id are read. */
  private record Reader<T>(
      SpecificDatumReader<T> datumReader, UnknownBranchGuard guard, boolean coded) {}

  private RecordCoder<T> coder;
  private long coderFingerprint;

  /** For Kafka's reflective construction; {@link #configure} must name the type. */
  public SpecificAvroDeserializer() {}

  /**
   * @param registry client shared by serdes
   * @param type generated class to read into
   */
  public SpecificAvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
    this(registry, type, null);
  }

  /**
   * @param registry client shared by serdes
   * @param type generated class to read into
   * @param coder hand-written coder ({@link RecordCoder}) for records whose writer schema has the
   *     Parsing Canonical Form of the coder's schema, or null to read every record with Avro's
   *     resolving reader
   */
  public SpecificAvroDeserializer(
      SchemaRegistryClient registry, Class<T> type, RecordCoder<T> coder) {
    this.registry = registry;
    setType(type);
    this.coder = coder;
    if (coder != null) {
      this.coderFingerprint = SchemaNormalization.parsingFingerprint64(coder.schema());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (registry == null) {
      registry = SpecificAvroSerde.clientFrom(configs);
    }
    if (type == null) {
      Object name = configs.get(AvroSerdeConfig.SPECIFIC_VALUE_TYPE);
      if (name == null) {
        throw new IllegalArgumentException("missing config " + AvroSerdeConfig.SPECIFIC_VALUE_TYPE);
      }
      try {
        setType((Class<T>) Class.forName(name.toString()));
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException(
            AvroSerdeConfig.SPECIFIC_VALUE_TYPE + ": no class " + name, e);
      }
    }
  }

  private void setType(Class<T> type) {
    if (!SpecificRecord.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          type.getName() + " is not a generated Avro record class (SpecificRecord)");
    }
    this.type = type;
    TrustedAvroClasses.trust(type);
    this.readerSchema = SpecificData.get().getSchema(type);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < 5) {
      throw new SerializationException(
          "record on topic "
              + topic
              + " is "
              + data.length
              + " bytes, too short for the schema-registry wire format (magic byte + 4-byte schema id)");
    }
    ByteBuffer buf = ByteBuffer.wrap(data);
    byte magic = buf.get();
    if (magic != SpecificAvroSerializer.MAGIC_BYTE) {
      throw new SerializationException(
          "record on topic "
              + topic
              + " starts with byte "
              + magic
              + ", not the schema-registry magic byte 0");
    }
    int id = buf.getInt();
    try {
      Reader<T> reader =
          readers.computeIfAbsent(
              id,
              i -> {
                Schema writer = registry.getById(i);
                // the same canonical form = the same binary layout, field by field
                boolean coded =
                    coder != null
                        && SchemaNormalization.parsingFingerprint64(writer) == coderFingerprint;
                return new Reader<>(
                    new SpecificDatumReader<>(writer, readerSchema, SpecificData.getForClass(type)),
                    new UnknownBranchGuard(writer, readerSchema),
                    coded);
              });
      if (reader.guard().needed()) {
        reader.guard().check(data, 5, data.length - 5, topic, id);
      }
      BinaryDecoder[] reuse = decoders.get();
      BinaryDecoder decoder =
          DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, reuse[0]);
      reuse[0] = decoder;
      return reader.coded() ? coder.decode(decoder) : reader.datumReader().read(null, decoder);
    } catch (SerializationException e) {
      throw e;
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "cannot read record on topic " + topic + " (schema id " + id + "): " + e.getMessage(), e);
    } catch (Exception e) {
      throw new SerializationException(
          "cannot decode record on topic "
              + topic
              + " (schema id "
              + id
              + ") as "
              + type.getName()
              + ": "
              + e,
          e);
    }
  }
}
