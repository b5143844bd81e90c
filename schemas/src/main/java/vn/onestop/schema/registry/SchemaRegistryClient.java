package vn.onestop.schema.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A small client for the Confluent Schema Registry REST API (v7), for Avro schemas only.
 *
 * <p>It speaks the public API documented by Confluent and works unchanged against Confluent Schema
 * Registry and against Apicurio Registry's compatibility endpoint ({@code .../apis/ccompat/v7}). We
 * write our own because the {@code io.confluent} client artifacts are not on Maven Central.
 *
 * <p>Ids are cached: registering or looking up the same (subject, schema) twice makes one HTTP
 * call, and a schema fetched by id is fetched once. The client is thread-safe.
 *
 * <p>Errors are {@link SchemaRegistryException} subclasses naming the subject or id: {@link
 * SchemaRegistryException.Unavailable} (not reachable, or 5xx), {@link
 * SchemaRegistryException.UnknownSchemaId} (404 on an id), {@link SchemaRegistryException.NotFound}
 * (unknown subject or version), {@link SchemaRegistryException.Incompatible} (409), {@link
 * SchemaRegistryException.InvalidSchema} (422).
 */
public final class SchemaRegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  /**
   * @param baseUrl registry base URL, e.g. {@code http://127.0.0.1:8081} or {@code
   *     http://127.0.0.1:8080/apis/ccompat/v7}; a trailing slash is ignored
   * @throws IllegalArgumentException if the URL is blank or not http(s)
   */
  public SchemaRegistryClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(10));
  }

  /**
   * @param baseUrl registry base URL (see {@link #SchemaRegistryClient(String)})
   * @param requestTimeout limit for connecting and for each request
   */
  public SchemaRegistryClient(String baseUrl, Duration requestTimeout) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("schema.registry.url is empty");
    }
    String trimmed = baseUrl.trim().replaceAll("/+$", "");
    if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
      throw new IllegalArgumentException(
          "schema.registry.url must be an http(s) URL, got '" + baseUrl + "'");
    }
    this.baseUrl = trimmed;
    this.requestTimeout = requestTimeout;
    this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
  }

  /**
   * @return the base URL this client talks to, without a trailing slash
   */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Registers a schema under a subject ({@code POST /subjects/{subject}/versions}); registering an
   * already registered schema returns its existing id.
   *
   * @return the global schema id
   * @throws SchemaRegistryException.Incompatible if the subject's compatibility rule rejects it
   * @throws SchemaRegistryException.InvalidSchema if the registry refuses the schema text
   * @throws SchemaRegistryException.Unavailable if the registry cannot be reached
   */
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode body =
        call("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema), subject);
    int id = body.path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException(
          "registry answered without an id when registering subject " + subject,
          subject,
          200,
          -1,
          null);
    }
    idsBySubjectSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  /**
   * Registers schema text as given, without parsing it first ({@code POST
   * /subjects/{subject}/versions}). For tools and tests that must send text an {@link Schema}
   * cannot hold (e.g. invalid Avro, to check that the registry refuses it) or the exact text of
   * another writer. Nothing is cached.
   *
   * @param subject subject name, e.g. {@code case-events-value}
   * @param schemaJson Avro schema text (JSON)
   * @return the global schema id
   * @throws SchemaRegistryException.InvalidSchema if the registry refuses the text (422)
   * @throws SchemaRegistryException.Incompatible if the subject's compatibility rule rejects it
   *     (409)
   * @throws SchemaRegistryException.Unavailable if the registry cannot be reached
   */
  public int registerRaw(String subject, String schemaJson) {
    Objects.requireNonNull(schemaJson, "schemaJson");
    String body = JSON.createObjectNode().put("schema", schemaJson).toString();
    JsonNode answer = call("POST", "/subjects/" + enc(subject) + "/versions", body, subject);
    int id = answer.path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException(
          "registry answered without an id when registering subject " + subject,
          subject,
          200,
          -1,
          null);
    }
    return id;
  }

  /**
   * Looks up whether a schema is registered under a subject ({@code POST /subjects/{subject}}).
   *
   * @return the registration, or empty if the subject or the schema under it does not exist
   * @throws SchemaRegistryException.Unavailable if the registry cannot be reached
   */
  public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
    try {
      JsonNode body = call("POST", "/subjects/" + enc(subject), schemaBody(schema), subject);
      RegisteredSchema found = toRegistered(subject, body, schema);
      idsBySubjectSchema.put(new SubjectSchema(subject, schema), found.id());
      schemasById.putIfAbsent(found.id(), found.schema());
      return Optional.of(found);
    } catch (SchemaRegistryException.NotFound e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the id of a schema under a subject, from the cache or by {@link #lookup}.
   *
   * @throws SchemaRegistryException.NotFound if it is not registered (auto-registration off)
   */
  public int idOf(String subject, Schema schema) {
    Integer cached = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
    if (cached != null) {
      return cached;
    }
    return lookup(subject, schema)
        .map(RegisteredSchema::id)
        .orElseThrow(
            () ->
                new SchemaRegistryException.NotFound(
                    "schema "
                        + schema.getFullName()
                        + " is not registered under subject "
                        + subject
                        + " and auto-registration is off",
                    subject,
                    404,
                    40403));
  }

  /**
   * Fetches the schema with a global id ({@code GET /schemas/ids/{id}}), cached.
   *
   * @throws SchemaRegistryException.UnknownSchemaId if no schema has this id
   */
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode body;
    try {
      body = call("GET", "/schemas/ids/" + id, null, null);
    } catch (SchemaRegistryException.NotFound e) {
      throw new SchemaRegistryException.UnknownSchemaId(id, e.httpStatus(), e.errorCode());
    }
    Schema schema = parse(body.path("schema").asText(), "schema id " + id);
    Schema raced = schemasById.putIfAbsent(id, schema);
    return raced != null ? raced : schema;
  }

  /**
   * Fetches the latest version under a subject ({@code GET /subjects/{subject}/versions/latest}).
   *
   * @throws SchemaRegistryException.NotFound if the subject does not exist
   */
  public RegisteredSchema latest(String subject) {
    JsonNode body = call("GET", "/subjects/" + enc(subject) + "/versions/latest", null, subject);
    return toRegistered(subject, body, null);
  }

  /**
   * @return all subjects ({@code GET /subjects})
   */
  public List<String> subjects() {
    JsonNode body = call("GET", "/subjects", null, null);
    List<String> out = new ArrayList<>();
    body.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * Tests a schema against the latest version of a subject under the subject's compatibility rule
   * ({@code POST /compatibility/subjects/{subject}/versions/latest}).
   *
   * @return {@code true} if compatible, or if the subject has no version yet
   * @throws SchemaRegistryException.InvalidSchema if the schema text is refused
   */
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode body =
          call(
              "POST",
              "/compatibility/subjects/" + enc(subject) + "/versions/latest",
              schemaBody(schema),
              subject);
      return body.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException.NotFound e) {
      return true;
    }
  }

  /**
   * Reads the compatibility level ({@code GET /config} or {@code GET /config/{subject}}).
   *
   * @param subject a subject, or {@code null} for the global level
   * @return e.g. {@code BACKWARD}
   */
  public String compatibility(String subject) {
    String path = subject == null ? "/config" : "/config/" + enc(subject);
    JsonNode body = call("GET", path, null, subject);
    JsonNode level =
        body.has("compatibilityLevel")
            ? body.get("compatibilityLevel")
            : body.path("compatibility");
    return level.asText();
  }

  /**
   * Sets the compatibility level ({@code PUT /config} or {@code PUT /config/{subject}}).
   *
   * @param subject a subject, or {@code null} for the global level
   * @param level one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL,
   *     FULL_TRANSITIVE
   */
  public void setCompatibility(String subject, String level) {
    ObjectNode body =
        JSON.createObjectNode().put("compatibility", Objects.requireNonNull(level, "level"));
    call("PUT", subject == null ? "/config" : "/config/" + enc(subject), body.toString(), subject);
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static RegisteredSchema toRegistered(String subject, JsonNode body, Schema known) {
    Schema schema =
        known != null ? known : parse(body.path("schema").asText(), "subject " + subject);
    return new RegisteredSchema(
        body.path("subject").asText(subject),
        body.path("id").asInt(-1),
        body.path("version").asInt(-1),
        schema);
  }

  private static Schema parse(String text, String what) {
    try {
      return new Schema.Parser().parse(text);
    } catch (RuntimeException e) {
      throw new SchemaRegistryException(
          "registry returned an unreadable schema for " + what + ": " + e.getMessage(),
          null,
          200,
          -1,
          e);
    }
  }

  private static String enc(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("subject is empty");
    }
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode call(String method, String path, String body, String subject) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(requestTimeout)
            .header("Accept", ACCEPT);
    if (body != null) {
      req.header("Content-Type", CONTENT_TYPE);
      req.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } else {
      req.method(method, HttpRequest.BodyPublishers.noBody());
    }
    String what =
        method + " " + baseUrl + path + (subject != null ? " (subject " + subject + ")" : "");
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SchemaRegistryException.Unavailable(
          "schema registry unreachable: " + what + ": " + e, subject, -1, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException.Unavailable(
          "interrupted while calling schema registry: " + what, subject, -1, e);
    }
    int status = resp.statusCode();
    JsonNode json = readJson(resp.body());
    if (status >= 200 && status < 300) {
      return json;
    }
    int code = json.path("error_code").asInt(-1);
    String detail = json.path("message").asText(resp.body());
    String msg =
        "schema registry answered "
            + status
            + (code > 0 ? " (error " + code + ")" : "")
            + " to "
            + what
            + ": "
            + detail;
    if (status == 404) {
      throw new SchemaRegistryException.NotFound(msg, subject, status, code);
    }
    if (status == 409) {
      throw new SchemaRegistryException.Incompatible(
          "incompatible schema for subject " + subject + ": " + msg, subject, status, code);
    }
    if (status == 422) {
      throw new SchemaRegistryException.InvalidSchema(
          "invalid schema for subject " + subject + ": " + msg, subject, status, code);
    }
    if (status >= 500) {
      throw new SchemaRegistryException.Unavailable(msg, subject, status, null);
    }
    throw new SchemaRegistryException(msg, subject, status, code, null);
  }

  private static JsonNode readJson(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("message", body);
    }
  }
}
