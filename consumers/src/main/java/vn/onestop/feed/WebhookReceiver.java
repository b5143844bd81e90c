package vn.onestop.feed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one webhook URL on its own thread, so a receiver that is down or slow delays
 * only itself. Each alert: POST of the {@link AlertView} JSON with headers {@code
 * X-OneStop-Signature}, {@code X-OneStop-Alert-Id} and {@code X-OneStop-Delivery-Attempt}; a 2xx
 * answer is success, anything else (or an I/O error or timeout) is retried per the {@link
 * RetryPolicy}. An alertId is delivered at most once per receiver in this process; across restarts
 * receivers must de-duplicate by {@code X-OneStop-Alert-Id} (at-least-once).
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

  /** Outcome of one alert at this receiver. */
  public enum Outcome {
    /** A 2xx answer was received. */
    DELIVERED,
    /** It had already been delivered (or is in flight) here. */
    ALREADY_DELIVERED,
    /** Every attempt failed. */
    GAVE_UP
  }

  private final URI url;
  private final WebhookSigner signer;
  private final RetryPolicy retry;
  private final HttpClient http;
  private final ScheduledExecutorService thread;
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();

  /**
   * @param url the receiver's URL (http or https)
   * @param signer signs bodies
   * @param retry retry policy
   * @throws IllegalArgumentException if the URL is not absolute http(s)
   */
  public WebhookReceiver(URI url, WebhookSigner signer, RetryPolicy retry) {
    if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
      throw new IllegalArgumentException("webhookUrl must be an absolute http(s) URL: " + url);
    }
    this.url = url;
    this.signer = signer;
    this.retry = retry;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "webhook-" + url.getHost() + ":" + url.getPort());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * @return the receiver's URL
   */
  public URI url() {
    return url;
  }

  /**
   * Queues an alert for delivery; returns at once.
   *
   * @param alert the alert view to send
   * @param done called once, on the receiver thread, with the outcome
   */
  public void submit(AlertView alert, Consumer<Outcome> done) {
    if (!claimed.add(alert.alertId())) {
      done.accept(Outcome.ALREADY_DELIVERED);
      return;
    }
    byte[] body = alert.toJson().getBytes(StandardCharsets.UTF_8);
    thread.execute(() -> attempt(alert.alertId(), body, 1, done));
  }

  private void attempt(String alertId, byte[] body, int attempt, Consumer<Outcome> done) {
    String failure;
    try {
      HttpRequest req =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json; charset=utf-8")
              .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(body))
              .header(WebhookSigner.ALERT_ID_HEADER, alertId)
              .header("X-OneStop-Delivery-Attempt", Integer.toString(attempt))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        done.accept(Outcome.DELIVERED);
        return;
      }
      failure = "HTTP " + status;
    } catch (java.io.IOException e) {
      failure = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (attempt >= retry.maxAttempts()) {
      LOG.warn(
          "webhook {}: giving up alert {} after {} attempts, last: {}",
          url,
          alertId,
          attempt,
          failure);
      claimed.remove(alertId);
      done.accept(Outcome.GAVE_UP);
      return;
    }
    Duration delay = retry.delayAfter(attempt);
    LOG.info(
        "webhook {}: alert {} attempt {} failed ({}), retrying in {} ms",
        url,
        alertId,
        attempt,
        failure,
        delay.toMillis());
    thread.schedule(
        () -> attempt(alertId, body, attempt + 1, done), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the thread; pending retries are dropped. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
