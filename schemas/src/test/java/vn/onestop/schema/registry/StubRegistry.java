package vn.onestop.schema.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server on 127.0.0.1 for unit tests of answers a real registry rarely gives on
 * demand (500s, Confluent-only field names) and for counting calls. Answers are keyed by {@code
 * "METHOD /path"} (path as received, still percent-encoded, without the query string).
 */
public final class StubRegistry implements AutoCloseable {
  /** A scripted answer. */
  public record Answer(int status, String body) {}

  /** A received request. */
  public record Request(String method, String rawPath, String body, String contentType) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  public StubRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String rawPath = exchange.getRequestURI().getRawPath();
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  rawPath,
                  body,
                  exchange.getRequestHeaders().getFirst("Content-Type")));
          Answer a =
              answers.getOrDefault(
                  exchange.getRequestMethod() + " " + rawPath,
                  new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
          byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .add("Content-Type", "application/vnd.schemaregistry.v1+json");
          exchange.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
          try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
          }
        });
    server.start();
  }

  /**
   * @return base URL, e.g. {@code http://127.0.0.1:40000/apis/ccompat/v7}
   */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
  }

  /** Scripts the answer to {@code METHOD /apis/ccompat/v7<path>}. */
  public StubRegistry answer(String method, String path, int status, String body) {
    answers.put(method + " /apis/ccompat/v7" + path, new Answer(status, body));
    return this;
  }

  /**
   * @return requests received so far, in order
   */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
