package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.EmbeddedKafkaBroker;

/**
 * {@code onestop topics verify} and a service's start on a real broker whose {@code case-alerts}
 * was created with the broker's default retention: both name the topic and the setting in one line
 * and exit 1 without a stack trace; once the setting is fixed, verify passes.
 */
class TopicsCommandIT {
  /** Nothing listens here: the checks must fail before the registry is needed. */
  private static final String NO_REGISTRY = "http://127.0.0.1:9/apis/ccompat/v7";

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.start();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    var outBytes = new ByteArrayOutputStream();
    var errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int status = Main.run(args);
      return new Result(
          status,
          outBytes.toString(StandardCharsets.UTF_8),
          errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void aWrongRetentionIsOneLineAndExitOneUntilFixed() throws Exception {
    String bootstrap = broker.bootstrapServers();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic("case-alerts", 1, (short) 1))).all().get();

      Result verify =
          run(
              "topics",
              "verify",
              "--bootstrap-servers",
              bootstrap,
              "--schema-registry-url",
              NO_REGISTRY);
      assertThat(verify.status()).isEqualTo(1);
      assertThat(verify.err())
          .contains("onestop topics verify: topic case-events: missing")
          .containsPattern(
              "onestop topics verify: topic case-alerts: retention.ms is \\d+, required -1")
          .doesNotContain("Exception")
          .doesNotContain("\tat ");

      Result engine =
          run("engine", "--bootstrap-servers", bootstrap, "--schema-registry-url", NO_REGISTRY);
      assertThat(engine.status()).isEqualTo(1);
      assertThat(engine.err().strip().lines())
          .allSatisfy(line -> assertThat(line).startsWith("onestop engine: topic case-alerts: "))
          .anySatisfy(line -> assertThat(line).matches(".*retention\\.ms is \\d+, required -1"));
      assertThat(engine.err()).doesNotContain("\tat ");
      // The engine created the missing topics with the product's settings before refusing.
      assertThat(admin.listTopics().names().get())
          .contains("case-events", "org-units", "unit-kpis");

      var alerts = new ConfigResource(ConfigResource.Type.TOPIC, "case-alerts");
      admin
          .incrementalAlterConfigs(
              Map.of(
                  alerts,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"),
                          AlterConfigOp.OpType.SET),
                      new AlterConfigOp(
                          new ConfigEntry(TopicConfig.RETENTION_BYTES_CONFIG, "-1"),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();
      // The broker applies an altered config asynchronously.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Result fixed =
                    run(
                        "topics",
                        "verify",
                        "--bootstrap-servers",
                        bootstrap,
                        "--schema-registry-url",
                        NO_REGISTRY);
                assertThat(fixed.err()).isEmpty();
                assertThat(fixed.status()).isEqualTo(0);
                assertThat(fixed.out()).contains("topics ok: case-events");
              });
    }
  }
}
