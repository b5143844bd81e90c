package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.testkit.TestRecords;

class WebhookDeliveryTest {
  private static final String SECRET = "test-secret-0123456789";
  private static final RetryPolicy FAST =
      new RetryPolicy(5, Duration.ofMillis(20), 2.0, Duration.ofMillis(200));

  /** A backoff that waits for nothing and keeps the delays the receiver asked for, in order. */
  private static final class RecordedBackoff implements WebhookReceiver.Backoff {
    final java.util.List<Duration> delays = new java.util.ArrayList<>();

    @Override
    public boolean await(Duration delay) {
      delays.add(delay);
      return true;
    }
  }

  private static AlertView view(String alertId) {
    CaseAlert alert = TestRecords.alert(alertId, "case-1", "HK", "HK", AlertKind.BREACH, 1).build();
    return AlertView.of(alert, Fixtures.cityTree());
  }

  @Test
  void receiverFailingTwiceGetsTheAlertOnTheThirdAttemptWithAValidSignature() throws Exception {
    WebhookSigner signer = new WebhookSigner(SECRET);
    try (TestWebhookServer server = new TestWebhookServer(2)) {
      WebhookReceiver receiver = new WebhookReceiver(URI.create(server.url()), signer, FAST);
      RecordedBackoff backoff = new RecordedBackoff();

      assertThat(receiver.deliver(view("alert-1"), backoff))
          .isEqualTo(new WebhookReceiver.Result(WebhookReceiver.Outcome.DELIVERED, 3));
      assertThat(backoff.delays)
          .as("exponential backoff between the attempts")
          .containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
      assertThat(server.requests)
          .extracting(TestWebhookServer.Received::status)
          .containsExactly(503, 503, 200);
      assertThat(server.requests)
          .extracting(TestWebhookServer.Received::attempt)
          .containsExactly("1", "2", "3");
      TestWebhookServer.Received ok = server.delivered().get(0);
      assertThat(ok.alertId()).isEqualTo("alert-1");
      assertThat(signer.verify(ok.body(), ok.signature())).isTrue();
      assertThat(ok.signature()).startsWith("sha256=").hasSize(7 + 64);
      assertThat(new WebhookSigner("another-secret-0123456").verify(ok.body(), ok.signature()))
          .isFalse();
      var json = new ObjectMapper().readTree(ok.body());
      assertThat(json.get("caseId").asText()).isEqualTo("case-1");
      assertThat(json.get("unitName").asText()).isEqualTo("UBND quận Hoàn Kiếm");
      assertThat(json.get("deadlineLocal").asText()).isEqualTo("2026-03-03 00:00");
    }
  }

  @Test
  void aFailingReceiverGetsMaxAttemptsThenOneWarningNamingOnlyAlertAndReceiver() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(-1, 500, Duration.ZERO);
        LogCapture log = new LogCapture(WebhookReceiver.class)) {
      String url = server.url() + "?token=s3cr3t";
      WebhookReceiver receiver =
          new WebhookReceiver(URI.create(url), new WebhookSigner(SECRET), FAST);

      RecordedBackoff backoff = new RecordedBackoff();
      assertThat(receiver.deliver(view("alert-9"), backoff))
          .isEqualTo(new WebhookReceiver.Result(WebhookReceiver.Outcome.GAVE_UP, 5));
      assertThat(backoff.delays)
          .as("doubling after each failed attempt")
          .containsExactly(
              Duration.ofMillis(20),
              Duration.ofMillis(40),
              Duration.ofMillis(80),
              Duration.ofMillis(160));
      assertThat(server.requests).hasSize(5);
      assertThat(log.lines())
          .containsExactly(
              "webhook receiver "
                  + WebhookReceiver.idOf(url)
                  + ": alert alert-9 undelivered after 5 attempts (last: HTTP 500)");
    }
  }

  @Test
  void aReceiverSleepingPastTheTimeoutCountsAsAFailedAttempt() throws Exception {
    RetryPolicy quick =
        new RetryPolicy(
            2, Duration.ofMillis(10), 2.0, Duration.ofMillis(10), Duration.ofMillis(300));
    try (TestWebhookServer slow = new TestWebhookServer(0, 200, Duration.ofSeconds(3));
        LogCapture log = new LogCapture(WebhookReceiver.class)) {
      WebhookReceiver receiver =
          new WebhookReceiver(URI.create(slow.url()), new WebhookSigner(SECRET), quick);

      assertThat(receiver.deliver(view("alert-s"), new RecordedBackoff()).outcome())
          .isEqualTo(WebhookReceiver.Outcome.GAVE_UP);
      assertThat(log.warnings()).singleElement().asString().contains("no answer within 300 ms");
    }
  }

  @Test
  void aStopDuringTheBackoffEndsTheDeliveryWithoutGivingUp() throws Exception {
    try (TestWebhookServer server = new TestWebhookServer(-1, 503, Duration.ZERO);
        LogCapture log = new LogCapture(WebhookReceiver.class)) {
      WebhookReceiver receiver =
          new WebhookReceiver(URI.create(server.url()), new WebhookSigner(SECRET), FAST);

      assertThat(receiver.deliver(view("alert-2"), d -> false))
          .isEqualTo(new WebhookReceiver.Result(WebhookReceiver.Outcome.STOPPED, 1));
      assertThat(log.lines()).isEmpty();
    }
  }

  @Test
  void unitAndRecipientSharingAUrlAreOneRoute() {
    OrgTree org = Fixtures.cityTree();
    org.apply(
        "HK",
        TestRecords.unit("HK", "UBND quận Hoàn Kiếm", "HN", 1)
            .setWebhookUrl("http://127.0.0.1:9/a")
            .build());
    org.apply(
        "HK-P1",
        TestRecords.unit("HK-P1", "UBND phường Hàng Bạc", "HK", 2)
            .setWebhookUrl("http://127.0.0.1:9/a")
            .build());
    org.apply(
        "BD",
        TestRecords.unit("BD", "UBND quận Ba Đình", "HN", 1)
            .setWebhookUrl("http://127.0.0.1:9/b")
            .build());

    assertThat(
            WebhookRoutes.urls(
                TestRecords.alert("e1", "c1", "HK-P1", "HK", AlertKind.ESCALATION, 2).build(), org))
        .containsExactly("http://127.0.0.1:9/a");
    assertThat(
            WebhookRoutes.urls(
                TestRecords.alert("e2", "c2", "HN", "HN", AlertKind.ESCALATION, 3).build(), org))
        .isEmpty();
    assertThat(WebhookRoutes.inUse(org))
        .containsExactlyInAnyOrder("http://127.0.0.1:9/a", "http://127.0.0.1:9/b");
  }

  @Test
  void receiverIdsAreStableDigestsThatDoNotShowTheUrl() {
    String id = WebhookReceiver.idOf("https://hooks.example/abc?token=s3cr3t");
    assertThat(id)
        .matches("[0-9a-f]{12}")
        .isEqualTo(WebhookReceiver.idOf("https://hooks.example/abc?token=s3cr3t"));
    assertThat(id).isNotEqualTo(WebhookReceiver.idOf("https://hooks.example/abd?token=s3cr3t"));
  }

  @Test
  void backoffIsExponentialAndBounded() {
    RetryPolicy p = new RetryPolicy(8, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));
    assertThat(
            List.of(
                p.delayAfter(1),
                p.delayAfter(2),
                p.delayAfter(3),
                p.delayAfter(4),
                p.delayAfter(7)))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    // 8 timeouts of 10 s + delays 1+2+4+5+5+5+5 s
    assertThat(p.worstCase()).isEqualTo(Duration.ofSeconds(80 + 27));
  }
}
