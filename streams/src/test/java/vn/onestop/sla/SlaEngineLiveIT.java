package vn.onestop.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.RejectedEvent;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.query.CaseStatusResult;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaTopologyTestSchemas;

/**
 * Live: a case due 5.5 seconds from now (SOURCE_PROVIDED policy) is alerted after its due instant,
 * triggered by the first clock tick at or after it, while nothing but ticks arrives. The ticks are
 * written here one tick interval apart in wall-clock time; the test waits for the alert before it
 * writes the next tick, so an alert not triggered by that tick fails the test.
 */
@WithKafkaStack
class SlaEngineLiveIT {
  private static final Duration TICK = Duration.ofSeconds(1);

  @Test
  void aCaseDueSecondsFromNowIsAlertedWithinOneTickIntervalWhileOnlyTicksArrive(
      KafkaStack stack, @TempDir Path stateDir) {
    long started = System.nanoTime();
    try (ItSupport it = new ItSupport(stack, "it-live", 2)) {
      SlaEngineConfig config =
          SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
              .applicationId(it.prefix + "engine")
              .stateDir(stateDir)
              .topics(it.topics)
              .punctuation(new PunctuationSettings(Duration.ofMillis(200), 10_000))
              .build();
      try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults())) {
        it.writeOrgChart();
        engine.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> engine.state() == KafkaStreams.State.RUNNING);

        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        Instant due = now.plusMillis(5_500); // between two ticks
        it.send(TestRecords.submittedWithSourceDue("live-e1", "live-case-1", now, due));
        it.flushEvents();

        List<CaseAlert> seen = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        CaseAlert breach = null;
        for (int k = 1; breach == null && k <= 15; k++) {
          Instant tickAt = now.plus(TICK.multipliedBy(k));
          await()
              .atMost(Duration.ofSeconds(5))
              .until(() -> System.currentTimeMillis() >= tickAt.toEpochMilli());
          it.tickAll(tickAt);
          it.flushEvents();
          if (!tickAt.isBefore(due)) {
            // This tick is the first at or after the due instant: the breach must come from it.
            await()
                .atMost(Duration.ofSeconds(30))
                .until(
                    () -> {
                      for (ConsumerRecord<String, CaseAlert> r : it.pollAlerts()) {
                        seen.add(r.value());
                        figures.add(
                            r.value().getKind()
                                + " decidedAt+"
                                + (System.currentTimeMillis()
                                    - r.value().getDecidedAt().toEpochMilli())
                                + "ms");
                      }
                      return seen.stream().anyMatch(a -> a.getKind() == AlertKind.BREACH);
                    });
            breach =
                seen.stream()
                    .filter(a -> a.getKind() == AlertKind.BREACH)
                    .findFirst()
                    .orElseThrow();
          } else {
            it.pollAlerts()
                .forEach(
                    r -> {
                      seen.add(r.value());
                      figures.add(
                          r.value().getKind()
                              + " decidedAt+"
                              + (System.currentTimeMillis()
                                  - r.value().getDecidedAt().toEpochMilli())
                              + "ms");
                    });
          }
        }
        assertThat(breach).isNotNull();
        assertThat(breach.getDecidedAt()).isEqualTo(due);
        assertThat(breach.getCaseId()).isEqualTo("live-case-1");
        assertThat(breach.getRecipientOfficialId()).isEqualTo("head-unit");
        assertThat(seen).extracting(CaseAlert::getAlertId).doesNotHaveDuplicates();

        Optional<CaseStatusResult> status = engine.statusQuery().status("live-case-1");
        assertThat(status)
            .hasValueSatisfying(
                s -> {
                  assertThat(s.escalationLevel()).isEqualTo(1);
                  assertThat(s.dueAt()).contains(due);
                });
        System.out.println(
            "FIGURE live IT: alerts "
                + figures
                + "; test took "
                + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms");
      }
    }
  }

  @Test
  void anEventWithAPayloadBranchFromANewerSchemaGoesToTheRejectedTopic(
      KafkaStack stack, @TempDir Path stateDir) throws Exception {
    try (ItSupport it = new ItSupport(stack, "it-newer", 1)) {
      SlaEngineConfig config =
          SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
              .applicationId(it.prefix + "engine")
              .stateDir(stateDir)
              .topics(it.topics)
              .build();
      // A newer writer registers CaseEvent with one more payload branch (BACKWARD-compatible) and
      // uses it.
      Schema newer = SlaTopologyTestSchemas.newerCaseEvent();
      int id = it.registry.register(it.topics.caseEvents() + "-value", newer);
      List<Schema> branches = newer.getField("payload").schema().getTypes();
      GenericRecord payload = new GenericData.Record(branches.get(branches.size() - 1));
      payload.put("note", "Chuyển lên cấp trên");
      GenericRecord env = new GenericData.Record(newer);
      env.put("eventId", "newer-e1");
      env.put("caseId", "newer-case-1");
      env.put("occurredAt", System.currentTimeMillis());
      env.put("recordedAt", System.currentTimeMillis());
      env.put("sourceSystem", "future-writer");
      env.put("actor", null);
      env.put("payload", payload);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0);
      out.write(ByteBuffer.allocate(4).putInt(id).array());
      BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(newer).write(env, enc);
      enc.flush();
      byte[] bytes = out.toByteArray();

      Properties pp = new Properties();
      pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
      try (KafkaProducer<String, byte[]> raw =
          new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
        raw.send(new ProducerRecord<>(it.topics.caseEvents(), "newer-case-1", bytes)).get();
      }
      Properties cp = new Properties();
      cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
      cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults());
          KafkaConsumer<String, RejectedEvent> rejected =
              new KafkaConsumer<>(
                  cp,
                  new StringDeserializer(),
                  new SpecificAvroSerde<>(it.registry, RejectedEvent.class, false)
                      .deserializer())) {
        engine.start();
        TopicPartition tp = new TopicPartition(it.topics.rejected(), 0);
        rejected.assign(List.of(tp));
        rejected.seekToBeginning(List.of(tp));
        List<RejectedEvent> got = new ArrayList<>();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  rejected.poll(Duration.ofMillis(200)).forEach(r -> got.add(r.value()));
                  return !got.isEmpty();
                });
        assertThat(got)
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.getCaseId()).isEqualTo("newer-case-1");
                  assertThat(r.getReason()).startsWith("unreadable record");
                  ByteBuffer b = r.getOriginalValue().duplicate();
                  byte[] original = new byte[b.remaining()];
                  b.get(original);
                  assertThat(original).isEqualTo(bytes);
                });
        // Still alive: RUNNING again once any follow-up rebalance (e.g. after Kafka Streams created
        // the KPI
        // facts repartition topic) is over; a dead engine would be ERROR or PENDING_SHUTDOWN.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> engine.state() == KafkaStreams.State.RUNNING);
      }
    }
  }
}
