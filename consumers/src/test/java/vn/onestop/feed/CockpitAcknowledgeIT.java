package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.Acknowledged;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAcknowledgement;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.testkit.TestRecords;

/**
 * The unit head's cockpit in Debian's headless Chromium (phone width) on a real broker and
 * registry: the head of UBND quận Hoàn Kiếm (scope HK) sees the open case of his unit and not the
 * case of UBND quận Ba Đình; clicking "Xác nhận đã xem" writes a {@code CaseAcknowledgement} to
 * {@code case-acknowledgements} (read back from the topic: the actor is the authenticated head, the
 * alert his page showed) and the row then says who acknowledged and when; a POST for the Ba Đình
 * case answers 403 naming {@code unit} and writes nothing; the case leaves the list when a Resolved
 * is written to {@code case-events}. Screenshots under {@code consumers/target/screenshots/}:
 * {@code cockpit-1-scope.png} (his one case, not yet acknowledged), {@code
 * cockpit-2-acknowledged.png} (the row after the click), {@code cockpit-3-resolved.png} (the empty
 * list after the Resolved).
 */
@WithKafkaStack
class CockpitAcknowledgeIT {
  private static final Path SHOTS = Path.of("target", "screenshots");
  private static final String OURS = "HS-2026-000777";
  private static final String THEIRS = "HS-2026-000888";

  @Test
  void aHeadAcknowledgesACaseOfHisScopeOnly(KafkaStack stack) throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(HeadlessChromium.BINARY),
        "Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium); browser test skipped");
    Files.createDirectories(SHOTS);
    String alerts = ItKafka.unique("case-alerts");
    ItKafka.createTopics(stack, Topics.CASE_ALERTS, 2, alerts);
    String orgUnits = ItKafka.cityOrgUnits(stack);
    String events = ItKafka.unique("case-events");
    ItKafka.createTopics(stack, Topics.CASE_EVENTS, 2, events);
    String acks = ItKafka.unique("case-acknowledgements");
    ItKafka.createTopics(stack, Topics.CASE_ACKNOWLEDGEMENTS, 2, acks);
    FeedConfig config =
        FeedConfig.defaults(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                ApiKeyPrincipals.of(
                    Map.of("k-head-hk", Principal.of("cb-hk", Scope.unit("HK"), Role.UNIT_HEAD))),
                null)
            .withPort(0)
            .withTopics(alerts, orgUnits, ItKafka.unique("webhooks"))
            .withCaseEventsTopic(events)
            .withAcknowledgementsTopic(acks);
    try (AlertFeedService feed = AlertFeedService.start(config);
        KafkaProducer<String, CaseAlert> producer =
            ItKafka.producer(stack, Topics.CASE_ALERTS, null);
        HeadlessChromium browser = new HeadlessChromium(412, 900)) {
      ItKafka.send(
          producer,
          alerts,
          OURS,
          TestRecords.alert("alert-hk-1", OURS, "HK", "HK", AlertKind.BREACH, 1).build());
      ItKafka.send(
          producer,
          alerts,
          THEIRS,
          TestRecords.alert("alert-bd-1", THEIRS, "BD", "BD", AlertKind.BREACH, 1).build());
      browser.open("http://127.0.0.1:" + feed.port() + "/supervisor?key=k-head-hk");
      String row = "document.querySelector('tr[data-case-id=\"" + OURS + "\"]')";
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "false".equals(browser.eval(row + " === null")));
      assertThat(browser.eval("document.querySelectorAll('#cases tr').length"))
          .as("only the case of his unit")
          .isEqualTo("1");
      assertThat(browser.eval("document.body.textContent.indexOf('" + THEIRS + "')"))
          .isEqualTo("-1");
      assertThat(browser.eval(row + ".querySelector('.ack .who').textContent"))
          .isEqualTo("Chưa ai xác nhận");
      browser.screenshot(SHOTS.resolve("cockpit-1-scope.png"));

      Instant beforeClick = Instant.now();
      browser.eval(row + ".querySelector('button.acknowledge').click(); 'clicked'");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  browser
                      .eval(
                          "(function(){var r="
                              + row
                              + ";return r===null?'':r.querySelector('.ack .who').textContent;})()")
                      .startsWith("Đã xem: cb-hk"));
      browser.screenshot(SHOTS.resolve("cockpit-2-acknowledged.png"));

      List<CaseAcknowledgement> written = readAll(stack, acks, 1);
      assertThat(written).hasSize(1);
      CaseAcknowledgement a = written.get(0);
      assertThat(a.getCaseId()).isEqualTo(OURS);
      assertThat(a.getUnitId()).isEqualTo("HK");
      assertThat(a.getActorId()).as("the authenticated principal").isEqualTo("cb-hk");
      assertThat(a.getActorRole()).isEqualTo("UNIT_HEAD");
      assertThat(a.getOccurredAt()).isAfterOrEqualTo(beforeClick.minusSeconds(1));
      assertThat(a.getAction()).isInstanceOf(Acknowledged.class);
      assertThat(((Acknowledged) a.getAction()).getAlertId()).isEqualTo("alert-hk-1");

      // Out of scope: refused, nothing written.
      HttpResponse<String> refused =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + feed.port()
                                  + "/supervisor/cases/"
                                  + THEIRS
                                  + "/acknowledge"))
                      .header("X-API-Key", "k-head-hk")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("\"field\":\"unit\"");
      assertThat(readAll(stack, acks, 1)).as("a refusal writes nothing").hasSize(1);

      try (KafkaProducer<String, CaseEvent> ev =
          ItKafka.producer(stack, Topics.CASE_EVENTS, null)) {
        ItKafka.send(
            ev,
            events,
            OURS,
            TestRecords.resolved("ev-resolved-777", OURS, Instant.parse("2026-03-05T02:00:00Z")));
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "true".equals(browser.eval(row + " === null")));
      browser.screenshot(SHOTS.resolve("cockpit-3-resolved.png"));
      for (String shot :
          List.of("cockpit-1-scope.png", "cockpit-2-acknowledged.png", "cockpit-3-resolved.png")) {
        assertThat(Files.size(SHOTS.resolve(shot))).as(shot).isGreaterThan(1000);
      }
    }
  }

  /** Reads the topic from the beginning until at least {@code atLeast} records (10 s at most). */
  private static List<CaseAcknowledgement> readAll(KafkaStack stack, String topic, int atLeast) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, ItKafka.unique("reader"));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<CaseAcknowledgement> out = new ArrayList<>();
    try (KafkaConsumer<String, CaseAcknowledgement> c =
        new KafkaConsumer<>(
            p,
            new StringDeserializer(),
            Topics.CASE_ACKNOWLEDGEMENTS
                .valueSerde(new SchemaRegistryClient(stack.schemaRegistryUrl()), false)
                .deserializer())) {
      c.subscribe(List.of(topic));
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      // Reads on for a further second after the expected count, so that an extra record shows.
      long settle = -1;
      while (System.nanoTime() < end && (settle < 0 || System.nanoTime() < settle)) {
        for (ConsumerRecord<String, CaseAcknowledgement> r : c.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
        if (out.size() >= atLeast && settle < 0) {
          settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return out;
  }
}
