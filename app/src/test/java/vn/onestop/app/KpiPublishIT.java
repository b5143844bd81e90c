package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.EmbeddedKafkaBroker;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Topic;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitHead;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.TopicSetup;

/**
 * {@code onestop kpi keygen}, {@code kpi publish} (December 2025, then January 2026) and {@code kpi
 * verify} on a real broker (its own, so the pipeline's default topic names are free; topics created
 * by {@link TopicSetup} with the product's retention settings, since the events are stamped in the
 * past) and the real registry. Three khiếu nại cases of UBND phường Hàng Bạc: c1 received
 * 05/01/2026, accepted 06/01, resolved 20/01 (due hết ngày 05/02: trước hạn); c2 received 05/01,
 * never accepted (acceptance due hết ngày 15/01: overdue open at 24:00 31/01); c3 received
 * 01/12/2025, accepted 08/12, resolved 09/01/2026 (due hết ngày 07/01: quá hạn). January: received
 * 2, trước hạn 1, quá hạn 1, overdue open 1, on-time rate 1 / (2 + 1) = 33.3 %.
 */
@WithKafkaStack
class KpiPublishIT {
  static {
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
  }

  @TempDir Path tmp;
  private String bootstrap;
  private String registryUrl;

  static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  @Test
  void publishThenVerifyOnARecordedLog(KafkaStack stack) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      bootstrap = broker.bootstrapServers();
      registryUrl = stack.schemaRegistryUrl();
      record();
      Path key = tmp.resolve("keys/kpi.jwk");
      Path site = tmp.resolve("site");
      CommandRun keygen = CommandRun.of(new String[] {"kpi", "keygen", "--out", key + ""});
      assertThat(keygen.status()).as(keygen.err()).isZero();
      assertThat(keygen.out()).contains("public key thumbprint");

      CommandRun dec = publish("2025-12", key, site);
      assertThat(dec.status()).as(dec.out() + dec.err()).isZero();
      assertThat(dec.out()).contains("first record of the chain");
      CommandRun jan = publish("2026-01", key, site);
      assertThat(jan.status()).as(jan.out() + jan.err()).isZero();
      assertThat(jan.out()).contains("linked to 2025-12");

      String csv = Files.readString(site.resolve("2026-01/scorecard.csv"), StandardCharsets.UTF_8);
      assertThat(csv.lines().filter(l -> l.startsWith("2026-01,HK-P1,")).findFirst().orElseThrow())
          .startsWith(
              "2026-01,HK-P1,UBND phường Hàng Bạc,hb-001,Trần Thị Bình,2,1,0,1,0,1,1,1,3,33.3,");
      assertThat(Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8))
          .contains("Đánh giá giải quyết đơn thư — tháng 01/2026", "Chưa xếp hạng (dưới 5 hồ sơ)");

      CommandRun ok = verify(site);
      assertThat(ok.status()).as(ok.out() + ok.err()).isZero();
      assertThat(ok.out())
          .contains("2 month(s) 2025-12..2026-01")
          .contains("every figure reconcile with case-events");

      // a published figure changed by hand: exit 1, naming the month and the figure
      Path json = site.resolve("2026-01/scorecard.json");
      String text = Files.readString(json, StandardCharsets.UTF_8);
      String changed = text.replace("\"resolvedLate\":1,", "\"resolvedLate\":0,");
      assertThat(changed).isNotEqualTo(text);
      Files.writeString(json, changed, StandardCharsets.UTF_8);
      CommandRun bad = verify(site);
      assertThat(bad.status()).isEqualTo(1);
      assertThat(bad.out())
          .contains("MISMATCH 2026-01: 2026-01/scorecard.json was changed after signing")
          .contains("units[HK-P1].resolvedLate: signed 1, in the file 0");
    }
  }

  private CommandRun publish(String month, Path key, Path site) {
    return CommandRun.of(
        new String[] {"kpi", "publish", "--month", month, "--out", site + "", "--key", key + ""},
        "--bootstrap-servers",
        bootstrap,
        "--schema-registry-url",
        registryUrl);
  }

  private CommandRun verify(Path site) {
    return CommandRun.of(
        new String[] {"kpi", "verify", site + ""},
        "--bootstrap-servers",
        bootstrap,
        "--schema-registry-url",
        registryUrl);
  }

  private void record() throws Exception {
    SlaTopics topics = SlaTopics.DEFAULT;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicSetup.createAll(admin, topics, 3, (short) 1);
    }
    try (KafkaProducer<String, OrgUnit> p = producer(Topics.ORG_UNITS)) {
      for (OrgUnit u :
          List.of(
              org("HK", "UBND quận Hoàn Kiếm", null, 0, "hk-001", "Nguyễn Văn An"),
              org("HK-P1", "UBND phường Hàng Bạc", "HK", 1, "hb-001", "Trần Thị Bình"))) {
        p.send(
                new ProducerRecord<>(
                    topics.orgUnits(),
                    null,
                    local("2025-11-01T00:00").toEpochMilli(),
                    OrgUnitKeys.key(u),
                    u))
            .get();
      }
    }
    List<CaseEvent> events =
        List.of(
            event("c3", "2025-12-01T09:00", submitted()),
            event("c3", "2025-12-08T09:00", Accepted.newBuilder().build()),
            event("c1", "2026-01-05T09:00", submitted()),
            event("c2", "2026-01-05T10:00", submitted()),
            event("c1", "2026-01-06T09:00", Accepted.newBuilder().build()),
            event("c3", "2026-01-09T10:00", resolved()),
            event("c1", "2026-01-20T10:00", resolved()));
    try (KafkaProducer<String, CaseEvent> p = producer(Topics.CASE_EVENTS)) {
      for (CaseEvent e : events) {
        p.send(
                new ProducerRecord<>(
                    topics.caseEvents(),
                    null,
                    e.getOccurredAt().toEpochMilli(),
                    e.getCaseId().toString(),
                    e))
            .get();
      }
    }
  }

  private static vn.onestop.schema.Submitted submitted() {
    return TestRecords.submitted(Category.KHIEU_NAI, "HK-P1")
        .setDescription("Khiếu nại quyết định thu hồi đất")
        .build();
  }

  private static Resolved resolved() {
    return Resolved.newBuilder().setOutcome(Outcome.ANSWERED).build();
  }

  private static CaseEvent event(String caseId, String localTime, Object payload) {
    Instant at = local(localTime);
    return TestRecords.envelope(caseId, at, payload)
        .setEventId(caseId + "-" + at.toEpochMilli())
        .setSourceSystem("it")
        .build();
  }

  private static OrgUnit org(
      String id, String name, String parent, int level, String headId, String headName) {
    return TestRecords.unit(id, name, parent, level)
        .setHead(UnitHead.newBuilder().setOfficialId(headId).setName(headName).build())
        .setCalendarId(Calendars.CIVIL_SERVICE)
        .build();
  }

  private <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> contract) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(
        p,
        new StringSerializer(),
        contract.valueSerde(new SchemaRegistryClient(registryUrl), true).serializer());
  }
}
