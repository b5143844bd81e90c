package vn.onestop.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal real SSE client over java.net.http: records every event (id, event, data). */
final class SseTestClient implements AutoCloseable {
  record Event(String id, String name, JsonNode data) {
    String alertId() {
      return data.get("alertId").asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  final List<Event> events = new CopyOnWriteArrayList<>();
  final int status;
  final String contentType;
  private final InputStream body;
  private final Thread reader;

  /** Connects with the given key and optional Last-Event-ID, reading events on a thread. */
  SseTestClient(int port, String key, String lastEventId) throws Exception {
    this(port, "X-API-Key", key, lastEventId);
  }

  /**
   * Connects with the credential in the given header (e.g. {@code Authorization}, {@code Bearer
   * <jwt>}) and optional Last-Event-ID.
   */
  SseTestClient(int port, String header, String value, String lastEventId) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feeds/alerts"))
            .header("Accept", "text/event-stream")
            .header(header, value);
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    status = r.statusCode();
    contentType = r.headers().firstValue("Content-Type").orElse("");
    body = r.body();
    reader = new Thread(this::read, "sse-test-client");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, name, JSON.readTree(data.toString())));
          }
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (Exception e) {
      // connection closed
    }
  }

  List<String> alertIds() {
    return events.stream().map(Event::alertId).toList();
  }

  String lastEventId() {
    return events.get(events.size() - 1).id();
  }

  @Override
  public void close() throws Exception {
    body.close();
  }
}
