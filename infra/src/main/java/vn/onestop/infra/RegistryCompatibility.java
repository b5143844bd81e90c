package vn.onestop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure a Confluent-compatible registry applies global BACKWARD compatibility. */
public final class RegistryCompatibility {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryCompatibility.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private RegistryCompatibility() {}

  /**
   * Reads {@code GET <url>/config}; if the global level is not {@code BACKWARD}, sets it with
   * {@code PUT <url>/config} and reads it back.
   *
   * @param confluentApiUrl base URL of the Confluent API, e.g. {@code
   *     http://127.0.0.1:8081/apis/ccompat/v7}
   * @throws InfraException if the registry does not answer, answers with an error status, or still
   *     reports another level after the update
   */
  public static void ensureBackward(String confluentApiUrl) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    String level = globalLevel(http, confluentApiUrl);
    if ("BACKWARD".equals(level)) {
      return;
    }
    LOG.info("registry {} has global compatibility {}; setting BACKWARD", confluentApiUrl, level);
    send(
        http,
        HttpRequest.newBuilder(URI.create(confluentApiUrl + "/config"))
            .header("Content-Type", CONTENT_TYPE)
            .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}")));
    level = globalLevel(http, confluentApiUrl);
    if (!"BACKWARD".equals(level)) {
      throw new InfraException(
          "registry "
              + confluentApiUrl
              + " reports global compatibility "
              + level
              + " after PUT /config BACKWARD");
    }
  }

  /**
   * @param confluentApiUrl base URL of the Confluent API
   * @return the global compatibility level, e.g. {@code BACKWARD} or {@code NONE}
   * @throws InfraException if the registry does not answer or answers with an error status
   */
  public static String globalLevel(String confluentApiUrl) {
    return globalLevel(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), confluentApiUrl);
  }

  private static String globalLevel(HttpClient http, String url) {
    String body = send(http, HttpRequest.newBuilder(URI.create(url + "/config")).GET());
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode level =
          node.has("compatibilityLevel")
              ? node.get("compatibilityLevel")
              : node.get("compatibility");
      if (level == null) {
        throw new InfraException("GET " + url + "/config returned no compatibility level: " + body);
      }
      return level.asText();
    } catch (IOException e) {
      throw new InfraException("GET " + url + "/config returned invalid JSON: " + body, e);
    }
  }

  private static String send(HttpClient http, HttpRequest.Builder request) {
    HttpRequest built = request.timeout(TIMEOUT).header("Accept", CONTENT_TYPE).build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new InfraException(
            built.method()
                + " "
                + built.uri()
                + " returned HTTP "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new InfraException(built.method() + " " + built.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("interrupted during " + built.method() + " " + built.uri(), e);
    }
  }
}
