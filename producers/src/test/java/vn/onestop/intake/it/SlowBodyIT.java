package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.intake.IntakeOptions;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.http.IntakeHttpConfig;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;

/**
 * Raw-socket clients that trickle a body (Content-Length 60000, one byte every 300 ms) do not keep
 * a normal request from being served: without a credential they are answered 401 before their body
 * is read; with one, the minimum request data rate ends them (408 or a closed connection); and a
 * client over its concurrency cap is answered 503 problem+json at once. Short configured limits; no
 * assertion on speed (waits are upper bounds for the outcome).
 */
@WithKafkaStack
class SlowBodyIT {
  static final String KEY = "slow-key";
  static final String BODY =
      "{\"category\":\"PHAN_ANH\",\"unitId\":\"u-slow\",\"description\":\"x\"}";

  static IntakeService start(KafkaStack stack, IntakeHttpConfig.Limits limits) {
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
    IntakeService s =
        IntakeService.start(
            IntakeOptions.defaults(
                    stack.bootstrapServers(),
                    stack.schemaRegistryUrl(),
                    IntakeHttpConfig.defaults(Map.of(KEY, "slow-client")).withLimits(limits))
                .withIdentityKey(IdentityKey.fromBytes(new byte[32])));
    await().atMost(Duration.ofSeconds(60)).until(s::readModelCaughtUp);
    return s;
  }

  /** A connection that sends its headers and then one byte of body every 300 ms. */
  static final class Trickle implements AutoCloseable {
    final Socket socket;
    final AtomicBoolean stop = new AtomicBoolean();
    final Thread writer;

    Trickle(String baseUrl, String path, String apiKey) throws IOException {
      URI u = URI.create(baseUrl);
      socket = new Socket(u.getHost(), u.getPort());
      OutputStream out = socket.getOutputStream();
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: "
              + u.getHost()
              + "\r\nContent-Type: "
              + (path.startsWith("/open311")
                  ? "application/x-www-form-urlencoded"
                  : "application/json")
              + "\r\nContent-Length: 60000\r\n"
              + (apiKey == null ? "" : "X-API-Key: " + apiKey + "\r\n")
              + "\r\n{";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      writer =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    Thread.sleep(300);
                    out.write(' ');
                    out.flush();
                  }
                } catch (IOException | InterruptedException e) {
                  // closed by the server or by the test
                }
              });
      writer.setDaemon(true);
      writer.start();
    }

    /**
     * @return the status line the server answered, "closed" when it closed the connection, or null
     *     when nothing came within the socket timeout
     */
    String answer(int waitMillis) throws IOException {
      socket.setSoTimeout(waitMillis);
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      try {
        int c;
        while ((c = in.read()) != -1) {
          if (c == '\n') {
            return line.toString().trim();
          }
          line.append((char) c);
        }
        return line.isEmpty() ? "closed" : line.toString().trim();
      } catch (SocketTimeoutException e) {
        return null;
      } catch (IOException e) {
        return "closed";
      }
    }

    @Override
    public void close() throws IOException {
      stop.set(true);
      socket.close();
    }
  }

  @Test
  void slowBodiesDoNotBlockANormalRequest(KafkaStack stack) throws Exception {
    try (IntakeService s =
        start(stack, new IntakeHttpConfig.Limits(Duration.ofSeconds(3), 200, 100, 20))) {
      List<Trickle> keyed = new ArrayList<>();
      List<Trickle> anonymous = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          keyed.add(new Trickle(s.baseUrl(), "/api/v1/cases", KEY));
          anonymous.add(new Trickle(s.baseUrl(), "/api/v1/cases", null));
        }
        anonymous.add(new Trickle(s.baseUrl(), "/open311/v2/requests.json", null));
        Http http = new Http(s.baseUrl());
        HttpResponse<String> normal = http.postJson("/api/v1/cases", BODY, "X-API-Key", KEY);
        assertThat(normal.statusCode()).as(normal.body()).isEqualTo(202);
        for (Trickle t : anonymous.subList(0, 4)) {
          assertThat(t.answer(30_000))
              .as("no credential: answered before the body")
              .contains(" 401");
        }
        for (Trickle t : keyed) {
          String a = t.answer(60_000);
          assertThat(a).as("a keyed slow body is ended").isNotNull();
          assertThat(a.equals("closed") || a.contains(" 408")).as(a).isTrue();
        }
        String open311 = anonymous.get(4).answer(60_000);
        assertThat(open311).as("Open311 form without header credential is ended").isNotNull();
        assertThat(open311.equals("closed") || open311.contains(" 408")).as(open311).isTrue();
        assertThat(http.postJson("/api/v1/cases", BODY, "X-API-Key", KEY).statusCode())
            .isEqualTo(202);
      } finally {
        for (Trickle t : keyed) {
          t.close();
        }
        for (Trickle t : anonymous) {
          t.close();
        }
      }
    }
  }

  @Test
  void aClientOverItsConcurrencyCapIsAnswered503(KafkaStack stack) throws Exception {
    // no minimum rate here: the trickles stay in progress until the test closes them
    try (IntakeService s =
        start(stack, new IntakeHttpConfig.Limits(Duration.ofSeconds(30), 0, 100, 2))) {
      Http http = new Http(s.baseUrl());
      Trickle a = new Trickle(s.baseUrl(), "/api/v1/cases", KEY);
      Trickle b = new Trickle(s.baseUrl(), "/api/v1/cases", KEY);
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> http.postJson("/api/v1/cases", BODY, "X-API-Key", KEY).statusCode() == 503);
        HttpResponse<String> over = http.postJson("/api/v1/cases", BODY, "X-API-Key", KEY);
        assertThat(over.statusCode()).isEqualTo(503);
        assertThat(over.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/problem+json");
        assertThat(over.headers().firstValue("Retry-After")).isPresent();
        assertThat(over.body()).contains("too many requests in progress from this client");
      } finally {
        a.close();
        b.close();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> http.postJson("/api/v1/cases", BODY, "X-API-Key", KEY).statusCode() == 202);
    }
  }
}
