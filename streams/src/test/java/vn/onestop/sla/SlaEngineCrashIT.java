package vn.onestop.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.EngineMain;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaDriver;

/**
 * Crash: the engine runs in a child JVM and is killed with SIGKILL (no clean-up, an open
 * transaction, RocksDB without a checkpoint) twice while it processes: once restarted on the same
 * state directory (same process id, so the new producer fences the old transaction), once on a
 * fresh state directory (restore from the changelogs; the old transaction aborts on its timeout).
 * Read with {@code isolation.level=read_committed}, the alerts must be exactly the ones a single
 * uninterrupted run gives (computed with the TopologyTestDriver), each exactly once.
 */
@WithKafkaStack
class SlaEngineCrashIT {
  private static final Instant BASE = Instant.parse("2026-03-02T01:00:00Z");
  private static final int PARTITIONS = 3;

  @Test
  void killedMidRunTwiceEndsWithNoLostAndNoDuplicateAlert(KafkaStack stack, @TempDir Path tmp)
      throws Exception {
    long started = System.nanoTime();
    List<CaseEvent> log = log(new Random(20260302L), 300);
    Map<String, CaseAlert> expected = new HashMap<>();
    try (SlaDriver reference = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      reference.orgUnits(TestRecords.orgChart());
      log.forEach(reference::pipe);
      reference.readAlerts().forEach(a -> expected.put(a.getAlertId(), a));
    }
    assertThat(expected).hasSizeGreaterThan(300);

    try (ItSupport it = new ItSupport(stack, "it-crash", PARTITIONS)) {
      it.writeOrgChart();
      String appId = it.prefix + "engine";
      Path logFile = Path.of("target", "crash-it-" + it.prefix + "engine.log").toAbsolutePath();
      Files.createDirectories(logFile.getParent());
      System.out.println("crash IT engine log: " + logFile);
      Path sameDir = tmp.resolve("state-1");
      Path freshDir = tmp.resolve("state-2");
      List<CaseAlert> received = new ArrayList<>();
      int third = log.size() / 3;

      write(it, log.subList(0, third));
      Process a = startEngine(stack, appId, sameDir, it.prefix, logFile);
      awaitMoreAlerts(it, received, 1);
      write(it, log.subList(third, 2 * third));
      awaitMoreAlerts(it, received, received.size() + 1);
      int atFirstKill = received.size();
      boolean midRun1 = !inputFullyCommitted(stack, appId, it);
      kill(a);

      Process b = startEngine(stack, appId, sameDir, it.prefix, logFile);
      write(it, log.subList(2 * third, log.size()));
      awaitMoreAlerts(it, received, received.size() + 1);
      int atSecondKill = received.size();
      boolean midRun2 = !inputFullyCommitted(stack, appId, it);
      kill(b);

      Process c = startEngine(stack, appId, freshDir, it.prefix, logFile);
      try {
        // Done when all input is committed, no transaction is open on case-alerts (the killed
        // instance's transaction aborts on its timeout) and everything committed has been read.
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  it.pollAlerts().forEach(r -> received.add(r.value()));
                  return inputFullyCommitted(stack, appId, it)
                      && noOpenTransaction(stack, it)
                      && it.alertsReadToEnd();
                });
      } finally {
        c.getOutputStream().close(); // EngineMain exits when its stdin closes
        if (!c.waitFor(30, TimeUnit.SECONDS)) {
          c.destroyForcibly().waitFor();
        }
      }

      Map<String, Long> counts =
          received.stream()
              .collect(Collectors.groupingBy(CaseAlert::getAlertId, Collectors.counting()));
      assertThat(counts.entrySet()).as("no duplicate alert").allMatch(e -> e.getValue() == 1);
      assertThat(counts.keySet())
          .as("no lost and no extra alert")
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
      received.forEach(r -> assertThat(r).isEqualTo(expected.get(r.getAlertId())));
      System.out.println(
          "FIGURE crash IT: "
              + log.size()
              + " input records, "
              + expected.size()
              + " alerts; visible at kill 1: "
              + atFirstKill
              + ", at kill 2: "
              + atSecondKill
              + "; input left unprocessed at kills: "
              + midRun1
              + "/"
              + midRun2
              + "; took "
              + Duration.ofNanos(System.nanoTime() - started).toSeconds()
              + " s");
    }
  }

  private static void write(ItSupport it, List<CaseEvent> events) {
    for (CaseEvent e : events) {
      if (e.getCaseId().equals(vn.onestop.schema.Topics.CLOCK_KEY)) {
        it.tickAll(e.getOccurredAt());
      } else {
        it.send(e);
      }
    }
    it.flushEvents();
  }

  private static void awaitMoreAlerts(ItSupport it, List<CaseAlert> received, int atLeast) {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              it.pollAlerts().forEach(r -> received.add(r.value()));
              return received.size() >= atLeast;
            });
  }

  private static Process startEngine(
      KafkaStack stack, String appId, Path stateDir, String prefix, Path logFile)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx384m",
            "-cp",
            System.getProperty("java.class.path"),
            EngineMain.class.getName(),
            stack.bootstrapServers(),
            stack.schemaRegistryUrl(),
            appId,
            stateDir.toString(),
            prefix);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    return pb.start();
  }

  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no commit, no clean close
    p.waitFor();
  }

  /**
   * @return whether the engine's group has committed the end offset of every case-events partition
   */
  private static boolean inputFullyCommitted(KafkaStack stack, String appId, ItSupport it)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(appId)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        latest.put(new TopicPartition(it.topics.caseEvents(), p), OffsetSpec.latest());
      }
      var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      return ends.entrySet().stream()
          .allMatch(
              e -> {
                OffsetAndMetadata c = committed.get(e.getKey());
                return c != null && c.offset() >= e.getValue().offset();
              });
    }
  }

  /**
   * @return whether the last stable offset equals the high watermark on every case-alerts partition
   */
  private static boolean noOpenTransaction(KafkaStack stack, ItSupport it) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        latest.put(new TopicPartition(it.topics.caseAlerts(), p), OffsetSpec.latest());
      }
      var stable =
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get(10, TimeUnit.SECONDS);
      var high =
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
              .all()
              .get(10, TimeUnit.SECONDS);
      return stable.keySet().stream()
          .allMatch(tp -> stable.get(tp).offset() == high.get(tp).offset());
    }
  }

  /**
   * Cases with source-provided due dates over March 2026, a third resolved, ticks every 6 h for 70
   * days.
   */
  static List<CaseEvent> log(Random rnd, int cases) {
    List<CaseEvent> log = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      String id = String.format("crash-case-%04d", i);
      Instant submitted = BASE.plus(Duration.ofMinutes(rnd.nextInt(25 * 24 * 60)));
      Instant due = submitted.plus(Duration.ofMinutes(60 + rnd.nextInt(15 * 24 * 60)));
      log.add(TestRecords.submittedWithSourceDue(id + "-s", id, submitted, due));
      if (rnd.nextInt(3) == 0) {
        log.add(
            TestRecords.resolved(
                id + "-r", id, submitted.plus(Duration.ofMinutes(10 + rnd.nextInt(30 * 24 * 60)))));
      }
    }
    for (Instant t = BASE;
        t.isBefore(BASE.plus(Duration.ofDays(70)));
        t = t.plus(Duration.ofHours(6))) {
      log.add(TestRecords.tick(t, 0));
    }
    log.sort(Comparator.comparing(CaseEvent::getOccurredAt));
    return log;
  }
}
