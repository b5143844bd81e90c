package vn.onestop.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.registry.SchemaRegistryException;

/**
 * Kafka serializer for Avro specific records in the Confluent wire format: magic byte {@code 0},
 * the 4-byte big-endian schema id, then the Avro binary encoding.
 *
 * <p>The subject follows TopicNameStrategy: {@code <topic>-value} (or {@code <topic>-key}). With
 * {@code auto.register.schemas=true} (default) a missing schema is registered; otherwise it must
 * already be registered. Registry errors surface as {@link SerializationException} whose cause is
 * the {@link SchemaRegistryException} naming the subject. {@code null} serializes to {@code null}
 * (tombstones).
 *
 * <p>With a {@link RecordCoder}, records of the coder's schema are encoded by it (the same bytes as
 * Avro's datum writer, faster); any other record by Avro's {@code SpecificDatumWriter}.
 *
 * <p>Thread-safe: one instance may serve every stream thread (a store's serde is shared by its
 * tasks). Each thread reuses its own output buffer and buffered encoder (a {@link ThreadLocal}), so
 * a record costs one encode into a warm buffer and one copy out, with no state shared between
 * threads.
 *
 * @param <T> the generated record class
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  static final byte MAGIC_BYTE = 0;

  private SchemaRegistryClient registry;
  private boolean autoRegister = true;
  private boolean isKey;
  private RecordCoder<T> coder;

  /** One writer per record class: built from the class's own model, so no class lookup by name. */
  private final Map<Class<?>, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

  /** A buffer this big after a record is dropped rather than kept for the thread. */
  private static final int MAX_KEPT_BUFFER = 1 << 20;

  /** Per-thread reusable output: the buffer and the encoder writing into it. */
  private static final class Buffers {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    BinaryEncoder encoder;
  }

  private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);

  /** For Kafka's reflective construction; {@link #configure} must be called. */
  public SpecificAvroSerializer() {}

  /**
   * @param registry client shared by serdes (keeps one id cache)
   * @param autoRegister whether to register a missing schema
   */
  public SpecificAvroSerializer(SchemaRegistryClient registry, boolean autoRegister) {
    this(registry, autoRegister, null);
  }

  /**
   * @param registry client shared by serdes (keeps one id cache)
   * @param autoRegister whether to register a missing schema
   * @param coder hand-written coder for records of its schema ({@link RecordCoder}), or null to
   *     encode every record with Avro's {@code SpecificDatumWriter}
   */
  public SpecificAvroSerializer(
      SchemaRegistryClient registry, boolean autoRegister, RecordCoder<T> coder) {
    this.registry = registry;
    this.autoRegister = autoRegister;
    this.coder = coder;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    if (registry == null) {
      registry = SpecificAvroSerde.clientFrom(configs);
    }
    Object auto = configs.get(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
    if (auto != null) {
      autoRegister = Boolean.parseBoolean(auto.toString());
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException(
          "SpecificAvroSerializer is not configured: " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }
    Schema schema = record.getSchema();
    String subject = topic + (isKey ? "-key" : "-value");
    int id;
    try {
      id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "cannot get a schema id for subject " + subject + ": " + e.getMessage(), e);
    }
    Buffers b = buffers.get();
    try {
      ByteArrayOutputStream out = b.out;
      out.reset();
      out.write(MAGIC_BYTE);
      out.write(id >>> 24);
      out.write(id >>> 16);
      out.write(id >>> 8);
      out.write(id);
      // configure() resets the reused encoder's buffer, also after a failed write
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, b.encoder);
      b.encoder = encoder;
      if (coder != null && schema == coder.schema()) {
        coder.encode(record, encoder);
      } else {
        writers
            .computeIfAbsent(
                record.getClass(),
                c -> {
                  TrustedAvroClasses.trust(c);
                  return new SpecificDatumWriter<>(schema, SpecificData.getForClass(c));
                })
            .write(record, encoder);
      }
      encoder.flush();
      byte[] bytes = out.toByteArray();
      if (out.size() > MAX_KEPT_BUFFER) {
        b.out = new ByteArrayOutputStream(512);
        b.encoder = null;
      }
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode " + schema.getFullName() + " for subject " + subject + ": " + e, e);
    }
  }
}
