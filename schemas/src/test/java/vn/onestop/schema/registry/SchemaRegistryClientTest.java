package vn.onestop.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP shapes, caching and error mapping against scripted answers in the shapes
 * Confluent Schema Registry documents (the real-registry behaviour is in {@code
 * SchemaRegistryClientIT}).
 */
class SchemaRegistryClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema PROBE =
      SchemaBuilder.record("Probe")
          .namespace("vn.onestop.test")
          .fields()
          .requiredString("ghiChú")
          .endRecord();

  private StubRegistry stub;
  private SchemaRegistryClient client;

  @BeforeEach
  void setUp() throws IOException {
    stub = new StubRegistry();
    client = new SchemaRegistryClient(stub.url() + "//");
  }

  @AfterEach
  void tearDown() {
    stub.close();
  }

  @Test
  void urlsAreValidatedAndTrailingSlashesDropped() {
    assertThat(client.baseUrl()).isEqualTo(stub.url());
    assertThatThrownBy(() -> new SchemaRegistryClient(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> new SchemaRegistryClient("localhost:8081"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("localhost:8081");
  }

  @Test
  void registerPostsTheSchemaTextOnceAndCachesTheId() throws IOException {
    stub.answer("POST", "/subjects/case-events-value/versions", 200, "{\"id\":17}");

    assertThat(client.register("case-events-value", PROBE)).isEqualTo(17);
    assertThat(client.register("case-events-value", PROBE)).isEqualTo(17);
    assertThat(client.idOf("case-events-value", PROBE)).isEqualTo(17);
    assertThat(client.getById(17)).as("registered schemas are known by id").isEqualTo(PROBE);

    assertThat(stub.requests()).hasSize(1);
    StubRegistry.Request r = stub.requests().get(0);
    assertThat(r.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(new Schema.Parser().parse(JSON.readTree(r.body()).path("schema").asText()))
        .isEqualTo(PROBE);
  }

  @Test
  void subjectsArePercentEncodedInPaths() {
    stub.answer("POST", "/subjects/a%20b%2Fc%C3%A1-value/versions", 200, "{\"id\":3}");
    assertThat(client.register("a b/cá-value", PROBE)).isEqualTo(3);
  }

  @Test
  void getByIdFetchesOnceThenCaches() {
    stub.answer(
        "GET",
        "/schemas/ids/5",
        200,
        JSON.createObjectNode().put("schema", PROBE.toString()).toString());
    assertThat(client.getById(5)).isEqualTo(PROBE);
    assertThat(client.getById(5)).isEqualTo(PROBE);
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void lookupAndLatestReadConfluentAnswers() {
    String answer =
        JSON.createObjectNode()
            .put("subject", "s-value")
            .put("id", 9)
            .put("version", 4)
            .put("schema", PROBE.toString())
            .toString();
    stub.answer("POST", "/subjects/s-value", 200, answer);
    stub.answer("GET", "/subjects/s-value/versions/latest", 200, answer);

    assertThat(client.lookup("s-value", PROBE))
        .contains(new RegisteredSchema("s-value", 9, 4, PROBE));
    assertThat(client.latest("s-value")).isEqualTo(new RegisteredSchema("s-value", 9, 4, PROBE));
    assertThat(client.lookup("other-value", PROBE)).isEmpty();
  }

  @Test
  void compatibilityReadsBothFieldNamesAndSetsWithPut() throws IOException {
    stub.answer(
        "GET", "/config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}"); // Confluent's GET shape
    stub.answer("GET", "/config/s-value", 200, "{\"compatibility\":\"FULL\"}");
    stub.answer("PUT", "/config/s-value", 200, "{\"compatibility\":\"NONE\"}");
    stub.answer(
        "POST",
        "/compatibility/subjects/s-value/versions/latest",
        200,
        "{\"is_compatible\":false}");

    assertThat(client.compatibility(null)).isEqualTo("BACKWARD");
    assertThat(client.compatibility("s-value")).isEqualTo("FULL");
    client.setCompatibility("s-value", "NONE");
    assertThat(JSON.readTree(stub.requests().get(2).body()).path("compatibility").asText())
        .isEqualTo("NONE");
    assertThat(client.isCompatible("s-value", PROBE)).isFalse();
    assertThat(client.isCompatible("new-value", PROBE)).as("404: no version yet").isTrue();
  }

  @Test
  void errorsMapToTheirExceptionsNamingSubjectStatusAndCode() {
    stub.answer(
        "POST",
        "/subjects/inc-value/versions",
        409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");
    stub.answer(
        "POST",
        "/subjects/bad-value/versions",
        422,
        "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
    stub.answer("POST", "/subjects/down-value/versions", 503, "Service Unavailable");
    stub.answer(
        "GET", "/schemas/ids/99", 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
    stub.answer(
        "POST", "/subjects/odd-value/versions", 400, "{\"error_code\":400,\"message\":\"odd\"}");

    SchemaRegistryException.Incompatible inc =
        catchThrowableOfType(
            SchemaRegistryException.Incompatible.class, () -> client.register("inc-value", PROBE));
    assertThat(inc.subject()).isEqualTo("inc-value");
    assertThat(inc.getMessage())
        .contains("inc-value")
        .contains("409")
        .contains("incompatible with an earlier");

    SchemaRegistryException.InvalidSchema bad =
        catchThrowableOfType(
            SchemaRegistryException.InvalidSchema.class,
            () -> client.registerRaw("bad-value", "{\"type\":\"record\"}"));
    assertThat(bad.errorCode()).isEqualTo(42201);
    assertThat(bad.getMessage()).contains("bad-value").contains("42201");

    SchemaRegistryException.Unavailable down =
        catchThrowableOfType(
            SchemaRegistryException.Unavailable.class, () -> client.register("down-value", PROBE));
    assertThat(down.httpStatus()).isEqualTo(503);
    assertThat(down.getMessage()).contains("down-value").contains("Service Unavailable");

    SchemaRegistryException.UnknownSchemaId unknown =
        catchThrowableOfType(
            SchemaRegistryException.UnknownSchemaId.class, () -> client.getById(99));
    assertThat(unknown.schemaId()).isEqualTo(99);
    assertThat(unknown.errorCode()).isEqualTo(40403);

    SchemaRegistryException odd =
        catchThrowableOfType(
            SchemaRegistryException.class, () -> client.register("odd-value", PROBE));
    assertThat(odd.httpStatus()).isEqualTo(400);
    assertThat(odd.getMessage()).contains("odd-value");

    assertThat(client.lookup("inc-value", PROBE)).isEmpty(); // 404 on lookup is "not registered"
  }

  @Test
  void anAnswerWithoutIdIsAnError() {
    stub.answer("POST", "/subjects/s-value/versions", 200, "{}");
    assertThatThrownBy(() -> client.register("s-value", PROBE))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("without an id")
        .hasMessageContaining("s-value");
    assertThatThrownBy(() -> client.registerRaw("s-value", PROBE.toString()))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("without an id");
  }

  @Test
  void anUnreadableSchemaFromTheRegistryIsAnErrorNamingTheId() {
    stub.answer("GET", "/schemas/ids/7", 200, "{\"schema\":\"{not avro\"}");
    assertThatThrownBy(() -> client.getById(7))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("schema id 7");
  }
}
