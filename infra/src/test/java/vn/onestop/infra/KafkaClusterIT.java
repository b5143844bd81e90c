package vn.onestop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The three-node cluster: one JVM per node, replication factor 3 and min ISR 2 by default; acks=all
 * writes go on with one node killed, are refused with two down, and resume when a node returns on
 * its data; closing leaves no process and no directory.
 */
class KafkaClusterIT {

  @Test
  void threeNodesReplicateSurviveOneKillRefuseBelowMinIsrAndLeaveNothing() throws Exception {
    Path dir;
    List<Long> pids;
    try (KafkaCluster cluster = KafkaCluster.start()) {
      dir = cluster.directory();
      pids = cluster.brokers().stream().map(KafkaCluster.Broker::pid).toList();
      assertThat(pids).doesNotContain(-1L, ProcessHandle.current().pid()).doesNotHaveDuplicates();
      try (Admin admin = admin(cluster)) {
        admin
            .createTopics(List.of(new NewTopic("t", 3, (short) -1)))
            .all()
            .get(30, TimeUnit.SECONDS);
        // a new topic reaches each broker's metadata a moment after the controller accepts it:
        // the broker answering may not know it yet (UnknownTopicOrPartitionException)
        TopicDescription t =
            Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(ExecutionException.class)
                .until(
                    () ->
                        admin
                            .describeTopics(List.of("t"))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get("t"),
                    d -> d != null);
        assertThat(t.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        String minIsr =
            admin
                .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "t")))
                .all()
                .get(30, TimeUnit.SECONDS)
                .values()
                .iterator()
                .next()
                .get("min.insync.replicas")
                .value();
        assertThat(minIsr).isEqualTo("2");
      }
      try (KafkaProducer<String, String> producer = producer(cluster)) {
        for (int i = 0; i < 20; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "before")).get(30, TimeUnit.SECONDS);
        }
        cluster.broker(2).kill();
        assertThat(ProcessHandle.of(pids.get(1)).map(ProcessHandle::isAlive).orElse(false))
            .isFalse();
        for (int i = 0; i < 20; i++) {
          producer.send(new ProducerRecord<>("t", "k" + i, "one down")).get(30, TimeUnit.SECONDS);
        }
        cluster.broker(3).kill();
        assertThatThrownBy(
                () ->
                    producer
                        .send(new ProducerRecord<>("t", "k0", "two down"))
                        .get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOfAny(NotEnoughReplicasException.class, TimeoutException.class);
        cluster.broker(2).restart();
        cluster.broker(3).restart();
      }
      try (KafkaProducer<String, String> producer = producer(cluster)) {
        producer.send(new ProducerRecord<>("t", "k0", "back")).get(60, TimeUnit.SECONDS);
      }
      // "two down" was never acknowledged, so it may or may not be there; everything acknowledged
      // is
      List<String> all = TestClients.consume(cluster.bootstrapServers(), "t", 41, Map.of());
      assertThat(all.stream().filter(r -> r.endsWith("=before"))).hasSize(20);
      assertThat(all.stream().filter(r -> r.endsWith("=one down"))).hasSize(20);
      assertThat(all).contains("k0=back");
    }
    assertThat(dir).doesNotExist();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("node pid %d after close", pid)
          .isFalse();
    }
    assertThat(ProcessHandle.current().children().count()).isZero();
  }

  private static Admin admin(KafkaCluster cluster) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }

  private static KafkaProducer<String, String> producer(KafkaCluster cluster) {
    Properties p = TestClients.producerProps(cluster.bootstrapServers());
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return new KafkaProducer<>(p);
  }
}
