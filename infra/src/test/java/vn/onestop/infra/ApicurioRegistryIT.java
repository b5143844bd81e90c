package vn.onestop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ApicurioRegistryIT {
  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistryIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final String V1 =
      """
            {"type":"record","name":"Complaint","namespace":"vn.onestop.it","fields":[
              {"name":"id","type":"string"}]}""";
  private static final String V2_WITH_DEFAULT =
      """
            {"type":"record","name":"Complaint","namespace":"vn.onestop.it","fields":[
              {"name":"id","type":"string"},
              {"name":"unit","type":"string","default":"unknown"}]}""";
  private static final String V3_WITHOUT_DEFAULT =
      """
            {"type":"record","name":"Complaint","namespace":"vn.onestop.it","fields":[
              {"name":"id","type":"string"},
              {"name":"unit","type":"string","default":"unknown"},
              {"name":"officer","type":"string"}]}""";

  @Test
  void servesConfluentApiWithBackwardCompatibilityAndLeavesNoProcess() throws Exception {
    long t0 = System.nanoTime();
    ApicurioRegistry registry = ApicurioRegistry.start();
    long startMs = (System.nanoTime() - t0) / 1_000_000;
    long pid = registry.pid();
    try {
      String url = registry.confluentApiUrl();
      assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
      assertThat(RegistryCompatibility.globalLevel(url)).isEqualTo("BACKWARD");

      HttpResponse<String> first = register(url, "it-complaint-value", V1);
      assertThat(first.statusCode()).isEqualTo(200);
      int id = JSON.readTree(first.body()).get("id").asInt();
      HttpResponse<String> again = register(url, "it-complaint-value", V1);
      assertThat(JSON.readTree(again.body()).get("id").asInt()).isEqualTo(id);

      assertThat(register(url, "it-complaint-value", V2_WITH_DEFAULT).statusCode()).isEqualTo(200);
      HttpResponse<String> incompatible = register(url, "it-complaint-value", V3_WITHOUT_DEFAULT);
      assertThat(incompatible.statusCode()).as(incompatible.body()).isEqualTo(409);

      HttpResponse<String> byId =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url + "/schemas/ids/" + id)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(byId.statusCode()).isEqualTo(200);
      assertThat(
              JSON.readTree(JSON.readTree(byId.body()).get("schema").asText()).get("name").asText())
          .isEqualTo("Complaint");
      LOG.info(
          "MEASURED registry start {} ms, registry RSS {} MB",
          startMs,
          TestClients.rssMegabytes(pid));
    } finally {
      long s0 = System.nanoTime();
      registry.close();
      LOG.info("MEASURED registry stop {} ms", (System.nanoTime() - s0) / 1_000_000);
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ProcessHandle.current().descendants().mapToLong(ProcessHandle::pid))
        .doesNotContain(pid);
    assertThat(registry.logFile()).doesNotExist();
  }

  @Test
  void aPersistentDirectoryKeepsEverySchemaWithItsIdAcrossACleanStopAndASigkill(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("registry");
    int v1;
    int v2;
    try (ApicurioRegistry registry = ApicurioRegistry.builder().persistentDirectory(dir).start()) {
      v1 = id(register(registry.confluentApiUrl(), "it-persistent-value", V1));
      v2 = id(register(registry.confluentApiUrl(), "it-persistent-value", V2_WITH_DEFAULT));
    }
    assertThat(dir.resolve("registry.mv.db")).exists();
    assertThat(dir.resolve("registry.log")).as("kept in a persistent directory").exists();

    int other;
    ApicurioRegistry second = ApicurioRegistry.builder().persistentDirectory(dir).start();
    try {
      String url = second.confluentApiUrl();
      assertThat(RegistryCompatibility.globalLevel(url)).isEqualTo("BACKWARD");
      assertThat(id(register(url, "it-persistent-value", V1))).isEqualTo(v1);
      assertThat(id(register(url, "it-persistent-value", V2_WITH_DEFAULT))).isEqualTo(v2);
      other = id(register(url, "it-other-value", V3_WITHOUT_DEFAULT));
      assertThat(other).as("a new schema gets a new id").isNotIn(v1, v2);
      // SIGKILL right after the answer: what was answered must already be on disk.
      ProcessHandle.of(second.pid()).ifPresent(ProcessHandle::destroyForcibly);
    } finally {
      second.close();
    }

    try (ApicurioRegistry third = ApicurioRegistry.builder().persistentDirectory(dir).start()) {
      String url = third.confluentApiUrl();
      HttpResponse<String> byId =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url + "/schemas/ids/" + other)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
      assertThat(id(register(url, "it-other-value", V3_WITHOUT_DEFAULT))).isEqualTo(other);
      assertThat(id(register(url, "it-persistent-value", V1))).isEqualTo(v1);
    }
  }

  private static int id(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("id").asInt();
  }

  private static HttpResponse<String> register(String url, String subject, String schema)
      throws Exception {
    String body = JSON.writeValueAsString(Map.of("schema", schema));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
