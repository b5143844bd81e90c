package vn.onestop.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Resumed;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.kpi.KpiAggregator;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;
import vn.onestop.sla.topology.PunctuationSettings;

/**
 * The offline replay engine against the live engine on the real broker and registry: one generated
 * log (40 cases over three partitions, duplicates, out-of-order records, suspensions, extensions,
 * transfers, resolutions, ticks with a 12-day outage; topics created with the product's settings,
 * since the event times are in the past) is processed by {@link SlaEngine}; the raw records of
 * {@code case-events}, as recorded, are then replayed by {@link OfflineReplay}. The alerts are
 * identical (every field; per partition the same set — their interleaving across cases may differ
 * when the live stream thread processes several records between two punctuation checks) and so is
 * the last {@code unit-kpis} record of every unit and month.
 */
@WithKafkaStack
class OfflineReplayLiveIT {
  private static final int PARTITIONS = 3;

  /** Monday 2 March 2026, 08:00 in Hà Nội. */
  private static final Instant BASE = Instant.parse("2026-03-02T01:00:00Z");

  @Test
  void theOfflineEngineDerivesTheLiveEnginesAlertsAndKpis(KafkaStack stack, @TempDir Path stateDir)
      throws Exception {
    try (ItSupport it = new ItSupport(stack, "it-offline", PARTITIONS)) {
      it.writeOrgChart();
      for (CaseEvent e : log(new Random(20260302L))) {
        if (e.getCaseId().equals(vn.onestop.schema.Topics.CLOCK_KEY)) {
          it.tickAll(e.getOccurredAt());
        } else {
          it.send(e);
        }
      }
      it.flushEvents();
      SlaEngineConfig config =
          SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
              .applicationId(it.prefix + "engine")
              .stateDir(stateDir)
              .topics(it.topics)
              .build();
      Map<String, ConsumerRecord<String, CaseAlert>> live = new HashMap<>();
      try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults())) {
        engine.start();
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  it.pollAlerts()
                      .forEach(r -> live.putIfAbsent(r.value().getAlertId().toString(), r));
                  return engine.state() == KafkaStreams.State.ERROR
                      || (consumedAll(stack, config.applicationId(), it.topics.caseEvents())
                          && it.alertsReadToEnd());
                });
        assertThat(engine.state()).isNotEqualTo(KafkaStreams.State.ERROR);
      }
      Map<String, UnitKpi> liveKpis = new TreeMap<>();
      readAll(
          stack,
          it.topics.unitKpis(),
          new SpecificAvroSerde<>(it.registry, UnitKpi.class, false).deserializer(),
          r -> liveKpis.put(r.key(), r.value()));

      // The offline engine over the raw records as recorded.
      Map<Integer, List<OfflineReplay.LogRecord>> raw = new TreeMap<>();
      readAll(
          stack,
          it.topics.caseEvents(),
          new ByteArrayDeserializer(),
          r ->
              raw.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                  .add(OfflineReplay.LogRecord.of(r)));
      raw.values().forEach(l -> l.sort(Comparator.comparingLong(OfflineReplay.LogRecord::offset)));
      Map<String, CaseAlert> offline = new HashMap<>();
      Map<String, Integer> offlinePartition = new HashMap<>();
      Map<String, UnitKpi> offlineKpis = new TreeMap<>();
      OfflineReplay replay =
          new OfflineReplay(
              PolicyBook.defaults(),
              CalendarBook.standard(),
              PunctuationSettings.DEFAULT,
              PARTITIONS,
              it.topics.caseEvents(),
              new SpecificAvroSerde<>(it.registry, CaseEvent.class, false).deserializer(),
              true,
              new OfflineReplay.Listener() {
                @Override
                public void alert(int partition, CaseAlert alert) {
                  assertThat(offline.put(alert.getAlertId().toString(), alert))
                      .as("each alert once")
                      .isNull();
                  offlinePartition.put(alert.getAlertId().toString(), partition);
                }

                @Override
                public void unitKpi(UnitKpi k) {
                  offlineKpis.put(KpiAggregator.key(k), k);
                }
              });
      for (OrgUnit u : TestRecords.orgChart()) {
        replay.orgRecord(u.getUnitId(), u);
      }
      replay.acceptAll(raw);

      assertThat(offline).as("the log produces alerts").hasSizeGreaterThan(50);
      Map<String, CaseAlert> liveById = new HashMap<>();
      live.forEach((id, r) -> liveById.put(id, r.value()));
      assertThat(liveById).as("every alert, every field").isEqualTo(offline);
      live.forEach(
          (id, r) ->
              assertThat(r.partition())
                  .as("partition of %s", id)
                  .isEqualTo(offlinePartition.get(id)));
      assertThat(liveKpis).as("the last record of every unit and month").isNotEmpty();
      assertThat(offlineKpis).isEqualTo(liveKpis);
    }
  }

  /** 40 cases, time-ordered with some records moved later, ticks every 12 h with an outage. */
  private static List<CaseEvent> log(Random random) {
    List<CaseEvent> log = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "it-case-" + i;
      Instant at = BASE.plus(Duration.ofMinutes(random.nextInt(25 * 24 * 60)));
      CaseEvent submit =
          random.nextBoolean()
              ? TestRecords.submittedWithSourceDue(
                  id + "-s", id, at, at.plus(Duration.ofMinutes(60 + random.nextInt(15 * 24 * 60))))
              : TestRecords.submittedFeedback(id + "-s", id, at, null);
      log.add(submit);
      if (submit.getSourceSystem().equals("web-intake")) {
        at = at.plus(Duration.ofHours(1 + random.nextInt(48)));
        log.add(TestRecords.accepted(id + "-a", id, at));
      }
      for (int k = 0; k < random.nextInt(5); k++) {
        at = at.plus(Duration.ofMinutes(30 + random.nextInt(6 * 24 * 60)));
        String eid = id + "-" + k;
        Object payload =
            switch (random.nextInt(6)) {
              case 0 -> new Suspended("giám định", "45/QĐ");
              case 1 -> new Resumed("46/QĐ");
              case 2 -> new DeadlineExtended("47/QĐ", 10, "phức tạp");
              case 3 -> new Transferred(TestRecords.PARENT, "thẩm quyền");
              case 4 -> null; // a duplicate of the last event
              default ->
                  vn.onestop.schema.Resolved.newBuilder()
                      .setOutcome(vn.onestop.schema.Outcome.FIXED)
                      .build();
            };
        log.add(
            payload == null
                ? log.get(log.size() - 1)
                : TestRecords.envelope(eid, id, at, "officer-actions", payload));
      }
    }
    Instant outage = BASE.plus(Duration.ofDays(20));
    for (Instant t = BASE;
        t.isBefore(BASE.plus(Duration.ofDays(70)));
        t = t.plus(Duration.ofHours(12))) {
      if (t.isBefore(outage) || !t.isBefore(outage.plus(Duration.ofDays(12)))) {
        log.add(TestRecords.tick(t, 0));
      }
    }
    log.sort(Comparator.comparing(CaseEvent::getOccurredAt));
    for (int k = 0; k < log.size() / 15; k++) {
      int from = random.nextInt(log.size());
      log.add(Math.min(log.size() - 1, from + 1 + random.nextInt(8)), log.remove(from));
    }
    return log;
  }

  private static <V> void readAll(
      KafkaStack stack,
      String topic,
      org.apache.kafka.common.serialization.Deserializer<V> values,
      java.util.function.Consumer<ConsumerRecord<String, V>> each) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(c, new StringDeserializer(), values)) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        tps.add(new TopicPartition(topic, p));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }

  private static boolean consumedAll(KafkaStack stack, String group, String topic)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
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
