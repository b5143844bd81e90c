package vn.onestop.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
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
import vn.onestop.schema.testkit.ContractProducers;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.TopicSetup;

/**
 * A recorded history written onto a real broker for the ITs of the commands that read it offline
 * ({@code kpi publish / verify / report}, {@code audit what-if}): the product's topics created by
 * {@link TopicSetup} with its retention settings (the events are stamped in the past, so a broker
 * default would delete them), org units and case events written with acks=all through the real
 * registry, each record stamped with its event time.
 */
final class RecordedLog {
  static {
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
  }

  private final String bootstrap;
  private final String registryUrl;
  private final SlaTopics topics = SlaTopics.DEFAULT;

  /**
   * @param bootstrap the broker's bootstrap servers
   * @param registryUrl the schema registry's URL
   */
  RecordedLog(String bootstrap, String registryUrl) {
    this.bootstrap = bootstrap;
    this.registryUrl = registryUrl;
  }

  /**
   * @param t a local date-time in Asia/Ho_Chi_Minh, ISO {@code yyyy-MM-ddTHH:mm}
   * @return the UTC instant
   */
  static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  /**
   * @param caseId case id
   * @param localTime occurredAt, local ({@link #local})
   * @param payload the event's payload
   * @return the event, id {@code <caseId>-<epoch ms>}, source {@code it}
   */
  static CaseEvent event(String caseId, String localTime, Object payload) {
    Instant at = local(localTime);
    return TestRecords.envelope(caseId, at, payload)
        .setEventId(caseId + "-" + at.toEpochMilli())
        .setSourceSystem("it")
        .build();
  }

  /**
   * @return a unit with a head (civil-service calendar), valid from the epoch
   */
  static OrgUnit unit(
      String id, String name, String parent, int level, String headId, String headName) {
    return TestRecords.unit(id, name, parent, level)
        .setHead(UnitHead.newBuilder().setOfficialId(headId).setName(headName).build())
        .setCalendarId(Calendars.CIVIL_SERVICE)
        .build();
  }

  /**
   * Creates every product topic with {@code partitions} partitions, replication 1.
   *
   * @throws Exception from the Admin client
   */
  void createTopics(int partitions) throws Exception {
    try (Admin admin = admin()) {
      TopicSetup.createAll(admin, topics, partitions, (short) 1);
    }
  }

  /**
   * Writes unit versions to {@code org-units}, keyed as the product keys them.
   *
   * @param at record timestamp
   * @throws Exception from the producer
   */
  void units(Instant at, List<OrgUnit> units) throws Exception {
    try (KafkaProducer<String, OrgUnit> p = producer(Topics.ORG_UNITS)) {
      for (OrgUnit u : units) {
        send(p, topics.orgUnits(), null, OrgUnitKeys.key(u), u, at);
      }
    }
  }

  /**
   * Writes events to {@code case-events} in the given order, keyed by case id, stamped with their
   * occurredAt.
   *
   * @throws Exception from the producer
   */
  void events(List<CaseEvent> events) throws Exception {
    try (KafkaProducer<String, CaseEvent> p = producer(Topics.CASE_EVENTS)) {
      for (CaseEvent e : events) {
        send(p, topics.caseEvents(), null, e.getCaseId().toString(), e, e.getOccurredAt());
      }
    }
  }

  /**
   * Writes events in time order, merged with 6-hourly clock ticks on each of {@code partitions}
   * partitions from {@code from} to {@code to}, as the live ticker does.
   *
   * @throws Exception from the producer
   */
  void eventsWithTicks(List<CaseEvent> events, Instant from, Instant to, int partitions)
      throws Exception {
    List<CaseEvent> sorted =
        events.stream().sorted(Comparator.comparing(CaseEvent::getOccurredAt)).toList();
    String topic = topics.caseEvents();
    try (KafkaProducer<String, CaseEvent> p = producer(Topics.CASE_EVENTS)) {
      Instant t = from;
      int i = 0;
      while (!t.isAfter(to)) {
        while (i < sorted.size() && sorted.get(i).getOccurredAt().isBefore(t)) {
          CaseEvent e = sorted.get(i++);
          send(p, topic, null, e.getCaseId().toString(), e, e.getOccurredAt());
        }
        for (int part = 0; part < partitions; part++) {
          send(p, topic, part, Topics.CLOCK_KEY, TestRecords.tick(t, part, "it"), t);
        }
        t = t.plus(Duration.ofHours(6));
      }
      while (i < sorted.size()) {
        CaseEvent e = sorted.get(i++);
        send(p, topic, null, e.getCaseId().toString(), e, e.getOccurredAt());
      }
    }
  }

  /**
   * The history of UBND phường Hàng Bạc (HK-P1, under UBND quận Hoàn Kiếm), three khiếu nại on 3
   * partitions: c1 received 05/01/2026, accepted 06/01, resolved 20/01; c2 received 05/01, never
   * accepted; c3 received 01/12/2025, accepted 08/12, resolved 09/01/2026.
   *
   * @throws Exception from the clients
   */
  void hangBac() throws Exception {
    createTopics(3);
    units(
        local("2025-11-01T00:00"),
        List.of(
            unit("HK", "UBND quận Hoàn Kiếm", null, 0, "hk-001", "Nguyễn Văn An"),
            unit("HK-P1", "UBND phường Hàng Bạc", "HK", 1, "hb-001", "Trần Thị Bình")));
    var submitted =
        TestRecords.submitted(Category.KHIEU_NAI, "HK-P1")
            .setDescription("Khiếu nại quyết định thu hồi đất")
            .build();
    var resolved = Resolved.newBuilder().setOutcome(Outcome.ANSWERED).build();
    events(
        List.of(
            event("c3", "2025-12-01T09:00", submitted),
            event("c3", "2025-12-08T09:00", Accepted.newBuilder().build()),
            event("c1", "2026-01-05T09:00", submitted),
            event("c2", "2026-01-05T10:00", submitted),
            event("c1", "2026-01-06T09:00", Accepted.newBuilder().build()),
            event("c3", "2026-01-09T10:00", resolved),
            event("c1", "2026-01-20T10:00", resolved)));
  }

  /**
   * @return the end offset of every partition of every topic on the broker
   * @throws Exception from the Admin client
   */
  Map<TopicPartition, Long> endOffsets() throws Exception {
    try (Admin admin = admin()) {
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

  /**
   * @return an Admin client of the broker; close it
   */
  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> contract) {
    return ContractProducers.open(bootstrap, registryUrl, contract);
  }

  private static <V> void send(
      KafkaProducer<String, V> p, String topic, Integer partition, String key, V value, Instant ts)
      throws Exception {
    ContractProducers.send(p, topic, partition, key, value, ts);
  }
}
