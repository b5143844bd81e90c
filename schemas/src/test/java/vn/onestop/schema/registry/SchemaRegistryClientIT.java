package vn.onestop.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Topic;
import vn.onestop.schema.Topics;

/**
 * {@link SchemaRegistryClient} against the real registry of the test stack (Apicurio's Confluent
 * API).
 */
@WithKafkaStack
class SchemaRegistryClientIT {
  private KafkaStack stack;
  private SchemaRegistryClient client;

  @BeforeEach
  void setUp() {
    client = new SchemaRegistryClient(stack.schemaRegistryUrl());
  }

  /** A subject no other test uses. */
  private static String freshSubject(String what) {
    return "it-" + what + "-" + UUID.randomUUID() + "-value";
  }

  /** CaseAlert's schema with one more field; {@code withDefault} decides BACKWARD compatibility. */
  private static Schema caseAlertPlusField(boolean withDefault) {
    String text = CaseAlert.getClassSchema().toString();
    String field =
        "{\"name\":\"escalationNote\",\"type\":\"string\",\"doc\":\"test field\""
            + (withDefault ? ",\"default\":\"\"" : "")
            + "}";
    int end = text.lastIndexOf(']'); // end of the top-level "fields" array
    return new Schema.Parser().parse(text.substring(0, end) + "," + field + text.substring(end));
  }

  @Test
  void everyTopicSchemaRegistersAndRegisteringAgainGivesTheSameId() {
    Map<String, Integer> ids = Topics.registerAll(client);

    assertThat(ids)
        .containsOnlyKeys(
            "case-events-value",
            "org-units-value",
            "case-alerts-value",
            "unit-kpis-value",
            "case-events-rejected-value",
            "case-acknowledgements-value");
    assertThat(ids.values()).allSatisfy(id -> assertThat(id).isPositive()).doesNotHaveDuplicates();
    assertThat(client.subjects()).containsAll(ids.keySet());

    // A fresh client has no cache, so this is the registry's answer, not ours.
    SchemaRegistryClient other = new SchemaRegistryClient(stack.schemaRegistryUrl() + "/");
    assertThat(Topics.registerAll(other)).isEqualTo(ids);
    for (Topic<?> topic : Topics.ALL) {
      int id = ids.get(topic.valueSubject());
      assertThat(other.register(topic.valueSubject(), topic.valueSchema())).isEqualTo(id);
      assertThat(other.idOf(topic.valueSubject(), topic.valueSchema())).isEqualTo(id);
    }
  }

  @Test
  void lookupGetByIdAndLatestAgreeWithRegister() {
    Topic<?> topic = Topics.CASE_EVENTS;
    int id = client.register(topic.valueSubject(), topic.valueSchema());
    SchemaRegistryClient fresh = new SchemaRegistryClient(stack.schemaRegistryUrl());

    Optional<RegisteredSchema> found = fresh.lookup(topic.valueSubject(), topic.valueSchema());
    assertThat(found)
        .hasValueSatisfying(
            r -> {
              assertThat(r.subject()).isEqualTo(topic.valueSubject());
              assertThat(r.id()).isEqualTo(id);
              assertThat(r.version()).isPositive();
              assertThat(r.schema()).isEqualTo(topic.valueSchema());
            });

    assertThat(new SchemaRegistryClient(stack.schemaRegistryUrl()).getById(id))
        .isEqualTo(topic.valueSchema());

    RegisteredSchema latest = fresh.latest(topic.valueSubject());
    assertThat(latest.subject()).isEqualTo(topic.valueSubject());
    assertThat(latest.id()).isEqualTo(id);
    assertThat(latest.version()).isEqualTo(found.get().version());
    assertThat(latest.schema()).isEqualTo(topic.valueSchema());
  }

  @Test
  void lookupOfAnUnregisteredSchemaOrSubjectIsEmpty() {
    String subject = freshSubject("lookup");
    Schema v1 =
        SchemaBuilder.record("Probe")
            .namespace("vn.onestop.test")
            .fields()
            .requiredString("a")
            .endRecord();
    Schema other =
        SchemaBuilder.record("Probe")
            .namespace("vn.onestop.test")
            .fields()
            .requiredInt("b")
            .endRecord();

    assertThat(client.lookup(subject, v1)).isEmpty();
    client.register(subject, v1);
    assertThat(client.lookup(subject, other)).isEmpty();
    assertThatThrownBy(
            () -> new SchemaRegistryClient(stack.schemaRegistryUrl()).idOf(subject, other))
        .isInstanceOf(SchemaRegistryException.NotFound.class)
        .hasMessageContaining(subject);
  }

  @Test
  void latestOfAnUnknownSubjectIsNotFoundNamingIt() {
    String subject = freshSubject("missing");
    SchemaRegistryException.NotFound e =
        catchThrowableOfType(SchemaRegistryException.NotFound.class, () -> client.latest(subject));
    assertThat(e.subject()).isEqualTo(subject);
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.getMessage()).contains(subject);
  }

  @Test
  void compatibilityIsBackwardGloballyAndCanBeSetPerSubject() {
    assertThat(client.compatibility(null)).isEqualTo("BACKWARD");

    String subject = freshSubject("config");
    client.register(
        subject,
        SchemaBuilder.record("Cfg")
            .namespace("vn.onestop.test")
            .fields()
            .requiredString("a")
            .endRecord());
    client.setCompatibility(subject, "FULL");
    assertThat(client.compatibility(subject)).isEqualTo("FULL");
    client.setCompatibility(subject, "NONE");
    assertThat(client.compatibility(subject)).isEqualTo("NONE");
    assertThat(client.compatibility(null))
        .as("the global level is untouched")
        .isEqualTo("BACKWARD");
  }

  @Test
  void isCompatibleFollowsBackwardRules() {
    String subject = Topics.CASE_ALERTS.valueSubject();
    client.register(subject, CaseAlert.getClassSchema());

    assertThat(client.isCompatible(subject, CaseAlert.getClassSchema())).isTrue();
    assertThat(client.isCompatible(subject, caseAlertPlusField(true))).isTrue();
    assertThat(client.isCompatible(subject, caseAlertPlusField(false))).isFalse();
    assertThat(client.isCompatible(freshSubject("empty"), caseAlertPlusField(false)))
        .as("a subject without versions accepts anything")
        .isTrue();
  }

  @Test
  void aNewFieldWithoutDefaultIsRejectedAsIncompatibleNamingTheSubject() {
    String subject = Topics.CASE_ALERTS.valueSubject();
    int before = client.register(subject, CaseAlert.getClassSchema());

    SchemaRegistryException.Incompatible e =
        catchThrowableOfType(
            SchemaRegistryException.Incompatible.class,
            () -> client.register(subject, caseAlertPlusField(false)));

    assertThat(e.subject()).isEqualTo(subject);
    assertThat(e.httpStatus()).isEqualTo(409);
    assertThat(e.getMessage()).contains(subject).contains("409");
    assertThat(client.latest(subject).id())
        .as("the subject still serves the old schema")
        .isEqualTo(before);
  }

  @Test
  void invalidSchemaTextIsRejectedAsInvalidSchema() {
    String subject = freshSubject("invalid");
    // A record without "fields" is not Avro.
    SchemaRegistryException.InvalidSchema e =
        catchThrowableOfType(
            SchemaRegistryException.InvalidSchema.class,
            () -> client.registerRaw(subject, "{\"type\":\"record\",\"name\":\"Broken\"}"));

    assertThat(e.subject()).isEqualTo(subject);
    assertThat(e.httpStatus()).isEqualTo(422);
    assertThat(e.getMessage()).contains(subject);
    assertThatThrownBy(() -> client.latest(subject))
        .isInstanceOf(SchemaRegistryException.NotFound.class);
  }

  @Test
  void registerRawAcceptsValidTextAndMatchesRegister() {
    String subject = freshSubject("raw");
    Schema schema =
        SchemaBuilder.record("Raw")
            .namespace("vn.onestop.test")
            .fields()
            .requiredString("tên")
            .endRecord();
    int id = client.registerRaw(subject, schema.toString());
    assertThat(new SchemaRegistryClient(stack.schemaRegistryUrl()).register(subject, schema))
        .isEqualTo(id);
    assertThat(new SchemaRegistryClient(stack.schemaRegistryUrl()).getById(id)).isEqualTo(schema);
  }

  @Test
  void anUnknownIdIsUnknownSchemaId() {
    int unknown = Integer.MAX_VALUE - 7;
    SchemaRegistryException.UnknownSchemaId e =
        catchThrowableOfType(
            SchemaRegistryException.UnknownSchemaId.class, () -> client.getById(unknown));
    assertThat(e.schemaId()).isEqualTo(unknown);
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.getMessage()).contains(String.valueOf(unknown));
  }

  @Test
  void anUnreachableRegistryIsUnavailableNamingTheUrlAndSubject() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
    SchemaRegistryClient dead = new SchemaRegistryClient(url, Duration.ofSeconds(2));
    String subject = Topics.CASE_EVENTS.valueSubject();

    SchemaRegistryException.Unavailable e =
        catchThrowableOfType(
            SchemaRegistryException.Unavailable.class,
            () -> dead.register(subject, Topics.CASE_EVENTS.valueSchema()));
    assertThat(e.getMessage()).contains(url).contains(subject);
    assertThat(e.subject()).isEqualTo(subject);
    assertThat(e.httpStatus()).isEqualTo(-1);

    assertThatThrownBy(() -> dead.getById(1))
        .isInstanceOf(SchemaRegistryException.Unavailable.class)
        .hasMessageContaining(url);
  }
}
