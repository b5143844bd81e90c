package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.registry.StubRegistry;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseClockKind;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.CaseStatus;
import vn.onestop.sla.state.KpiMark;
import vn.onestop.sla.state.NextDue;

/**
 * The case store's serde ({@link SlaSerdes#registry}) with {@link CaseStateCoder}: the same wire
 * bytes as Avro's writer, its own records read back equal, and a case written by an older version
 * of the schema (before {@code kpiMark} and {@code nextDue}) still read, by Avro's resolving
 * reader.
 */
class CaseStateSerdeTest {
  private static final String TOPIC = "sla-engine-case-store-changelog";
  private static final ObjectMapper JSON = new ObjectMapper();

  private StubRegistry stub;

  @BeforeEach
  void setUp() throws IOException {
    stub = new StubRegistry();
  }

  @AfterEach
  void tearDown() {
    stub.close();
  }

  private static String schemaAnswer(Schema s) {
    return "{\"schema\":" + JSON.valueToTree(s.toString()) + "}";
  }

  private static CaseState state() {
    Instant t = Instant.parse("2026-03-02T01:00:00Z");
    CaseState s = new CaseState();
    s.setCaseId("KN-2026-000123");
    s.setStatus(CaseStatus.ASSIGNED);
    s.setCategory("COMPLAINT");
    s.setComplaintLevel(1);
    s.setComplexity("NORMAL");
    s.setPolicyId("khieu-nai-lan-dau");
    s.setUnitId("Phường Bến Nghé");
    s.setOfficerId("can-bo-7");
    s.setSubmittedAt(t);
    s.setAcceptedAt(t.plusSeconds(3600));
    s.setClock(
        new ActiveClock(
            CaseClockKind.RESOLUTION,
            t,
            30,
            "DAYS",
            t.plusSeconds(40L * 86400),
            t,
            "vn-standard",
            "Luật Khiếu nại 2011, Điều 28",
            null,
            null,
            0,
            0));
    s.setProcessedEventIds(new ArrayList<>(List.of("e-1", "e-2")));
    s.setEmittedAlertKeys(new ArrayList<>(List.of("a-1")));
    s.setDecisions(new ArrayList<>());
    s.setLastEventAt(t.plusSeconds(7200));
    s.setPublicTitle("Khiếu nại về thủ tục đăng ký hộ tịch");
    s.setKpiMark(new KpiMark("Phường Bến Nghé", false));
    s.setNextDue(new NextDue(t.plusSeconds(30L * 86400), true));
    return s;
  }

  @Test
  void writesAvrosBytesAndReadsThemBack() {
    stub.answer("POST", "/subjects/" + TOPIC + "-value/versions", 200, "{\"id\":41}");
    stub.answer("GET", "/schemas/ids/41", 200, schemaAnswer(CaseState.getClassSchema()));
    SchemaRegistryClient client = new SchemaRegistryClient(stub.url());
    var coded = SlaSerdes.registry(client, true).caseStates();
    var plain = new SpecificAvroSerde<>(client, CaseState.class, true);
    CaseState s = state();

    byte[] bytes = coded.serializer().serialize(TOPIC, s);

    assertThat(bytes).isEqualTo(plain.serializer().serialize(TOPIC, s));
    assertThat(coded.deserializer().deserialize(TOPIC, bytes)).isEqualTo(s);
  }

  @Test
  void aCaseWrittenByAnOlderSchemaIsReadByAvrosResolvingReader() throws IOException {
    Schema current = CaseState.getClassSchema();
    Schema old =
        Schema.createRecord(
            current.getName(), current.getDoc(), current.getNamespace(), false, oldFields(current));
    stub.answer("GET", "/schemas/ids/40", 200, schemaAnswer(old));
    CaseState s = state();
    GenericRecord r = new GenericData.Record(old);
    for (Schema.Field f : old.getFields()) {
      r.put(f.name(), s.get(f.name()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, 0, 0, 0, 40});
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(
        new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
    new GenericDatumWriter<GenericRecord>(old, model).write(r, enc);
    enc.flush();

    CaseState read =
        SlaSerdes.registry(new SchemaRegistryClient(stub.url()), true)
            .caseStates()
            .deserializer()
            .deserialize(TOPIC, out.toByteArray());

    s.setKpiMark(null);
    s.setNextDue(null);
    assertThat(read).isEqualTo(s);
  }

  /** The fields of the schema before the KPI mark and the next due instant were added. */
  private static List<Schema.Field> oldFields(Schema current) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : current.getFields()) {
      if (!f.name().equals("kpiMark") && !f.name().equals("nextDue")) {
        fields.add(new Schema.Field(f, f.schema()));
      }
    }
    return fields;
  }
}
