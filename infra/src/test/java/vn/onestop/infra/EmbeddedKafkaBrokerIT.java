package vn.onestop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaBrokerIT {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerIT.class);
  private static final String VIETNAMESE = "Phản ánh về nhũng nhiễu tại bộ phận một cửa";

  @Test
  void producesConsumesAndKeepsDataAcrossStopAndRestart() throws Exception {
    long pid = ProcessHandle.current().pid();
    long rssBefore = TestClients.rssMegabytes(pid);
    long t0 = System.nanoTime();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().defaultPartitions(2).start();
    long startMs = (System.nanoTime() - t0) / 1_000_000;
    try (broker) {
      String bootstrap = broker.bootstrapServers();
      assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");
      assertThat(broker.isRunning()).isTrue();

      KafkaTopics.create(bootstrap, 3, "it-broker-roundtrip");
      TestClients.produce(bootstrap, "it-broker-roundtrip", "case-1", VIETNAMESE);
      assertThat(TestClients.consume(bootstrap, "it-broker-roundtrip", 1, Map.of()))
          .containsExactly("case-1=" + VIETNAMESE);
      LOG.info(
          "MEASURED broker start {} ms, JVM RSS {} MB -> {} MB",
          startMs,
          rssBefore,
          TestClients.rssMegabytes(pid));

      long s0 = System.nanoTime();
      broker.stop();
      LOG.info("MEASURED broker stop {} ms", (System.nanoTime() - s0) / 1_000_000);
      assertThat(broker.isRunning()).isFalse();

      long r0 = System.nanoTime();
      broker.restart();
      LOG.info("MEASURED broker restart {} ms", (System.nanoTime() - r0) / 1_000_000);
      assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
      TestClients.produce(bootstrap, "it-broker-roundtrip", "case-2", "after restart");
      assertThat(TestClients.consume(bootstrap, "it-broker-roundtrip", 2, Map.of()))
          .containsExactlyInAnyOrder("case-1=" + VIETNAMESE, "case-2=after restart");
    }
    assertThat(broker.dataDirectory()).doesNotExist();
    assertThat(broker.isRunning()).isFalse();
    assertThatThrownBy(broker::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aPersistentDirectoryIsFormattedOnceAndKeepsTopicsRecordsAndClusterIdAcrossStarts(
      @TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("kafka");
    String clusterId;
    String firstBootstrap;
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().persistentDirectory(dir).start()) {
      firstBootstrap = broker.bootstrapServers();
      KafkaTopics.create(firstBootstrap, 2, "it-persistent");
      TestClients.produce(firstBootstrap, "it-persistent", "case-1", VIETNAMESE);
      clusterId = clusterId(firstBootstrap);
    }
    assertThat(dir.resolve("metadata").resolve("meta.properties")).exists();
    String metaBefore = Files.readString(dir.resolve("metadata").resolve("meta.properties"));

    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.builder().persistentDirectory(dir).start()) {
      String bootstrap = broker.bootstrapServers();
      LOG.info("persistent broker restarted on {} (first start {})", bootstrap, firstBootstrap);
      assertThat(clusterId(bootstrap)).isEqualTo(clusterId);
      TestClients.produce(bootstrap, "it-persistent", "case-2", "after restart");
      assertThat(TestClients.consume(bootstrap, "it-persistent", 2, Map.of()))
          .containsExactlyInAnyOrder("case-1=" + VIETNAMESE, "case-2=after restart");
    }
    assertThat(Files.readString(dir.resolve("metadata").resolve("meta.properties")))
        .as("not formatted again")
        .isEqualTo(metaBefore);
  }

  private static String clusterId(String bootstrap) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void transactionsWorkSoExactlyOnceIsPossible() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      String bootstrap = broker.bootstrapServers();
      KafkaTopics.create(bootstrap, 1, "it-tx-topic");
      var props = TestClients.producerProps(bootstrap);
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-tx");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("it-tx-topic", "k", "aborted"));
        producer.abortTransaction();
        producer.beginTransaction();
        producer
            .send(new ProducerRecord<>("it-tx-topic", "k", "committed"))
            .get(30, TimeUnit.SECONDS);
        producer.commitTransaction();
      }
      List<String> read =
          TestClients.consume(
              bootstrap,
              "it-tx-topic",
              1,
              Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
      assertThat(read).containsExactly("k=committed");
    }
  }

  @Test
  void aClientsFirstRequestDoesNotCreateATopicWithTheBrokersDefaults() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      String bootstrap = broker.bootstrapServers();
      var props = TestClients.producerProps(bootstrap);
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
        assertThatThrownBy(
                () ->
                    producer
                        .send(new ProducerRecord<>("it-never-created", "k", "v"))
                        .get(30, TimeUnit.SECONDS))
            .hasStackTraceContaining("not present in metadata");
      }
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .doesNotContain("it-never-created");
      }
    }
  }
}
