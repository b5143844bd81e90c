package vn.onestop.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A steady load on the intake API: one petition (PHAN_ANH) after another, {@code pause} apart,
 * until stopped; every answer is kept (status, Retry-After, case id, when it was sent and how long
 * it took).
 */
final class SubmissionLoad implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** HTTP client timeout: an answer later than this counts as a hang. */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  /** One submission and its answer; status -1 = no answer within {@link #CLIENT_TIMEOUT}. */
  record Answer(int status, String retryAfter, String caseId, long sentNanos, long tookMillis) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String apiKey;
  private final String unitId;
  private final Duration pause;
  private final List<Answer> answers = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  SubmissionLoad(String baseUrl, String apiKey, String unitId, Duration pause) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.unitId = unitId;
    this.pause = pause;
    this.thread = new Thread(this::run, "submission-load");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    int n = 0;
    while (running) {
      n++;
      String body =
          JSON.createObjectNode()
              .put("category", "PHAN_ANH")
              .put("channel", "WEB")
              .put("unitId", unitId)
              .put("description", "Phản ánh số " + n + " khi có sự cố")
              .toString();
      long t0 = System.nanoTime();
      Answer a;
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/cases"))
                    .timeout(CLIENT_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        String id = r.statusCode() == 202 ? JSON.readTree(r.body()).get("caseId").asText() : null;
        a =
            new Answer(
                r.statusCode(),
                r.headers().firstValue("Retry-After").orElse(null),
                id,
                t0,
                (System.nanoTime() - t0) / 1_000_000);
      } catch (HttpTimeoutException e) {
        a = new Answer(-1, null, null, t0, (System.nanoTime() - t0) / 1_000_000);
      } catch (IOException e) {
        a = new Answer(-2, null, null, t0, (System.nanoTime() - t0) / 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      synchronized (answers) {
        answers.add(a);
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  List<Answer> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  /**
   * @return the case ids answered 202
   */
  Set<String> accepted() {
    return answers().stream()
        .filter(a -> a.status() == 202)
        .map(Answer::caseId)
        .collect(Collectors.toSet());
  }

  /** Stops after the submission in flight. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(CLIENT_TIMEOUT.toMillis() + 5_000);
  }
}
