package vn.onestop.infra.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.RegistryCompatibility;
import vn.onestop.infra.TestClients;

@WithKafkaStack
class KafkaStackExtensionIT {
  static KafkaStack staticField;
  static KafkaStack fromBeforeAll;
  KafkaStack instanceField;
  private final KafkaStack fromConstructor;

  KafkaStackExtensionIT(KafkaStack stack) {
    this.fromConstructor = stack;
  }

  @BeforeAll
  static void beforeAll(KafkaStack stack) {
    fromBeforeAll = stack;
  }

  @Test
  void injectsTheSameStackIntoConstructorFieldsAndParameters(KafkaStack parameter) {
    SeenStacks.assertSameAsEverywhere(parameter);
    assertThat(fromConstructor).isSameAs(parameter);
    assertThat(instanceField).isSameAs(parameter);
    assertThat(staticField).isSameAs(parameter);
    assertThat(fromBeforeAll).isSameAs(parameter);
  }

  @Test
  void stackHasAWorkingBrokerAndRegistry(KafkaStack stack) throws Exception {
    stack.createTopics(3, "it-extension-topic");
    TestClients.produce(stack.bootstrapServers(), "it-extension-topic", "k", "Phản ánh");
    assertThat(TestClients.consume(stack.bootstrapServers(), "it-extension-topic", 1, Map.of()))
        .containsExactly("k=Phản ánh");

    HttpResponse<String> subjects =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(subjects.statusCode()).isEqualTo(200);
    assertThat(RegistryCompatibility.globalLevel(stack.schemaRegistryUrl())).isEqualTo("BACKWARD");
  }

  @Nested
  class NestedClass {
    @Test
    void getsTheSameStack(KafkaStack stack) {
      SeenStacks.assertSameAsEverywhere(stack);
      assertThat(stack).isSameAs(fromConstructor);
    }
  }
}
