package vn.onestop.feed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real local HTTP server receiving webhooks: answers {@code failStatus} to the first {@code
 * failures} requests (all of them when {@code failures} is negative), 200 to the others, each after
 * {@code delay}. A request is counted in {@link #arrivals} when it arrives and recorded in {@link
 * #requests} when it is answered.
 */
final class TestWebhookServer implements AutoCloseable {
  record Received(int status, String alertId, String signature, String attempt, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger remainingFailures;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final boolean gated;

  /** Requests answered (after the delay or the gate), in order. */
  final List<Received> requests = new CopyOnWriteArrayList<>();

  /** Requests received, answered or not. */
  final AtomicInteger arrivals = new AtomicInteger();

  /** A server that holds every request, answering nothing until {@link #open()}, then 200. */
  static TestWebhookServer gated() throws IOException {
    return new TestWebhookServer(0, 200, Duration.ZERO, true);
  }

  /** Answers 503 to the first {@code failures} requests, at once. */
  TestWebhookServer(int failures) throws IOException {
    this(failures, 503, Duration.ZERO);
  }

  TestWebhookServer(int failures, int failStatus, Duration delay) throws IOException {
    this(failures, failStatus, delay, false);
  }

  private TestWebhookServer(int failures, int failStatus, Duration delay, boolean gated)
      throws IOException {
    this.gated = gated;
    remainingFailures = new AtomicInteger(failures);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/hook",
        ex -> {
          byte[] body;
          try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
          }
          arrivals.incrementAndGet();
          boolean fail = failures < 0 || remainingFailures.getAndDecrement() > 0;
          int status = fail ? failStatus : 200;
          try {
            Thread.sleep(delay.toMillis());
            if (this.gated && !gate.await(2, TimeUnit.MINUTES)) {
              return;
            }
            requests.add(
                new Received(
                    status,
                    ex.getRequestHeaders().getFirst(WebhookSigner.ALERT_ID_HEADER),
                    ex.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER),
                    ex.getRequestHeaders().getFirst("X-OneStop-Delivery-Attempt"),
                    body));
            ex.sendResponseHeaders(status, -1);
          } catch (InterruptedException | IOException e) {
            // the client gave up waiting
          } finally {
            ex.close();
          }
        });
    server.start();
  }

  /** Lets held and later requests through (a gated server). */
  void open() {
    gate.countDown();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Received> delivered() {
    return requests.stream().filter(r -> r.status() == 200).toList();
  }

  /** Requests per alert id. */
  Map<String, Long> attemptsByAlert() {
    return requests.stream()
        .collect(Collectors.groupingBy(Received::alertId, Collectors.counting()));
  }

  @Override
  public void close() {
    gate.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
