package vn.onestop.feed;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook URL and how alerts are delivered to it. Each alert: POST of the {@link AlertView}
 * JSON with headers {@code X-OneStop-Signature}, {@code X-OneStop-Alert-Id} and {@code
 * X-OneStop-Delivery-Attempt}; a 2xx answer is success, anything else (another status, an I/O
 * error, no answer within {@link RetryPolicy#attemptTimeout()}) is retried per the {@link
 * RetryPolicy}, then the alert is given up. {@link #deliver} runs on the caller's thread (one
 * {@link ReceiverConsumer} per receiver), so a slow receiver delays only itself.
 *
 * <p>Logs name the receiver by its {@link #id()} (a digest of the URL, which may carry a token) and
 * the alert by its id; never the URL's path or query, a body or a case's text. Failed attempts are
 * logged at DEBUG; each alert given up is one WARN line, so the volume is bounded by the alerts,
 * not by the attempts, and a receiver that always fails writes at most one line per {@link
 * RetryPolicy#worstCase()}.
 */
public final class WebhookReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

  /** Outcome of one alert at this receiver. */
  public enum Outcome {
    /** A 2xx answer was received. */
    DELIVERED,
    /** Every attempt failed; the alert is recorded as undelivered in the log. */
    GAVE_UP,
    /** The service is stopping; the alert was neither delivered nor given up. */
    STOPPED
  }

  /**
   * What one delivery did.
   *
   * @param outcome the outcome
   * @param attempts the attempts made (HTTP requests sent), 0 when stopped before the first
   */
  public record Result(Outcome outcome, int attempts) {}

  /** Waits between attempts; the consumer keeps its group membership while it waits. */
  @FunctionalInterface
  public interface Backoff {
    /**
     * @param delay how long to wait
     * @return false when the service is stopping (no further attempt)
     * @throws InterruptedException if interrupted
     */
    boolean await(Duration delay) throws InterruptedException;
  }

  private final URI url;
  private final String id;
  private final WebhookSigner signer;
  private final RetryPolicy retry;
  private final HttpClient http;

  /**
   * @param url the receiver's URL (http or https)
   * @param signer signs bodies
   * @param retry retry policy
   * @throws IllegalArgumentException if the URL is not absolute http(s) (the message does not
   *     repeat the URL)
   */
  public WebhookReceiver(URI url, WebhookSigner signer, RetryPolicy retry) {
    if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
      throw new IllegalArgumentException(
          "webhookUrl of receiver " + idOf(url.toString()) + " must be an absolute http(s) URL");
    }
    this.url = url;
    this.id = idOf(url.toString());
    this.signer = signer;
    this.retry = retry;
    this.http = HttpClient.newBuilder().connectTimeout(retry.attemptTimeout()).build();
  }

  /**
   * The id of the receiver of a webhook URL, used in logs and in its consumer group's name.
   *
   * @param url the URL exactly as in {@code OrgUnit.webhookUrl}
   * @return the first 12 lower-case hex digits of SHA-256 of the URL's UTF-8 bytes
   */
  public static String idOf(String url) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /**
   * @return the receiver's URL
   */
  public URI url() {
    return url;
  }

  /**
   * @return the receiver's id ({@link #idOf})
   */
  public String id() {
    return id;
  }

  /**
   * @return the longest wait for one answer, in milliseconds
   */
  long attemptTimeoutMillis() {
    return retry.attemptTimeout().toMillis();
  }

  /**
   * @return scheme, host and port of the URL, without path or query (safe to log)
   */
  public String origin() {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  /**
   * Delivers one alert, retrying per the policy; blocks until delivered, given up or stopped.
   *
   * @param alert the alert view to send
   * @param backoff waits between attempts
   * @return the outcome and the number of attempts
   * @throws InterruptedException if the thread is interrupted (the service is stopping)
   */
  public Result deliver(AlertView alert, Backoff backoff) throws InterruptedException {
    String alertId = alert.alertId();
    byte[] body = alert.toJson().getBytes(StandardCharsets.UTF_8);
    String signature = signer.sign(body);
    for (int attempt = 1; ; attempt++) {
      String failure = attempt(alertId, body, signature, attempt);
      if (failure == null) {
        return new Result(Outcome.DELIVERED, attempt);
      }
      if (attempt >= retry.maxAttempts()) {
        LOG.warn(
            "webhook receiver {}: alert {} undelivered after {} attempts (last: {})",
            id,
            alertId,
            attempt,
            failure);
        return new Result(Outcome.GAVE_UP, attempt);
      }
      Duration delay = retry.delayAfter(attempt);
      LOG.debug(
          "webhook receiver {}: alert {} attempt {} failed ({}), next in {} ms",
          id,
          alertId,
          attempt,
          failure,
          delay.toMillis());
      if (!backoff.await(delay)) {
        return new Result(Outcome.STOPPED, attempt);
      }
    }
  }

  /** One POST; null on a 2xx answer, otherwise a short description that names no URL. */
  private String attempt(String alertId, byte[] body, String signature, int attempt)
      throws InterruptedException {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(url)
              .timeout(retry.attemptTimeout())
              .header("Content-Type", "application/json; charset=utf-8")
              .header(WebhookSigner.SIGNATURE_HEADER, signature)
              .header(WebhookSigner.ALERT_ID_HEADER, alertId)
              .header("X-OneStop-Delivery-Attempt", Integer.toString(attempt))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2 ? null : "HTTP " + status;
    } catch (HttpTimeoutException e) {
      return "no answer within " + retry.attemptTimeout().toMillis() + " ms";
    } catch (ConnectException e) {
      return "connection failed";
    } catch (java.io.IOException e) {
      return e.getClass().getSimpleName();
    }
  }
}
