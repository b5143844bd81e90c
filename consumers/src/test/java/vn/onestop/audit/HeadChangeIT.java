package vn.onestop.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.Topic;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitHead;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.testkit.ContractProducers;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaTopics;

/**
 * Heads replaced mid-period, on the real broker and registry: the ward, its district and the city
 * inspectorate each get a new head from 00:00 of Tue 20/01/2026 (Asia/Ho_Chi_Minh), written as a
 * second version (key {@code unitId|validFrom}) before the engine starts, so the engine knows the
 * successors from the first event on. The real SLA engine (exactly_once_v2) must address every
 * alert decided before the change to the old head and every later one to the new head, at each
 * level; the audit replay of that run, re-reading every version, derives the same alerts (0
 * differences).
 *
 * <p>Cases (imported service requests, due dates from the source): {@code early} due Mon 12/01
 * 17:00 — breach and level 2 before the change, level 3 after it; {@code late} due Mon 26/01 17:00
 * — breach, level 2 and level 3 after it; {@code edge} due exactly at the change.
 */
@WithKafkaStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadChangeIT {
  static {
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
  }

  private static final int PARTITIONS = 3;
  private static final Instant CHANGE = local("2026-01-20T00:00");

  /** Unit → {old head, new head}. */
  private static final Map<String, String[]> HEADS =
      Map.of(
          "HN", new String[] {"cb-hn-old", "cb-hn-new"},
          "HK", new String[] {"cb-hk-old", "cb-hk-new"},
          "HK-P1", new String[] {"cb-p1-old", "cb-p1-new"});

  /** Level → unit its head is addressed at (case unit HK-P1 under HK under HN). */
  private static final Map<Integer, String> UNIT_OF_LEVEL =
      Map.of(0, "HK-P1", 1, "HK-P1", 2, "HK", 3, "HN");

  private KafkaStack stack;
  private SlaTopics topics;
  private PipelineSource source;
  private List<CaseAlert> recorded;
  @TempDir static Path tmp;

  static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  @BeforeAll
  void recordARunAcrossTheChange(KafkaStack stack) throws Exception {
    this.stack = stack;
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    topics = SlaTopics.DEFAULT.withPrefix(prefix);
    // Product settings: the records carry January 2026 timestamps and must be kept on any date.
    createTopics(Topics.CASE_EVENTS, PARTITIONS, topics.caseEvents());
    createTopics(Topics.CASE_ALERTS, PARTITIONS, topics.caseAlerts());
    createTopics(Topics.CASE_EVENTS_REJECTED, PARTITIONS, topics.rejected());
    createTopics(Topics.ORG_UNITS, 1, topics.orgUnits());
    createTopics(Topics.UNIT_KPIS, PARTITIONS, prefix + "unit-kpis");
    source =
        new PipelineSource(
            stack.bootstrapServers(),
            stack.schemaRegistryUrl(),
            topics.caseEvents(),
            topics.caseAlerts(),
            prefix + "unit-kpis",
            topics.orgUnits());

    try (KafkaProducer<String, OrgUnit> p = producer(Topics.ORG_UNITS)) {
      // New versions first: the order of writing must not matter.
      for (Instant validFrom : List.of(CHANGE, Instant.EPOCH)) {
        int which = validFrom.equals(Instant.EPOCH) ? 0 : 1;
        for (OrgUnit u :
            List.of(
                org("HN", "Thanh tra Thành phố", null, 0, HEADS.get("HN")[which], validFrom),
                org("HK", "UBND quận Hoàn Kiếm", "HN", 1, HEADS.get("HK")[which], validFrom),
                org(
                    "HK-P1",
                    "UBND phường Hàng Bạc",
                    "HK",
                    2,
                    HEADS.get("HK-P1")[which],
                    validFrom))) {
          send(p, topics.orgUnits(), null, OrgUnitKeys.key(u), u, Instant.now());
        }
      }
    }
    try (KafkaProducer<String, CaseEvent> p = producer(Topics.CASE_EVENTS)) {
      List<CaseEvent> events = new ArrayList<>();
      events.add(request("early", "2026-01-05T09:00", "2026-01-12T17:00"));
      events.add(request("late", "2026-01-06T10:00", "2026-01-26T17:00"));
      events.add(request("edge", "2026-01-07T11:00", "2026-01-20T00:00"));
      events.sort(Comparator.comparing(CaseEvent::getOccurredAt));
      Instant t = local("2026-01-05T00:00");
      int i = 0;
      while (!t.isAfter(local("2026-02-20T00:00"))) {
        while (i < events.size() && events.get(i).getOccurredAt().isBefore(t)) {
          CaseEvent e = events.get(i++);
          send(p, topics.caseEvents(), null, e.getCaseId(), e, e.getOccurredAt());
        }
        for (int part = 0; part < PARTITIONS; part++) {
          send(p, topics.caseEvents(), part, Topics.CLOCK_KEY, TestRecords.tick(t, part, "it"), t);
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
    }
    recorded = new ArrayList<>();
    TopicScan.scan(
        stack.bootstrapServers(),
        topics.caseAlerts(),
        Topics.CASE_ALERTS
            .valueSerde(new SchemaRegistryClient(stack.schemaRegistryUrl()), false)
            .deserializer(),
        r -> recorded.add(r.value()));
  }

  @AfterAll
  void deleteTopics() throws Exception {
    try (Admin admin = admin()) {
      java.util.Set<String> existing = admin.listTopics().names().get();
      List<String> mine =
          java.util.stream.Stream.of(
                  topics.caseEvents(),
                  topics.caseAlerts(),
                  topics.rejected(),
                  topics.orgUnits(),
                  topics.orgUnits() + "-corrected",
                  source.unitKpisTopic())
              .filter(existing::contains)
              .toList();
      admin.deleteTopics(mine).all().get();
    }
  }

  @Test
  void liveAlertsGoToTheHeadInOfficeAtTheirDecidedAt() {
    Map<String, String> escalations = new HashMap<>();
    for (CaseAlert a : recorded) {
      if (a.getKind() != AlertKind.WARNING) {
        escalations.put(a.getCaseId() + "/L" + a.getLevel(), a.getRecipientOfficialId());
      }
    }
    assertThat(escalations)
        .as("breach (L1), parent (L2), top (L3) of each case")
        .containsEntry("early/L1", "cb-p1-old")
        .containsEntry("early/L2", "cb-hk-old")
        .containsEntry("early/L3", "cb-hn-new")
        .containsEntry("late/L1", "cb-p1-new")
        .containsEntry("late/L2", "cb-hk-new")
        .containsEntry("late/L3", "cb-hn-new")
        .as("a breach decided exactly at the new head's valid-from goes to him")
        .containsEntry("edge/L1", "cb-p1-new")
        .hasSize(9);
    // Every alert, warnings included: the head of its level's unit, old before the change, new
    // from it.
    assertThat(recorded)
        .allSatisfy(
            a -> {
              String[] heads = HEADS.get(UNIT_OF_LEVEL.get(a.getLevel()));
              String expected = a.getDecidedAt().isBefore(CHANGE) ? heads[0] : heads[1];
              assertThat(a.getRecipientOfficialId()).as(a.toString()).isEqualTo(expected);
              assertThat(a.getRecipientUnitId().toString())
                  .isEqualTo(UNIT_OF_LEVEL.get(a.getLevel()));
            });
  }

  @Test
  void theReplayOfThatRunAddressesTheSameHeadsAndReportsNoDifference() {
    ReplayResult r =
        AuditReplay.run(source, PolicyBook.defaults(), PunctuationSettings.DEFAULT, null, null);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    r.print(new PrintStream(b, true, StandardCharsets.UTF_8));
    String printed = b.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    assertThat(r.hasDifferences()).as(printed).isFalse();
    assertThat(r.exitCode()).isZero();
    assertThat(r.matches())
        .as("every recorded alert, old and new heads alike, derived again")
        .isEqualTo(recorded.stream().map(CaseAlert::getAlertId).distinct().count())
        .isGreaterThanOrEqualTo(9);
    assertThat(printed).contains(r.matches() + " match, 0 missing, 0 extra, 0 differing");
  }

  @Test
  void aRetroactiveCorrectionPublishedAfterTheRunShowsAsDifferingRecipients() throws Exception {
    // An acting ward head from 10/01, written only now (after the alerts fired): the live alerts
    // stand as sent, and the replay, reading the corrected directory, names each alert it
    // re-addresses, with recipientOfficialId as the only differing field.
    Instant acting = local("2026-01-10T00:00");
    String corrected = topics.orgUnits() + "-corrected";
    createTopics(Topics.ORG_UNITS, 1, corrected);
    List<OrgUnit> versions = new ArrayList<>();
    TopicScan.scan(
        stack.bootstrapServers(),
        topics.orgUnits(),
        Topics.ORG_UNITS
            .valueSerde(new SchemaRegistryClient(stack.schemaRegistryUrl()), false)
            .deserializer(),
        r -> versions.add(r.value()));
    versions.add(org("HK-P1", "UBND phường Hàng Bạc", "HK", 2, "cb-p1-acting", acting));
    try (KafkaProducer<String, OrgUnit> p = producer(Topics.ORG_UNITS)) {
      for (OrgUnit u : versions) {
        send(p, corrected, null, OrgUnitKeys.key(u), u, Instant.now());
      }
    }
    ReplayResult r =
        AuditReplay.run(
            new PipelineSource(
                source.bootstrapServers(),
                source.schemaRegistryUrl(),
                source.caseEventsTopic(),
                source.caseAlertsTopic(),
                source.unitKpisTopic(),
                corrected),
            PolicyBook.defaults(),
            PunctuationSettings.DEFAULT,
            null,
            null);
    List<String> reAddressed =
        recorded.stream()
            .filter(a -> a.getLevel() <= 1)
            .filter(a -> !a.getDecidedAt().isBefore(acting) && a.getDecidedAt().isBefore(CHANGE))
            .map(a -> a.getAlertId().toString())
            .toList();
    assertThat(reAddressed).as("the correction covers some recorded alerts").isNotEmpty();
    assertThat(r.missing()).isEmpty();
    assertThat(r.extra()).isEmpty();
    assertThat(r.differing())
        .extracting(d -> d.recorded().getAlertId().toString())
        .containsExactlyInAnyOrderElementsOf(reAddressed);
    assertThat(r.differing())
        .allSatisfy(
            d -> {
              assertThat(d.fields()).containsExactly("recipientOfficialId");
              assertThat(d.derived().getRecipientOfficialId()).isEqualTo("cb-p1-acting");
            });
  }

  // --- helpers ---

  private static CaseEvent request(String caseId, String opened, String due) {
    return TestRecords.submittedWithSourceDue(
        caseId + "-submitted", caseId, local(opened), local(due), "HK-P1");
  }

  private static OrgUnit org(
      String id, String name, String parent, int level, String head, Instant validFrom) {
    return TestRecords.unit(id, name, parent, level)
        .setHead(UnitHead.newBuilder().setOfficialId(head).setName("Thủ trưởng " + head).build())
        .setValidFrom(validFrom)
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

  private void createTopics(Topic<?> contract, int partitions, String... names) {
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(
            () -> {
              TopicAdmin.create(stack.bootstrapServers(), contract, partitions, (short) 1, names);
              return true;
            });
  }

  private Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    return Admin.create(p);
  }

  private boolean consumedAll(String group, String topic) throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < PARTITIONS; i++) {
        latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      for (var e : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        if (c == null || c.offset() < e.getValue().offset()) {
          return false;
        }
      }
      return true;
    }
  }
}
