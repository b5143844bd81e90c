package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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
 * {@code onestop audit what-if} on a real broker (its own; topics created by {@link TopicSetup}
 * with the product's retention settings, since the events are stamped in the past) and the real
 * registry, over the log of {@code KpiPublishIT} (UBND phường Hàng Bạc: c1 received 05/01/2026,
 * accepted 06/01, resolved 20/01; c2 never accepted; c3 received 01/12/2025, accepted 08/12,
 * resolved 09/01/2026). Draft: khiếu nại lần đầu resolution of a normal case 30 → 10 calendar days.
 * c1's due becomes 06/01 + 10 = hết ngày 16/01 (Friday): resolved 20/01, trước hạn becomes quá hạn,
 * with a breach at 24:00 16/01; January resolvedOnTime 1 → 0. Nothing is written to any topic.
 */
@WithKafkaStack
class AuditWhatIfIT {
  static {
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
  }

  static final String THIRTY =
      "{ \"complexity\": [\"NORMAL\"], \"remoteArea\": false, \"period\": \"30 CALENDAR_DAYS\","
          + " \"legalBasis\": \"Luật Khiếu nại 2011, Điều 28 — không quá 30 ngày";

  @TempDir Path tmp;
  private String bootstrap;
  private String registryUrl;

  static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  @Test
  void aShorterResolutionPeriodShowsTheCasesItWouldHaveMadeLate(KafkaStack stack) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      bootstrap = broker.bootstrapServers();
      registryUrl = stack.schemaRegistryUrl();
      record();
      String text;
      try (var in =
          vn.onestop.sla.policy.PolicyBook.class
              .getClassLoader()
              .getResourceAsStream(vn.onestop.sla.policy.PolicyBook.DEFAULT_RESOURCE)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(text).contains(THIRTY);
      Path draft = tmp.resolve("draft.json");
      Files.writeString(
          draft,
          text.replaceFirst(
              java.util.regex.Pattern.quote(THIRTY),
              THIRTY.replace("30 CALENDAR_DAYS", "10 CALENDAR_DAYS")),
          StandardCharsets.UTF_8);
      Map<TopicPartition, Long> before = endOffsets();

      CommandRun r =
          CommandRun.of(
              new String[] {
                "audit",
                "what-if",
                "--policies",
                draft + "",
                "--from",
                "2026-01-01",
                "--to",
                "2026-02-01"
              },
              "--bootstrap-servers",
              bootstrap,
              "--schema-registry-url",
              registryUrl);
      assertThat(r.status()).as(r.out() + r.err()).isZero();
      assertThat(r.out())
          .contains("HK-P1 2026-01:")
          .contains("case c1")
          .contains("+ alert KN1-2011-RESOLUTION/breach level 1 at hết ngày 16/01/2026")
          .contains("RESOLUTION@10:00 20/01/2026=BEFORE_DUE] -> [")
          .contains("RESOLUTION@10:00 20/01/2026=LATE]")
          // c3's deadline moves from hết ngày 07/01 to 18/12 (08/12 + 10): its breach leaves
          // January
          .contains("case c3")
          .contains("- alert KN1-2011-RESOLUTION/breach level 1 at hết ngày 07/01/2026")
          .contains("KPI resolvedOnTime: 1 -> 0")
          .doesNotContain("case c2");
      // read only: no topic got a record
      assertThat(endOffsets()).isEqualTo(before);

      CommandRun badWindow =
          CommandRun.of(
              new String[] {
                "audit",
                "what-if",
                "--policies",
                draft + "",
                "--from",
                "2026-02-01",
                "--to",
                "2026-01-01"
              },
              "--bootstrap-servers",
              bootstrap,
              "--schema-registry-url",
              registryUrl);
      assertThat(badWindow.status()).isEqualTo(2);
      assertThat(badWindow.err()).contains("--to");
    }
  }

  private Map<TopicPartition, Long> endOffsets() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetSpec> q = new HashMap<>();
      for (var d :
          admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
        d.partitions()
            .forEach(p -> q.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
      }
      Map<TopicPartition, Long> out = new HashMap<>();
      admin.listOffsets(q).all().get().forEach((tp, i) -> out.put(tp, i.offset()));
      return out;
    }
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
