package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.testkit.TestRecords;

class WebhookDeliveryTest {
  private static final String SECRET = "test-secret-0123456789";
  private static final RetryPolicy FAST =
      new RetryPolicy(5, Duration.ofMillis(20), 2.0, Duration.ofMillis(200));

  @Test
  void receiverFailingTwiceGetsTheAlertOnceWithAValidSignature() throws Exception {
    WebhookSigner signer = new WebhookSigner(SECRET);
    CaseAlert alert =
        TestRecords.alert("alert-1", "case-1", "HK", "HK", AlertKind.BREACH, 1).build();
    List<WebhookReceiver.Outcome> outcomes = new CopyOnWriteArrayList<>();
    try (TestWebhookServer server = new TestWebhookServer(2);
        WebhookReceiver receiver = new WebhookReceiver(URI.create(server.url()), signer, FAST)) {
      AlertView view = AlertView.of(alert, Fixtures.cityTree());
      receiver.submit(view, outcomes::add);
      await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 1);
      receiver.submit(view, outcomes::add); // a duplicate copy of the alert

      assertThat(outcomes)
          .containsExactly(
              WebhookReceiver.Outcome.DELIVERED, WebhookReceiver.Outcome.ALREADY_DELIVERED);
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
  void aReceiverThatIsDownDoesNotBlockTheOthers() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort(); // closed again: connections are refused
    }
    RetryPolicy slow = new RetryPolicy(3, Duration.ofSeconds(30), 2.0, Duration.ofSeconds(60));
    try (TestWebhookServer healthy = new TestWebhookServer(0)) {
      OrgTree org = Fixtures.cityTree();
      org.apply(
          "HK",
          TestRecords.unit("HK", "UBND quận Hoàn Kiếm", "HN", 1)
              .setWebhookUrl("http://127.0.0.1:" + deadPort + "/down")
              .build());
      org.apply(
          "BD",
          TestRecords.unit("BD", "UBND quận Ba Đình", "HN", 1)
              .setWebhookUrl(healthy.url())
              .build());
      AtomicInteger done = new AtomicInteger();
      try (WebhookDispatcher d = new WebhookDispatcher(org, new WebhookSigner(SECRET), slow)) {
        for (int i = 0; i < 3; i++) {
          assertThat(
                  d.dispatch(
                      TestRecords.alert("hk-" + i, "c" + i, "HK", "HK", AlertKind.BREACH, 1)
                          .build(),
                      done::incrementAndGet))
              .isEqualTo(1);
        }
        for (int i = 0; i < 3; i++) {
          d.dispatch(
              TestRecords.alert("bd-" + i, "d" + i, "BD", "BD", AlertKind.BREACH, 1).build(),
              done::incrementAndGet);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy.delivered().size() == 3);
        assertThat(healthy.delivered())
            .extracting(TestWebhookServer.Received::alertId)
            .containsExactlyInAnyOrder("bd-0", "bd-1", "bd-2");
        assertThat(done.get()).as("the dead receiver's alerts are still retrying").isEqualTo(3);
      }
    }
  }

  @Test
  void unitAndRecipientSharingAUrlGetOneDelivery() throws Exception {
    try (TestWebhookServer hook = new TestWebhookServer(0)) {
      OrgTree org = Fixtures.cityTree();
      org.apply(
          "HK",
          TestRecords.unit("HK", "UBND quận Hoàn Kiếm", "HN", 1).setWebhookUrl(hook.url()).build());
      org.apply(
          "HK-P1",
          TestRecords.unit("HK-P1", "UBND phường Hàng Bạc", "HK", 2)
              .setWebhookUrl(hook.url())
              .build());
      AtomicInteger done = new AtomicInteger();
      try (WebhookDispatcher d = new WebhookDispatcher(org, new WebhookSigner(SECRET), FAST)) {
        assertThat(
                d.dispatch(
                    TestRecords.alert("e1", "c1", "HK-P1", "HK", AlertKind.ESCALATION, 2).build(),
                    done::incrementAndGet))
            .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(hook.delivered()).hasSize(1);
      }
    }
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
  }
}
