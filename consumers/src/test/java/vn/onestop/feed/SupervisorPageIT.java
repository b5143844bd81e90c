package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.testkit.TestRecords;

/**
 * /supervisor in Debian's headless Chromium at phone size: the case of an alert produced to Kafka
 * while the page is open appears as one row without reload (two alerts of the case, one row), and
 * leaves the list when a Resolved event for it is written to case-events. Screenshot (the row
 * shown): consumers/target/supervisor-alert.png.
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
    String events = ItKafka.unique("case-events");
    ItKafka.createTopics(stack, Topics.CASE_EVENTS, 2, events);
    FeedConfig config =
        FeedConfig.defaults(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                ApiKeyPrincipals.of(
                    Map.of("k-hk", Principal.of("cb-hk", Scope.unit("HK"), Role.SUPERVISOR))),
                null)
            .withPort(0)
            .withTopics(alerts, orgUnits, ItKafka.unique("webhooks"))
            .withCaseEventsTopic(events);
    try (AlertFeedService feed = AlertFeedService.start(config);
        KafkaProducer<String, CaseAlert> producer =
            ItKafka.producer(stack, Topics.CASE_ALERTS, null);
        HeadlessChromium browser = new HeadlessChromium(412, 860)) {
      browser.open("http://127.0.0.1:" + feed.port() + "/supervisor?key=k-hk");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "live".equals(browser.eval("document.getElementById('status').className")));
      assertThat(browser.eval("document.querySelectorAll('#cases tr').length")).isEqualTo("0");

      ItKafka.send(
          producer,
          alerts,
          "HS-2026-000123",
          TestRecords.alert("alert-live-1", "HS-2026-000123", "HK", "HK", AlertKind.BREACH, 1)
              .build());
      ItKafka.send(
          producer,
          alerts,
          "HS-2026-000123",
          TestRecords.alert("alert-live-2", "HS-2026-000123", "HK", "HN", AlertKind.ESCALATION, 2)
              .build());
      String row = "document.querySelector('tr[data-case-id=\"HS-2026-000123\"]')";
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "2"
                      .equals(
                          browser.eval(
                              row
                                  + " === null ? '' : "
                                  + row
                                  + ".querySelector('.level').textContent")));
      assertThat(browser.eval("document.querySelectorAll('#cases tr').length"))
          .as("one row per case, not per alert")
          .isEqualTo("1");

      assertThat(browser.eval(row + ".querySelector('.case').textContent"))
          .isEqualTo("HS-2026-000123");
      assertThat(browser.eval(row + ".querySelector('.unit').textContent"))
          .isEqualTo("UBND quận Hoàn Kiếm");
      assertThat(browser.eval(row + ".querySelector('.kind').textContent"))
          .isEqualTo("Chuyển cấp trên · 2026-03-03 00:00");
      assertThat(browser.eval(row + ".querySelector('.category').textContent"))
          .isEqualTo("Khiếu nại");
      // a deadline at 24:00 (00:00 of the next day) is the end of the previous day
      assertThat(browser.eval(row + ".querySelector('.due').textContent"))
          .isEqualTo("hết ngày 02/03/2026");
      assertThat(browser.eval(row + ".querySelector('.overdue').textContent"))
          .startsWith("quá hạn ")
          .contains("ngày");
      assertThat(browser.eval("location.search")).as("no reload happened").isEqualTo("?key=k-hk");
      browser.screenshot(SCREENSHOT);
      assertThat(Files.size(SCREENSHOT)).isGreaterThan(1000);

      try (KafkaProducer<String, CaseEvent> ev =
          ItKafka.producer(stack, Topics.CASE_EVENTS, null)) {
        ItKafka.send(
            ev,
            events,
            "HS-2026-000123",
            TestRecords.resolved(
                "ev-resolved-1", "HS-2026-000123", Instant.parse("2026-03-05T02:00:00Z")));
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "true".equals(browser.eval(row + " === null")));
      assertThat(browser.eval("document.getElementById('empty').style.display")).isEqualTo("block");
    }
  }
}
