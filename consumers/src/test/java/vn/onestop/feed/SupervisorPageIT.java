package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Topics;
import vn.onestop.schema.testkit.TestRecords;

/**
 * /supervisor in Debian's headless Chromium at phone size: an alert produced to Kafka while the
 * page is open appears without reload. Screenshot: consumers/target/supervisor-alert.png.
 */
@WithKafkaStack
class SupervisorPageIT {
  private static final Path SCREENSHOT = Path.of("target", "supervisor-alert.png");

  @Test
  void showsAnAlertThatArrivesWhileThePageIsOpen(KafkaStack stack) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(HeadlessChromium.BINARY),
        "Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); browser test skipped");
    String alerts = ItKafka.unique("case-alerts");
    ItKafka.createTopics(stack, Topics.CASE_ALERTS, 2, alerts);
    String orgUnits = ItKafka.cityOrgUnits(stack);
    FeedConfig config =
        FeedConfig.defaults(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                ApiKeyPrincipals.of(
                    Map.of("k-hk", Principal.of("cb-hk", Scope.unit("HK"), Role.SUPERVISOR))),
                null)
            .withPort(0)
            .withTopics(alerts, orgUnits, ItKafka.unique("webhooks"));
    try (AlertFeedService feed = AlertFeedService.start(config);
        KafkaProducer<String, CaseAlert> producer =
            ItKafka.producer(stack, Topics.CASE_ALERTS, null);
        HeadlessChromium browser = new HeadlessChromium(412, 860)) {
      browser.open("http://127.0.0.1:" + feed.port() + "/supervisor?key=k-hk");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "live".equals(browser.eval("document.getElementById('status').className")));
      assertThat(browser.eval("document.querySelectorAll('#alerts tr').length")).isEqualTo("0");

      ItKafka.send(
          producer,
          alerts,
          "HS-2026-000123",
          TestRecords.alert("alert-live-1", "HS-2026-000123", "HK", "HK", AlertKind.BREACH, 1)
              .build());
      String row = "document.querySelector('tr[data-alert-id=\"alert-live-1\"]')";
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "true".equals(browser.eval(row + " !== null")));

      assertThat(browser.eval(row + ".querySelector('.case').textContent"))
          .isEqualTo("HS-2026-000123");
      assertThat(browser.eval(row + ".querySelector('.unit').textContent"))
          .isEqualTo("UBND quận Hoàn Kiếm");
      assertThat(browser.eval(row + ".querySelector('.kind').textContent")).isEqualTo("Quá hạn");
      assertThat(browser.eval(row + ".querySelector('.level').textContent")).isEqualTo("1");
      assertThat(browser.eval(row + ".querySelector('.due').textContent"))
          .isEqualTo("2026-03-03 00:00");
      assertThat(browser.eval(row + ".querySelector('.overdue').textContent")).contains("ngày");
      assertThat(browser.eval("location.search")).as("no reload happened").isEqualTo("?key=k-hk");
      browser.screenshot(SCREENSHOT);
      assertThat(Files.size(SCREENSHOT)).isGreaterThan(1000);
    }
  }
}
