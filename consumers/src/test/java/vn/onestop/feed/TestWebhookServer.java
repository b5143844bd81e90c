package vn.onestop.feed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real local HTTP server receiving webhooks; answers 503 to the first {@code failures} requests.
 */
final class TestWebhookServer implements AutoCloseable {
  record Received(int status, String alertId, String signature, String attempt, byte[] body) {}

  private final HttpServer server;
  private final AtomicInteger remainingFailures;
  final List<Received> requests = new CopyOnWriteArrayList<>();

  TestWebhookServer(int failures) throws IOException {
    remainingFailures = new AtomicInteger(failures);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          byte[] body;
          try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
          }
          int status = remainingFailures.getAndDecrement() > 0 ? 503 : 200;
          requests.add(
              new Received(
                  status,
                  ex.getRequestHeaders().getFirst(WebhookSigner.ALERT_ID_HEADER),
                  ex.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER),
                  ex.getRequestHeaders().getFirst("X-OneStop-Delivery-Attempt"),
                  body));
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Received> delivered() {
    return requests.stream().filter(r -> r.status() == 200).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
