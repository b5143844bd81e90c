package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.audit.TopicScan;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.LocalKafkaStack;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.policy.PolicyBook;

/**
 * {@code onestop import --as-of} against a real broker, registry and SLA engine: a case still open
 * in an export is judged at the export's own time. Imported without {@code --as-of}, stream time
 * stops at the file's latest time (before the case's due date): no breach. The same file imported
 * again with an as-of after the due date writes no event again, only clock ticks up to the as-of
 * instant, and the engine then breaches the case at its due instant. A malformed or impossible
 * {@code --as-of} is one line naming the option, exit 2, nothing written.
 */
class ImportAsOfIT {

  /**
   * A stack of its own, not the module's shared one: stream time only moves forward, so a live
   * submission of another IT (event time = today) on the case's partition would put that
   * partition's stream time past the export's as-of instant, and the as-of ticks could then never
   * advance it. Which partition that is depends on the random case id: on the shared stack the test
   * was flaky.
   */
  @Test
  void anOpenCaseIsJudgedAtTheAsOfInstant(@TempDir Path dir) throws Exception {
    try (LocalKafkaStack stack = LocalKafkaStack.start()) {
      Services.prepareTopics(
          Cluster.external(stack.bootstrapServers(), stack.schemaRegistryUrl()), 3);
      judgedAtTheAsOfInstant(stack, dir);
    }
  }

  private static void judgedAtTheAsOfInstant(KafkaStack stack, Path dir) throws Exception {
    String[] cluster = {
      "--bootstrap-servers", stack.bootstrapServers(),
      "--schema-registry-url", stack.schemaRegistryUrl()
    };
    String id = "asof-" + UUID.randomUUID().toString().substring(0, 8);
    String caseId = "native-" + id;
    Path file = dir.resolve("export.csv");
    // Due 10/01/2026 17:00 in Hanoi (10:00Z); the export's latest time is the receipt, 05/01 09:00.
    Files.writeString(
        file,
        "source_id,category,submitted_at,unit_id,description,due_at\n"
            + id
            + ",SERVICE_REQUEST,2026-01-05T09:00:00+07:00,asof-ward,Đèn đường hỏng,"
            + "2026-01-10T17:00:00+07:00\n",
        StandardCharsets.UTF_8);
    String rejects = dir.resolve("rejects.csv").toString();
    // With a directory loaded, the import checks every unit id against it.
    Path units = dir.resolve("units.csv");
    Files.writeString(
        units,
        "unit_id,name,parent_id,level,head_official_id,head_name,calendar_id\n"
            + "asof-ward,UBND phường Thử Nghiệm,,0,asof-001,Nguyễn Văn Thử,vn-civil-service\n",
        StandardCharsets.UTF_8);
    CommandRun unit = run(cluster, "units", "import", units.toString());
    assertThat(unit.status()).as(unit.err()).isZero();

    CommandRun bad = run(cluster, "import", file.toString(), "--as-of", "10/01/2026");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err().lines())
        .first()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("--as-of")
                    .contains("'10/01/2026' is not an ISO-8601 instant"));
    CommandRun early = run(cluster, "import", file.toString(), "--as-of", "2026-01-01T00:00");
    assertThat(early.status()).as(early.err()).isEqualTo(2);
    assertThat(early.err()).contains("is before the latest event time", "export.csv:2");

    CommandRun first = run(cluster, "import", file.toString(), "--reject-file", rejects);
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out()).contains("as of:            2026-01-05T02:00:00Z");

    String app = "asof-it-" + UUID.randomUUID().toString().substring(0, 8);
    SlaEngineConfig config =
        SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
            .applicationId(app)
            .stateDir(dir.resolve("engine"))
            .build();
    try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults())) {
      engine.start();
      await().atMost(Duration.ofSeconds(120)).until(() -> caughtUp(stack, app));
      assertThat(alerts(stack, caseId))
          .as("stream time stops at the export's latest time, before the due date")
          .noneMatch(a -> a.getKind() == AlertKind.BREACH);

      CommandRun again =
          run(
              cluster,
              "import",
              file.toString(),
              "--reject-file",
              rejects,
              "--as-of",
              "2026-01-12T00:00");
      assertThat(again.status()).as(again.err()).isZero();
      assertThat(again.out())
          .contains("events written:   0")
          .contains("as of:            2026-01-11T17:00:00Z");
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(alerts(stack, caseId))
                      .filteredOn(a -> a.getKind() == AlertKind.BREACH)
                      .singleElement()
                      .satisfies(
                          a ->
                              assertThat(a.getDecidedAt())
                                  .isEqualTo(Instant.parse("2026-01-10T10:00:00Z"))));
    }
  }

  private static List<CaseAlert> alerts(KafkaStack stack, String caseId) {
    List<CaseAlert> out = new ArrayList<>();
    TopicScan.scan(
        stack.bootstrapServers(),
        Topics.CASE_ALERTS.name(),
        Topics.CASE_ALERTS
            .valueSerde(new SchemaRegistryClient(stack.schemaRegistryUrl()), false)
            .deserializer(),
        r -> {
          if (r.value() != null && r.value().getCaseId().equals(caseId)) {
            out.add(r.value());
          }
        });
    return out;
  }

  /** The engine's committed offsets have reached the end of every case-events partition. */
  private static boolean caughtUp(KafkaStack stack, String group) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> ask = new java.util.HashMap<>();
      admin
          .describeTopics(List.of(Topics.CASE_EVENTS.name()))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(Topics.CASE_EVENTS.name())
          .partitions()
          .forEach(
              i ->
                  ask.put(
                      new TopicPartition(Topics.CASE_EVENTS.name(), i.partition()),
                      OffsetSpec.latest()));
      for (var e : admin.listOffsets(ask).all().get(30, TimeUnit.SECONDS).entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        if (e.getValue().offset() > 0 && (c == null || c.offset() < e.getValue().offset())) {
          return false;
        }
      }
      return true;
    }
  }

  private static CommandRun run(String[] cluster, String... args) {
    return CommandRun.of(args, cluster);
  }
}
