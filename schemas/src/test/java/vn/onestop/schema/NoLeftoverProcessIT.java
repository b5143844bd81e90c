package vn.onestop.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import vn.onestop.infra.LocalKafkaStack;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.registry.SchemaRegistryException;
import vn.onestop.schema.testkit.TestRecords;

/**
 * A local stack of its own (not the shared one of the test JVM) is used, closed, and leaves nothing
 * behind: no registry process among this JVM's descendants, and neither the broker nor the registry
 * still accepts connections.
 */
class NoLeftoverProcessIT {

  /**
   * PIDs of this JVM's descendants that run Apicurio Registry (the shared test stack may own one).
   */
  private static Set<Long> registryDescendants() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains("apicurio-registry"))
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  private static boolean accepts(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(
              hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
          1000);
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aClosedLocalStackLeavesNoBrokerAndNoRegistryBehind() {
    Set<Long> before = registryDescendants();
    long registryPid;
    String bootstrap;
    String registryHostPort;
    String registryUrl;

    try (LocalKafkaStack stack = LocalKafkaStack.start()) {
      registryPid = stack.registry().pid();
      bootstrap = stack.bootstrapServers();
      registryUrl = stack.schemaRegistryUrl();
      registryHostPort = registryUrl.replaceFirst("^http://", "").replaceFirst("/.*$", "");

      assertThat(registryDescendants())
          .as("the registry is a child of this JVM")
          .contains(registryPid)
          .hasSize(before.size() + 1);
      assertThat(accepts(bootstrap)).isTrue();
      // It is a working stack: a schema registers and an event serializes against it.
      SchemaRegistryClient client = new SchemaRegistryClient(registryUrl);
      assertThat(Topics.registerAll(client)).hasSize(Topics.ALL.size());
      Serde<CaseEvent> serde = Topics.CASE_EVENTS.valueSerde(client, false);
      CaseEvent event = TestRecords.everyPayloadType(TestRecords.newCaseId()).get(0);
      assertThat(
              serde
                  .deserializer()
                  .deserialize("case-events", serde.serializer().serialize("case-events", event)))
          .isEqualTo(event);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(ProcessHandle.of(registryPid).filter(ProcessHandle::isAlive))
                  .as("registry pid " + registryPid)
                  .isEmpty();
              assertThat(registryDescendants()).isEqualTo(before);
              assertThat(accepts(bootstrap)).as("broker port " + bootstrap).isFalse();
              assertThat(accepts(registryHostPort))
                  .as("registry port " + registryHostPort)
                  .isFalse();
            });
    assertThatThrownBy(
            () -> new SchemaRegistryClient(registryUrl, Duration.ofSeconds(2)).subjects())
        .isInstanceOf(SchemaRegistryException.Unavailable.class)
        .hasMessageContaining(registryUrl);
  }
}
