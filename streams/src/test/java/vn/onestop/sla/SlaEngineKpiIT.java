package vn.onestop.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.KpiEngineScenario;

/**
 * The KPIs on the real broker and registry with THREE case-events partitions: the cases of the
 * hand-computed {@link KpiEngineScenario} are spread over three case tasks (three fact sources),
 * their facts cross the internal {@code <application.id>-kpi-facts-repartition} topic to the tasks
 * owning the units, watermarks are broadcast to every partition, and a month is published only once
 * every case task has passed its end. The committed {@code unit-kpis} must hold exactly the
 * hand-computed records, each once.
 */
@WithKafkaStack
class SlaEngineKpiIT {
  private static final int PARTITIONS = 3;

  @Test
  void threePartitionsPublishExactlyTheHandComputedUnitKpisOnce(
      KafkaStack stack, @TempDir Path stateDir) throws Exception {
    try (ItSupport it = new ItSupport(stack, "it-kpi", PARTITIONS);
        KafkaConsumer<String, UnitKpi> kpis = kpiConsumer(stack, it)) {
      SlaEngineConfig config =
          SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
              .applicationId(it.prefix + "engine")
              .stateDir(stateDir)
              .topics(it.topics)
              .build();
      it.writeOrgChart();
      // In time order; each tick instant is written to every partition (as the ticker does).
      for (CaseEvent e : KpiEngineScenario.log(KpiEngineScenario.END, 1)) {
        if (e.getCaseId().equals(Topics.CLOCK_KEY)) {
          it.tickAll(e.getOccurredAt());
        } else {
          it.send(e);
        }
      }
      it.flushEvents();
      List<KeyValue<String, UnitKpi>> published = new ArrayList<>();
      try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults())) {
        engine.start();
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> {
                  kpis.poll(Duration.ofMillis(200))
                      .forEach(r -> published.add(KeyValue.pair(r.key(), r.value())));
                  return published.size() >= KpiEngineScenario.EXPECTED.size()
                      || engine.state() == KafkaStreams.State.ERROR;
                });
      }
      Map<String, UnitKpi> expected = new LinkedHashMap<>();
      KpiEngineScenario.EXPECTED.forEach(kv -> expected.put(kv.key, kv.value));
      Map<String, UnitKpi> actual = new LinkedHashMap<>();
      published.forEach(kv -> actual.put(kv.key, kv.value));
      assertThat(actual).isEqualTo(expected);
      assertThat(published).as("each month of each unit published once").hasSize(expected.size());
      String facts = config.applicationId() + "-kpi-facts-repartition";
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
        assertThat(
                admin.describeTopics(List.of(facts)).allTopicNames().get().get(facts).partitions())
            .as("internal facts topic made by Kafka Streams with the partitions of case-events")
            .hasSize(PARTITIONS);
      }
    }
  }

  private static KafkaConsumer<String, UnitKpi> kpiConsumer(KafkaStack stack, ItSupport it) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<String, UnitKpi> consumer =
        new KafkaConsumer<>(
            c,
            new StringDeserializer(),
            new SpecificAvroSerde<>(it.registry, UnitKpi.class, false).deserializer());
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      tps.add(new TopicPartition(it.topics.unitKpis(), p));
    }
    consumer.assign(tps);
    consumer.seekToBeginning(tps);
    return consumer;
  }
}
