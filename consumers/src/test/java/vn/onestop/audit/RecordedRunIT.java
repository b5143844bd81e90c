package vn.onestop.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.report.KpiReconciliation;
import vn.onestop.report.KpiReport;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.Acknowledged;
import vn.onestop.schema.CaseAcknowledgement;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Snoozed;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Topic;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitHead;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.testkit.ContractProducers;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.kpi.KpiAggregator;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaTopics;

/**
 * A recorded run on the real broker and registry: case events and daily clock ticks
 * (January–February 2026) are written to private topics, the real SLA engine (Kafka Streams,
 * exactly_once_v2) derives the alerts, then the audit commands run against that record.
 */
@WithKafkaStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordedRunIT {
  static {
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
  }

  private static final int PARTITIONS = 3;
  private KafkaStack stack;
  private SlaTopics topics;
  private String unitKpis;
  private PipelineSource source;
  private List<CaseAlert> recorded;
  @TempDir static Path tmp;

  static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  @BeforeAll
  void recordARun(KafkaStack stack) throws Exception {
    this.stack = stack;
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    topics = SlaTopics.DEFAULT.withPrefix(prefix);
    unitKpis = prefix + "unit-kpis";
    createTopics(Topics.CASE_EVENTS, PARTITIONS, topics.caseEvents());
    createTopics(Topics.CASE_ALERTS, PARTITIONS, topics.caseAlerts());
    createTopics(Topics.CASE_EVENTS_REJECTED, PARTITIONS, topics.rejected());
    createTopics(Topics.UNIT_KPIS, PARTITIONS, unitKpis);
    createTopics(Topics.ORG_UNITS, 1, topics.orgUnits());
    source =
        new PipelineSource(
            stack.bootstrapServers(),
            stack.schemaRegistryUrl(),
            topics.caseEvents(),
            topics.caseAlerts(),
            unitKpis,
            topics.orgUnits());

    try (KafkaProducer<String, OrgUnit> p = producer(Topics.ORG_UNITS)) {
      send(
          p,
          topics.orgUnits(),
          null,
          "HN",
          org("HN", "Thanh tra Thành phố", null, 0, "cb-hn"),
          local("2026-01-01T00:00"));
      send(
          p,
          topics.orgUnits(),
          null,
          "HK",
          org("HK", "UBND quận Hoàn Kiếm", "HN", 1, "cb-hk"),
          local("2026-01-01T00:00"));
      send(
          p,
          topics.orgUnits(),
          null,
          "HK-P1",
          org("HK-P1", "UBND phường Hàng Bạc", "HK", 2, "cb-p1"),
          local("2026-01-01T00:00"));
    }
    try (KafkaProducer<String, CaseEvent> p = producer(Topics.CASE_EVENTS)) {
      List<CaseEvent> events = new ArrayList<>();
      events.add(event("c1", "2026-01-05T09:00", submitted("HK-P1", Category.KHIEU_NAI, 1)));
      events.add(event("c2", "2026-01-05T10:00", submitted("HK-P1", Category.KHIEU_NAI, 1)));
      events.add(event("c3", "2026-01-06T08:30", submitted("HK", Category.PHAN_ANH, null)));
      events.add(event("c1", "2026-01-07T09:00", Accepted.newBuilder().build()));
      events.add(event("c2", "2026-01-07T10:00", Accepted.newBuilder().build()));
      events.add(
          event(
              "c1",
              "2026-01-20T15:00",
              Resolved.newBuilder().setOutcome(Outcome.ANSWERED).build()));
      events.add(event("c1", "2026-01-21T09:00", Rated.newBuilder().setScore(4).build()));
      events.sort(java.util.Comparator.comparing(CaseEvent::getOccurredAt));
      // Daily ticks on every partition, merged in time order with the events.
      Instant t = local("2026-01-05T00:00");
      int i = 0;
      while (!t.isAfter(local("2026-02-28T00:00"))) {
        while (i < events.size() && events.get(i).getOccurredAt().isBefore(t)) {
          CaseEvent e = events.get(i++);
          send(p, topics.caseEvents(), null, e.getCaseId().toString(), e, e.getOccurredAt());
        }
        for (int part = 0; part < PARTITIONS; part++) {
          CaseEvent tick = TestRecords.tick(t, part, "it");
          send(p, topics.caseEvents(), part, Topics.CLOCK_KEY, tick, t);
        }
        t = t.plus(Duration.ofHours(6));
      }
    }

    SlaEngineConfig config =
        SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
            .applicationId(topics.caseEvents() + "-engine")
            .stateDir(tmp.resolve("engine"))
            .topics(topics)
            .build();
    try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults())) {
      engine.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> consumedAll(config.applicationId(), topics.caseEvents()));
      // The engine publishes January (units HK and HK-P1) once every case task has passed 01/02
      // 00:00.
      await().atMost(Duration.ofSeconds(60)).until(() -> committedRecords(unitKpis) >= 2);
    }
    recorded = new ArrayList<>();
    TopicScan.scan(
        stack.bootstrapServers(),
        topics.caseAlerts(),
        Topics.CASE_ALERTS
            .valueSerde(new SchemaRegistryClient(stack.schemaRegistryUrl()), false)
            .deserializer(),
        r -> recorded.add(r.value()));
    assertThat(recorded)
        .as("the engine derived warnings, breaches and escalations")
        .hasSizeGreaterThan(5);
  }

  @AfterAll
  void deleteTopics() throws Exception {
    try (Admin admin = admin()) {
      admin
          .deleteTopics(
              List.of(
                  topics.caseEvents(),
                  topics.caseAlerts(),
                  topics.rejected(),
                  topics.orgUnits(),
                  unitKpis))
          .all()
          .get();
    }
  }

  @Test
  void replayOfTheRecordedRunHasNoDifference() {
    ReplayResult r =
        AuditReplay.run(source, PolicyBook.defaults(), PunctuationSettings.DEFAULT, null, null);
    String printed = print(r);
    assertThat(r.hasDifferences()).as(printed).isFalse();
    assertThat(r.exitCode()).isZero();
    assertThat(r.matches())
        .isEqualTo(recorded.stream().map(CaseAlert::getAlertId).distinct().count());
    assertThat(printed).contains(r.matches() + " match, 0 missing, 0 extra, 0 differing");
  }

  @Test
  void replayReportsExactlyARemovedAndAnAlteredAlert() throws Exception {
    CaseAlert removed = recorded.get(recorded.size() / 2);
    CaseAlert altered = recorded.get(0);
    String copy = topics.caseAlerts() + "-tampered";
    createTopics(Topics.CASE_ALERTS, PARTITIONS, copy);
    try (KafkaProducer<String, CaseAlert> p = producer(Topics.CASE_ALERTS)) {
      for (CaseAlert a : recorded) {
        if (a.getAlertId().equals(removed.getAlertId())) {
          continue;
        }
        CaseAlert v = a;
        if (a.getAlertId().equals(altered.getAlertId())) {
          v = CaseAlert.newBuilder(a).setRecipientUnitId("HN").build();
        }
        send(p, copy, null, v.getCaseId().toString(), v, v.getDecidedAt());
      }
    }
    ReplayResult r =
        AuditReplay.run(
            new PipelineSource(
                source.bootstrapServers(),
                source.schemaRegistryUrl(),
                source.caseEventsTopic(),
                copy,
                source.unitKpisTopic(),
                source.orgUnitsTopic()),
            PolicyBook.defaults(),
            PunctuationSettings.DEFAULT,
            null,
            null);
    print(r);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.missing()).extracting(CaseAlert::getAlertId).containsExactly(removed.getAlertId());
    assertThat(r.extra()).isEmpty();
    assertThat(r.differing()).hasSize(1);
    assertThat(r.differing().get(0).recorded().getAlertId()).isEqualTo(altered.getAlertId());
    assertThat(r.differing().get(0).fields()).containsExactly("recipientUnitId");
    assertThat(r.matches())
        .isEqualTo(recorded.stream().map(CaseAlert::getAlertId).distinct().count() - 2);
  }

  @Test
  void historyListsEventsAndAlertsInOrderInHanoiTime() {
    CaseHistory h = CaseHistory.load(source, "c2");
    assertThat(h.entries())
        .first()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("Submitted");
              assertThat(e.at()).isEqualTo(local("2026-01-05T10:00"));
            });
    assertThat(h.entries()).extracting(HistoryEntry::kind).contains("EVENT", "ALERT");
    assertThat(h.entries()).extracting(HistoryEntry::at).isSorted();
    assertThat(h.entries().stream().filter(e -> e.kind().equals("ALERT")).map(HistoryEntry::type))
        .contains("BREACH");
    String printed = print(h);
    assertThat(printed)
        .contains("2026-01-05 10:00:00  EVENT Submitted")
        .doesNotContain("Nguyễn")
        .doesNotContain("0912");
    assertThat(CaseHistory.load(source, "nope").found()).isFalse();
  }

  @Test
  void historyShowsTheCockpitsAcknowledgementsAndSnoozesAsAckLines() throws Exception {
    String acks = CaseHistory.acknowledgementsTopic(source.caseEventsTopic());
    assertThat(acks).endsWith("-case-acknowledgements").startsWith("it-");
    createTopics(Topics.CASE_ACKNOWLEDGEMENTS, PARTITIONS, acks);
    CaseAlert seen =
        recorded.stream().filter(a -> a.getCaseId().equals("c2")).findFirst().orElseThrow();
    Instant ackAt = local("2026-01-20T09:15");
    Instant snoozeAt = local("2026-01-20T09:20");
    try (KafkaProducer<String, CaseAcknowledgement> p = producer(Topics.CASE_ACKNOWLEDGEMENTS)) {
      send(
          p,
          acks,
          null,
          "c2",
          CaseAcknowledgement.newBuilder()
              .setAckId("ack-c2-1")
              .setCaseId("c2")
              .setUnitId("HK")
              .setActorId("cb-hk")
              .setActorRole("UNIT_HEAD")
              .setOccurredAt(ackAt)
              .setAction(
                  Acknowledged.newBuilder()
                      .setAlertId(seen.getAlertId())
                      .setAlertLevel(seen.getLevel())
                      .setAlertKind(seen.getKind().name())
                      .build())
              .build(),
          ackAt);
      send(
          p,
          acks,
          null,
          "c2",
          CaseAcknowledgement.newBuilder()
              .setAckId("ack-c2-2")
              .setCaseId("c2")
              .setUnitId("HK")
              .setActorId("cb-hk")
              .setActorRole("UNIT_HEAD")
              .setOccurredAt(snoozeAt)
              .setAction(
                  Snoozed.newBuilder()
                      .setUntil(local("2026-01-22T17:00"))
                      .setReason("Chờ ý kiến Sở Tư pháp")
                      .build())
              .build(),
          snoozeAt);
      // another case's acknowledgement must not appear in c2's history
      send(
          p,
          acks,
          null,
          "c1",
          CaseAcknowledgement.newBuilder()
              .setAckId("ack-c1-1")
              .setCaseId("c1")
              .setUnitId("HK")
              .setActorId("cb-hk")
              .setActorRole("UNIT_HEAD")
              .setOccurredAt(ackAt)
              .setAction(
                  Acknowledged.newBuilder()
                      .setAlertId("x")
                      .setAlertLevel(0)
                      .setAlertKind("WARNING")
                      .build())
              .build(),
          ackAt);
    }

    CaseHistory h = CaseHistory.load(source, "c2");
    List<HistoryEntry> ackLines = h.entries().stream().filter(e -> e.kind().equals("ACK")).toList();
    assertThat(ackLines).extracting(HistoryEntry::id).containsExactly("ack-c2-1", "ack-c2-2");
    assertThat(ackLines).extracting(HistoryEntry::type).containsExactly("ACKNOWLEDGED", "SNOOZED");
    assertThat(ackLines.get(0).fields())
        .containsEntry("actorId", "cb-hk")
        .containsEntry("actorRole", "UNIT_HEAD")
        .containsEntry("alertId", seen.getAlertId());
    assertThat(h.entries()).extracting(HistoryEntry::at).isSorted();
    assertThat(h.unreadable()).isZero();
    String printed = print(h);
    assertThat(printed)
        .contains("2026-01-20 09:15:00  ACK   ACKNOWLEDGED     ack-c2-1  actorId=cb-hk")
        .contains("2026-01-20 09:20:00  ACK   SNOOZED          ack-c2-2")
        .contains("untilAt=2026-01-22 17:00:00")
        .contains("reason=Chờ ý kiến Sở Tư pháp")
        .doesNotContain("ack-c1-1");
  }

  @Test
  void exportWritesThePeriodWithoutPersonalDataUnlessFlagged() throws Exception {
    Path jsonl = tmp.resolve("export.jsonl");
    AuditExport.Result r =
        AuditExport.toFile(
            source,
            local("2026-01-01T00:00"),
            local("2026-01-08T00:00"),
            ExportFormat.JSONL,
            false,
            jsonl);
    assertThat(r.events()).isEqualTo(5);
    List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
    assertThat(lines).hasSize((int) (r.events() + r.alerts()));
    assertThat(String.join("\n", lines))
        .doesNotContain("Nguyễn")
        .doesNotContain("0912")
        .doesNotContain("ClockTick");
    StringWriter csv = new StringWriter();
    AuditExport.write(
        source, local("2026-01-01T00:00"), local("2026-01-08T00:00"), ExportFormat.CSV, true, csv);
    assertThat(csv.toString())
        .startsWith("record,at,atLocal,caseId,id,type,unitId,details")
        .contains("2026-01-05 09:00:00")
        .contains("Nguyễn Văn Bình");
  }

  @Test
  void kpiReportReconcilesWithTheEventsAndNamesAnAlteredFigure() throws Exception {
    PipelineSource kpiSource = source;
    YearMonth jan = YearMonth.of(2026, 1);
    Map<String, UnitKpi> computed =
        KpiReconciliation.recompute(kpiSource, PolicyBook.defaults(), jan);
    assertThat(computed.get("HK-P1").getReceived()).isEqualTo(2);
    assertThat(computed.get("HK-P1").getResolved()).isEqualTo(1);
    assertThat(computed.get("HK-P1").getOverdueOpenAtMonthEnd())
        .as("c2 due 06/02: not overdue yet")
        .isZero();
    assertThat(computed.get("HK").getOverdueOpenAtMonthEnd()).as("c3 never accepted").isEqualTo(1);
    // What the engine itself published on unit-kpis during the recorded run (three case-events
    // partitions).
    KpiReport report = KpiReport.load(kpiSource, jan);
    assertThat(report.rows()).hasSize(computed.size());
    assertThat(KpiReconciliation.check(kpiSource, PolicyBook.defaults(), report).reconciled())
        .isTrue();
    List<Path> files = report.writeFiles(tmp.resolve("report"));
    assertThat(Files.readString(files.get(1))).contains("UBND phường Hàng Bạc").contains("<svg");

    UnitKpi wrong = UnitKpi.newBuilder(computed.get("HK-P1")).setResolvedOnTime(0).build();
    try (KafkaProducer<String, UnitKpi> p = producer(Topics.UNIT_KPIS)) {
      send(p, unitKpis, null, KpiAggregator.key(wrong), wrong, Instant.now());
    }
    KpiReconciliation check =
        KpiReconciliation.check(kpiSource, PolicyBook.defaults(), KpiReport.load(kpiSource, jan));
    assertThat(check.differences())
        .extracting(d -> d.unitId() + "." + d.field())
        .containsExactly("HK-P1.resolvedOnTime");
  }

  // --- helpers ---

  private static String print(Object result) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
    if (result instanceof ReplayResult r) {
      r.print(out);
    } else {
      ((CaseHistory) result).print(out);
    }
    String s = b.toString(StandardCharsets.UTF_8);
    System.out.println(s);
    return s;
  }

  private static Submitted submitted(String unit, Category category, Integer level) {
    return TestRecords.submitted(category, unit)
        .setComplaintLevel(level)
        .setDescription("Khiếu nại quyết định hành chính về đất đai")
        .setComplainant(TestRecords.complainant("Nguyễn Văn Bình", "0912345678"))
        .build();
  }

  private static CaseEvent event(String caseId, String localTime, Object payload) {
    Instant at = local(localTime);
    return TestRecords.envelope(caseId, at, payload)
        .setEventId(caseId + "-" + at.toEpochMilli())
        .setSourceSystem("it")
        .build();
  }

  private static OrgUnit org(String id, String name, String parent, int level, String head) {
    return TestRecords.unit(id, name, parent, level)
        .setHead(UnitHead.newBuilder().setOfficialId(head).setName("Thủ trưởng " + id).build())
        .build();
  }

  private <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> contract) {
    return ContractProducers.open(stack.bootstrapServers(), stack.schemaRegistryUrl(), contract);
  }

  private static <V> void send(
      KafkaProducer<String, V> p, String topic, Integer partition, String key, V value, Instant ts)
      throws Exception {
    ContractProducers.send(p, topic, partition, key, value, ts);
  }

  /**
   * With the product's settings: these records carry January 2026 timestamps (kept whatever the
   * date).
   */
  private void createTopics(vn.onestop.schema.Topic<?> contract, int partitions, String... names) {
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(
            () -> {
              vn.onestop.schema.TopicAdmin.create(
                  stack.bootstrapServers(), contract, partitions, (short) 1, names);
              return true;
            });
  }

  private Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    return Admin.create(p);
  }

  /**
   * @return number of committed records in a topic now
   */
  private long committedRecords(String topic) {
    long[] n = {0};
    TopicScan.scan(
        stack.bootstrapServers(),
        topic,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        r -> n[0]++);
    return n[0];
  }

  private boolean consumedAll(String group, String topic) throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (int i = 0; i < PARTITIONS; i++) {
        latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      var ends = admin.listOffsets(latest).all().get();
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        if (c == null || c.offset() < e.getValue().offset()) {
          return false;
        }
      }
      return true;
    }
  }
}
