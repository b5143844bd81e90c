package vn.onestop.sla.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary of a generated class, with no registry and no wire-format header: for
 * TopologyTestDriver tests only (the integration tests use the real registry).
 */
final class PlainAvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final Schema schema;

  PlainAvroSerde(Class<T> type) {
    StateAvroTrust.install();
    this.schema = SpecificData.get().getSchema(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<T>(schema).write(value, enc);
        enc.flush();
        return out.toByteArray();
      } catch (IOException e) {
        throw new SerializationException(e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return new SpecificDatumReader<T>(schema)
            .read(null, DecoderFactory.get().binaryDecoder(data, null));
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("cannot decode " + schema.getName() + ": " + e, e);
      }
    };
  }

  /**
   * @return serdes for every topic and store of the SLA topology, in plain Avro
   */
  static SlaSerdes slaSerdes() {
    return new SlaSerdes(
        new PlainAvroSerde<>(vn.onestop.schema.CaseEvent.class).deserializer(),
        new PlainAvroSerde<>(vn.onestop.schema.OrgUnit.class),
        new PlainAvroSerde<>(vn.onestop.sla.state.CaseState.class),
        new PlainAvroSerde<>(vn.onestop.schema.CaseAlert.class).serializer(),
        new PlainAvroSerde<>(vn.onestop.schema.RejectedEvent.class).serializer(),
        new PlainAvroSerde<>(vn.onestop.sla.state.KpiFactRecord.class),
        new PlainAvroSerde<>(vn.onestop.schema.UnitKpi.class).serializer());
  }
}
