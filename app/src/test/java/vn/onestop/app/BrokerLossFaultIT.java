package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.ReplicatedKafkaStack;
import vn.onestop.infra.junit.WithKafkaCluster;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.kafka.ProducerSettings;
import vn.onestop.schema.Topics;

/**
 * Brokers die under the intake: with one of three killed (SIGKILL) every submission is still
 * answered 202; with two down (fewer than {@code min.insync.replicas=2}) the intake answers 503
 * with Retry-After, within its Kafka timeout, never another 5xx and never a hang; when the brokers
 * return, it answers 202 again and the engine, never restarted, resumes by itself. Every submission
 * answered 202 is in {@code case-events} afterwards.
 */
@WithKafkaCluster
class BrokerLossFaultIT extends EngineFailoverFaults {

  @Test
  void everyAcknowledgedSubmissionSurvivesAndRefusalsAre503WithRetryAfterOnlyBelowMinIsr(
      ReplicatedKafkaStack stack) throws Exception {
    Properties producer = ProducerSettings.defaults(stack.bootstrapServers(), "it").toProperties();
    assertThat(producer.get(ProducerConfig.ACKS_CONFIG)).hasToString("all");
    assertThat(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).hasToString("true");

    Cluster c = prepare(stack);
    List<EngineInstanceProcess> engines = engines(stack, 1, 0, FAST_FAILURE_DETECTION);
    IntakeService intake = intake(c, engines.get(0));
    var cluster = stack.cluster();
    long belowMinIsrFrom;
    long belowMinIsrUntil;
    SubmissionLoad load =
        new SubmissionLoad(intake.baseUrl(), API_KEY, UNIT, Duration.ofMillis(100));
    try {
      awaitAnswers(load, 100, 202, Duration.ofMinutes(1));
      cluster.broker(2).kill();
      awaitAnswers(load, 150, 202, Duration.ofMinutes(2)); // one of three down: still 202
      belowMinIsrFrom = System.nanoTime();
      cluster.broker(3).kill();
      awaitAnswers(load, 2, 503, Duration.ofMinutes(2)); // below min ISR: refused, Retry-After
      cluster.broker(3).restart();
      belowMinIsrUntil = System.nanoTime();
      awaitAnswers(load, 100, 202, Duration.ofMinutes(2));
      cluster.broker(2).restart();
      awaitAnswers(load, 100, 202, Duration.ofMinutes(2));
    } finally {
      load.close();
    }
    try {
      List<SubmissionLoad.Answer> answers = load.answers();
      // The intake's own bound on a write: delivery timeout 10 s + max block 5 s.
      long intakeTimeoutNanos = Duration.ofSeconds(15).toNanos();
      long refusedWithRetryAfter = 0;
      for (SubmissionLoad.Answer a : answers) {
        assertThat(a.status())
            .as("answer after %d ms (-1: no answer within 30 s)", a.tookMillis())
            .isIn(202, 503);
        if (a.status() == 503) {
          refusedWithRetryAfter++;
          assertThat(a.retryAfter()).as("Retry-After of a 503").isNotBlank();
          long answeredAt = a.sentNanos() + a.tookMillis() * 1_000_000;
          assertThat(answeredAt)
              .as("a 503 only while fewer than min.insync.replicas brokers were up")
              .isGreaterThan(belowMinIsrFrom)
              .isLessThan(belowMinIsrUntil + intakeTimeoutNanos);
        }
      }
      Set<String> accepted = load.accepted();
      long before = answers.stream().filter(a -> a.sentNanos() < belowMinIsrFrom).count();
      long after =
          answers.stream()
              .filter(a -> a.sentNanos() > belowMinIsrUntil + intakeTimeoutNanos)
              .filter(a -> a.status() == 202)
              .count();
      System.out.printf(
          "MEASURED broker kill -9: %d submissions, %d answered 202, %d answered 503 + Retry-After"
              + " (all while fewer than 2 brokers were up), %d answered 202 after the brokers"
              + " returned; longest answer %d ms%n",
          answers.size(),
          accepted.size(),
          refusedWithRetryAfter,
          after,
          answers.stream().mapToLong(SubmissionLoad.Answer::tookMillis).max().orElse(0));
      assertThat(refusedWithRetryAfter).as("refusals with two brokers down").isPositive();
      assertThat(before).isPositive();
      assertThat(after).as("202 again once the brokers are back").isPositive();

      Set<String> inTopic = caseIdsInCaseEvents(stack);
      assertThat(inTopic).as("every submission answered 202").containsAll(accepted);

      // The engine was never restarted: it picks up the cases written after the outage.
      String last =
          answers.stream()
              .filter(a -> a.status() == 202)
              .reduce((a, b) -> b)
              .orElseThrow()
              .caseId();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> get(intake.baseUrl(), "/api/v1/cases/" + last, API_KEY).statusCode() == 200);
      assertThat(engines.get(0).isAlive()).isTrue();
    } finally {
      closeAll();
    }
  }

  /** Keys of every record in case-events (read_committed, from the beginning to the end). */
  static Set<String> caseIdsInCaseEvents(KafkaStack stack) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    String topic = Topics.CASE_EVENTS.name();
    Set<String> keys = new HashSet<>();
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(60)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(60));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.key() != null) {
            keys.add(r.key());
          }
        }
      }
    }
    return keys;
  }

  @AfterEach
  void tearDown() {
    closeAll();
  }
}
