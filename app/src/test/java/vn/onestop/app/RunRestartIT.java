package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.intake.crypto.IdentityCipher;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockKind;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * {@code onestop run} as an operator runs it, a child JVM on a data directory: what it accepted,
 * decided and alerted survives a SIGTERM and a SIGKILL of the whole process; a second run on the
 * directory is refused; a named cluster is refused without keys of its own.
 *
 * <p>Clocks come from {@code policy/run-restart-policies.json} (seconds-scale, test only) with a
 * clock tick every second, so warnings, breaches and all three escalation levels fire within about
 * 20 s of a filing.
 */
class RunRestartIT {
  private static final Logger LOG = LoggerFactory.getLogger(RunRestartIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String UNIT = "tiep-nhan";
  private static final String SUPERVISOR_KEY = "it-supervisor-key-1";
  private static final String DENOUNCER = "Đỗ Thị Mai";

  @Test
  void casesStatusesHistoryAndAlertsSurviveASigtermAndEveryAcknowledgedCaseSurvivesASigkill(
      @TempDir Path tmp) throws Exception {
    Path data = tmp.resolve("data");
    Path principals = principals(tmp);
    Map<String, String> expected = new LinkedHashMap<>(); // case id -> kind
    Map<String, JsonNode> statuses = new TreeMap<>();
    Map<String, JsonNode> open311 = new TreeMap<>();
    Map<String, String> histories = new TreeMap<>();
    List<SseEvent> firstFeed;
    byte[] keyFile;
    String denunciation;

    // 1. A first run: file cases, accept some, let every alert fire.
    try (RunProcess run = RunProcess.start(tmp, data, principals)) {
      assertThat(run.output()).contains("Data       " + data.toAbsolutePath());
      assertThat(run.output()).contains("created now").contains("identity.key");
      expected.put(
          run.submit(
              publicPetition("Phản ánh số 1 về nhũng nhiễu", "Nhũng nhiễu ở bộ phận một cửa")),
          "PHAN_ANH");
      for (int i = 2; i <= 3; i++) {
        expected.put(run.submit(petition("Phản ánh số " + i + " về nhũng nhiễu")), "PHAN_ANH");
      }
      denunciation = run.submit(denunciationBody());
      expected.put(denunciation, "TO_CAO");
      List<String> ids = List.copyOf(expected.keySet());
      for (String id : ids) {
        run.awaitProcessed(id);
      }
      run.accept(ids.get(0));
      run.accept(denunciation);
      Set<String> accepted = Set.of(ids.get(0), denunciation);
      try (SseClient feed = run.feed(null)) {
        run.awaitLastEscalation(ids, accepted);
        List<String> alertIds = run.alertIdsInTopic();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> feed.alertIds().size() >= alertIds.size());
        firstFeed = List.copyOf(feed.events);
        assertThat(feed.alertIds()).containsExactlyInAnyOrderElementsOf(alertIds);
      }
      // The cockpit lists the engine's open cases of the head's unit, with a title only for the
      // petition whose content is public and nothing of the denunciation; a resolved case leaves.
      JsonNode board = run.cockpit();
      assertThat(board.get("total").asInt()).isEqualTo(4);
      Map<String, JsonNode> rows = new HashMap<>();
      board.get("rows").forEach(r -> rows.put(r.get("caseId").asText(), r));
      assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(rows.values())
          .allSatisfy(r -> assertThat(r.get("source").asText()).isEqualTo("engine"));
      assertThat(rows.get(ids.get(0)).get("title").asText())
          .isEqualTo("Nhũng nhiễu ở bộ phận một cửa");
      assertThat(rows.get(ids.get(1)).path("title").isNull()).isTrue();
      assertThat(rows.get(denunciation).path("title").isNull()).isTrue();
      assertThat(rows.get(denunciation).get("category").asText()).isEqualTo("TO_CAO");
      assertThat(board.toString()).doesNotContain(DENOUNCER).doesNotContain("Tố cáo cán bộ");
      run.resolve(ids.get(0));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(run.cockpit().get("total").asInt()).isEqualTo(3));
      assertThat(run.cockpit().toString()).doesNotContain(ids.get(0));
      for (String id : ids) {
        statuses.put(id, run.status(id));
        open311.put(id, run.open311(id));
        histories.put(id, run.history(id));
      }
      assertThat(statuses.get(ids.get(0)).get("state").asText()).isEqualTo("RESOLVED");
      assertThat(statuses.get(ids.get(1)).get("escalationLevel").asInt()).isEqualTo(3);
      keyFile = Files.readAllBytes(data.resolve(DataDirectory.IDENTITY_KEY_FILE));
      assertThat(Files.getPosixFilePermissions(data.resolve(DataDirectory.IDENTITY_KEY_FILE)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(run.output())
          .doesNotContain(new String(keyFile, StandardCharsets.US_ASCII).strip());

      run.stopWithSigterm();
    }

    // 2. Started again on the same directory: nothing changed, nothing is alerted twice, a feed
    // client resuming from the middle misses nothing.
    List<String> alertsBeforeKill;
    String lastSeenBeforeKill;
    List<String> submittedBeforeKill = new ArrayList<>();
    try (RunProcess run = RunProcess.start(tmp, data, principals)) {
      assertThat(run.output()).doesNotContain("created now");
      assertThat(Files.readAllBytes(data.resolve(DataDirectory.IDENTITY_KEY_FILE)))
          .isEqualTo(keyFile);
      for (String id : expected.keySet()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(run.status(id)).isEqualTo(statuses.get(id)));
        assertThat(run.open311(id)).isEqualTo(open311.get(id));
        assertThat(run.history(id)).isEqualTo(histories.get(id));
      }
      assertThat(run.denouncerName(denunciation, keyFile)).isEqualTo(DENOUNCER);
      // the cockpit comes back from the engine's restored state: the resolved case stays out
      JsonNode board = run.cockpit();
      assertThat(board.get("total").asInt()).isEqualTo(3);
      assertThat(board.toString()).doesNotContain(expected.keySet().iterator().next());

      int middle = firstFeed.size() / 2;
      assertThat(resumeFeed(run, firstFeed.get(middle - 1).id()))
          .containsExactlyInAnyOrderElementsOf(
              firstFeed.subList(middle, firstFeed.size()).stream().map(SseEvent::alertId).toList());
      List<String> afterRestart = run.alertIdsInTopic();
      assertThat(afterRestart).doesNotHaveDuplicates();
      assertThat(afterRestart)
          .containsExactlyInAnyOrderElementsOf(firstFeed.stream().map(SseEvent::alertId).toList());

      // 3. New cases, each answered 202, then SIGKILL of the whole process tree.
      try (SseClient live = run.feed(firstFeed.get(firstFeed.size() - 1).id())) {
        for (int i = 4; i <= 6; i++) {
          String id = run.submit(petition("Phản ánh số " + i + " trước khi dừng đột ngột"));
          expected.put(id, "PHAN_ANH");
          submittedBeforeKill.add(id);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !live.events.isEmpty());
        lastSeenBeforeKill = live.events.get(live.events.size() - 1).id();
      }
      alertsBeforeKill = run.alertIdsInTopic();
      run.killWholeTreeWithSigkill();
    }

    // 4. After the SIGKILL: every acknowledged case is there, no alert is emitted twice, the feed
    // resumes where the client stopped.
    try (RunProcess run = RunProcess.start(tmp, data, principals)) {
      for (String id : expected.keySet()) {
        run.awaitProcessed(id);
      }
      for (String id : statuses.keySet()) {
        assertThat(run.status(id)).isEqualTo(statuses.get(id));
        assertThat(run.open311(id)).isEqualTo(open311.get(id));
        assertThat(run.history(id)).isEqualTo(histories.get(id));
      }
      LOG.info("MEASURED after SIGKILL: every case served {} s after the start", run.sinceStart());
      run.awaitLastEscalation(submittedBeforeKill, Set.of());
      List<String> all = run.alertIdsInTopic();
      assertThat(all).doesNotHaveDuplicates().containsAll(alertsBeforeKill);
      assertThat(resumeFeed(run, lastSeenBeforeKill)).isNotEmpty();
      assertThat(run.denouncerName(denunciation, keyFile)).isEqualTo(DENOUNCER);
      run.stopWithSigterm();
    }
    try (var left = Files.list(tmp.resolve("java-tmp"))) {
      assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("onestop-")))
          .as("a run keeps nothing in the temporary directory")
          .isEmpty();
    }
  }

  @Test
  void aSecondRunOnTheSameDirectoryIsRefusedWithOneLineNamingTheLock(@TempDir Path tmp)
      throws Exception {
    Path data = tmp.resolve("data");
    try (RunProcess first = RunProcess.launch(tmp, data, principals(tmp))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> first.output().contains("Data       "));
      try (RunProcess second = RunProcess.launch(tmp, data, principals(tmp))) {
        assertThat(second.awaitExit()).isEqualTo(1);
        assertThat(second.output().strip())
            .isEqualTo(
                "onestop run: data directory "
                    + data.toAbsolutePath()
                    + " is in use by another onestop run (pid "
                    + first.process.pid()
                    + "): lock "
                    + data.toAbsolutePath().resolve(".lock")
                    + " is held");
      }
      assertThat(first.process.isAlive()).isTrue();
    }
  }

  @Test
  void aNamedClusterIsRefusedWithoutAnIdentityKeyOrApiKeysOfItsOwn(@TempDir Path tmp)
      throws Exception {
    String key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    List<String> named =
        List.of(
            "--bootstrap-servers",
            "127.0.0.1:9",
            "--schema-registry-url",
            "http://127.0.0.1:9/apis/ccompat/v7",
            "--data-dir",
            tmp.resolve("data").toString());
    assertThat(RunProcess.refusal(tmp, Map.of("ONESTOP_API_KEYS", "k1=c1"), named))
        .startsWith("onestop run: ONESTOP_IDENTITY_KEY is not set");
    assertThat(RunProcess.refusal(tmp, Map.of("ONESTOP_IDENTITY_KEY", key), named))
        .startsWith("onestop run: no intake API keys");
    assertThat(
            RunProcess.refusal(
                tmp, Map.of("ONESTOP_IDENTITY_KEY", key, "ONESTOP_API_KEYS", "dev-key=x"), named))
        .isEqualTo(
            "onestop run: the built-in API key dev-key is refused on a named cluster; "
                + "choose keys of your own");
    assertThat(tmp.resolve("data")).as("refused before anything is written").doesNotExist();
  }

  /**
   * A feed client resuming at {@code position} gets every alert the topic holds after it, each once
   * (partitions interleave in any order).
   *
   * @return the alert ids it got
   */
  private static List<String> resumeFeed(RunProcess run, String position) throws Exception {
    List<String> expected = run.alertIdsAfter(position);
    try (SseClient resumed = run.feed(position)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> resumed.alertIds().size() >= expected.size());
      assertThat(resumed.alertIds())
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expected);
      return resumed.alertIds();
    }
  }

  private static Path principals(Path tmp) throws Exception {
    Path file = tmp.resolve("principals.json");
    Files.writeString(
        file,
        "[{\"key\": \""
            + SUPERVISOR_KEY
            + "\", \"officialId\": \"cb-it\", \"unitId\": \""
            + UNIT
            + "\", \"scope\": \"UNIT\"}]");
    return file;
  }

  private static String publicPetition(String description, String title) {
    return JSON.createObjectNode()
        .put("category", "PHAN_ANH")
        .put("channel", "WEB")
        .put("unitId", UNIT)
        .put("title", title)
        .put("description", description)
        .put("publicContent", true)
        .toString();
  }

  private static String petition(String description) {
    return JSON.createObjectNode()
        .put("category", "PHAN_ANH")
        .put("channel", "WEB")
        .put("unitId", UNIT)
        .put("description", description)
        .toString();
  }

  private static String denunciationBody() {
    var body =
        JSON.createObjectNode()
            .put("category", "TO_CAO")
            .put("channel", "WEB")
            .put("unitId", UNIT)
            .put("subjectOfficialId", "cb-mc-07")
            .put("description", "Tố cáo cán bộ một cửa đòi tiền");
    body.putObject("complainant")
        .put("fullName", DENOUNCER)
        .put("address", "Phường Bến Nghé, Quận 1")
        .put("phone", "0901234567");
    return body.toString();
  }

  /** A running {@code onestop run} child JVM and the clients the test talks to it with. */
  private static final class RunProcess implements AutoCloseable {
    private static final Pattern KAFKA = Pattern.compile("^Kafka +(\\S+)$", Pattern.MULTILINE);
    private static final Pattern REGISTRY =
        Pattern.compile("^Registry +(\\S+)$", Pattern.MULTILINE);

    final Process process;
    private final long startedNanos = System.nanoTime();
    private final Path log;
    private final int intakePort;
    private final int feedPort;
    private final List<ProcessHandle> tree = new ArrayList<>();

    private RunProcess(Process process, Path log, int intakePort, int feedPort) {
      this.process = process;
      this.log = log;
      this.intakePort = intakePort;
      this.feedPort = feedPort;
    }

    /** Starts a run and waits until it serves. */
    static RunProcess start(Path tmp, Path data, Path principals) throws Exception {
      RunProcess run = launch(tmp, data, principals);
      try {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(200))
            .failFast("onestop run exited: " + run.log, () -> !run.process.isAlive())
            .until(() -> run.output().contains("Ctrl-C stops everything."));
        run.tree.addAll(run.process.descendants().toList());
        LOG.info("MEASURED onestop run serving {} s after its start", run.sinceStart());
        assertThat(run.tree).as("the registry child").isNotEmpty();
        return run;
      } catch (Throwable e) {
        System.err.println(run.output());
        run.close();
        throw e;
      }
    }

    static RunProcess launch(Path tmp, Path data, Path principals) throws Exception {
      int intake = freePort();
      int feed = freePort();
      Path log = Files.createTempFile(tmp, "run-", ".log");
      Path policies =
          Path.of(RunRestartIT.class.getResource("/policy/run-restart-policies.json").toURI());
      ProcessBuilder pb =
          builder(
              tmp,
              List.of(
                  "--data-dir",
                  data.toString(),
                  "--intake-port",
                  Integer.toString(intake),
                  "--feed-port",
                  Integer.toString(feed),
                  "--tick-interval",
                  "1",
                  "--policies",
                  policies.toString(),
                  "--principals",
                  principals.toString()));
      Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new RunProcess(p, log, intake, feed);
    }

    /** Runs {@code onestop run} with the given environment and returns its only output line. */
    static String refusal(Path tmp, Map<String, String> env, List<String> args) throws Exception {
      ProcessBuilder pb = builder(tmp, args);
      pb.environment().putAll(env);
      Process p = pb.redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        assertThat(p.waitFor()).as(out).isEqualTo(1);
      } finally {
        p.destroyForcibly();
      }
      assertThat(out.lines()).as("one line").hasSize(1);
      return out.strip();
    }

    private static ProcessBuilder builder(Path tmp, List<String> args) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add("-Xmx768m");
      command.add("-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("java-tmp")));
      for (String name :
          List.of("onestop.apicurio.dist", "onestop.cache.dir", "maven.repo.local")) {
        String value = System.getProperty(name);
        if (value != null) {
          command.add("-D" + name + "=" + value);
        }
      }
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
      command.add("run");
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().keySet().removeIf(k -> k.startsWith("ONESTOP_") && !k.contains("APICURIO"));
      return pb;
    }

    String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (Exception e) {
        return "";
      }
    }

    long sinceStart() {
      return (System.nanoTime() - startedNanos) / 1_000_000_000;
    }

    int awaitExit() throws Exception {
      await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
      return process.exitValue();
    }

    String bootstrap() {
      Matcher m = KAFKA.matcher(output());
      assertThat(m.find()).isTrue();
      return m.group(1);
    }

    String registry() {
      Matcher m = REGISTRY.matcher(output());
      assertThat(m.find()).isTrue();
      return m.group(1);
    }

    String submit(String body) throws Exception {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(url("/api/v1/cases"))
                  .header("Content-Type", "application/json")
                  .header("X-API-Key", "dev-key")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      return JSON.readTree(r.body()).get("caseId").asText();
    }

    void accept(String caseId) throws Exception {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(url("/api/v1/cases/" + caseId + "/actions"))
                  .header("Content-Type", "application/json")
                  .header("X-API-Key", "dev-key")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"action\":\"accept\",\"decisionNumber\":\"01/TB-UBND\","
                              + "\"complexity\":\"NORMAL\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // 200: the engine applied it within the decision wait; 202: the decision is pending
      assertThat(r.statusCode()).as(r.body()).isIn(200, 202);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> "ACCEPTED".equals(status(caseId).path("state").asText()));
    }

    void resolve(String caseId) throws Exception {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(url("/api/v1/cases/" + caseId + "/actions"))
                  .header("Content-Type", "application/json")
                  .header("X-API-Key", "dev-key")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"action\":\"resolve\",\"outcome\":\"FIXED\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isIn(200, 202);
    }

    /** The cockpit's first page for the unit head's key (waits while the engine answers 503). */
    JsonNode cockpit() throws Exception {
      HttpRequest req =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + feedPort + "/supervisor/cases?page=1&size=50"))
              .header("X-API-Key", SUPERVISOR_KEY)
              .build();
      AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                last.set(HTTP.send(req, HttpResponse.BodyHandlers.ofString()));
                return last.get().statusCode() != 503;
              });
      assertThat(last.get().statusCode()).as(last.get().body()).isEqualTo(200);
      return JSON.readTree(last.get().body());
    }

    /** The engine's status of a case (waits while it answers 404 or 503). */
    JsonNode status(String caseId) throws Exception {
      HttpResponse<String> r = get("/api/v1/cases/" + caseId);
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    }

    void awaitProcessed(String caseId) {
      await().atMost(Duration.ofSeconds(90)).until(() -> status(caseId).hasNonNull("state"));
    }

    JsonNode open311(String caseId) throws Exception {
      HttpResponse<String> r = get("/open311/v2/requests/" + caseId + ".json");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }

    /** {@code onestop audit history} against this run's broker and registry. */
    String history(String caseId) {
      CommandRun history =
          CommandRun.of(
              new String[] {"audit", "history", caseId},
              "--bootstrap-servers",
              bootstrap(),
              "--schema-registry-url",
              registry());
      assertThat(history.status()).as(history.err()).isZero();
      assertThat(history.out()).contains(caseId);
      return history.out();
    }

    /**
     * Waits until every case has its last alert: level 3 of the resolution clock when accepted,
     * else of the acceptance clock; nothing fires for them afterwards.
     */
    void awaitLastEscalation(List<String> caseIds, Set<String> accepted) {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                Set<String> done =
                    alerts().stream()
                        .filter(r -> r.value().getLevel() == 3)
                        .filter(
                            r ->
                                r.value().getClock()
                                    == (accepted.contains(r.key())
                                        ? ClockKind.RESOLUTION
                                        : ClockKind.ACCEPTANCE))
                        .map(ConsumerRecord::key)
                        .collect(Collectors.toSet());
                return done.containsAll(caseIds);
              });
    }

    List<String> alertIdsInTopic() {
      return alerts().stream().map(r -> r.value().getAlertId().toString()).toList();
    }

    /** Alert ids at or after a feed position ({@code <partition>-<nextOffset>,...}). */
    List<String> alertIdsAfter(String position) {
      Map<Integer, Long> next = new TreeMap<>();
      for (String pair : position.split(",")) {
        if (!pair.isBlank()) {
          String[] p = pair.split("-");
          next.put(Integer.parseInt(p[0]), Long.parseLong(p[1]));
        }
      }
      return alerts().stream()
          .filter(r -> r.offset() >= next.getOrDefault(r.partition(), 0L))
          .map(r -> r.value().getAlertId().toString())
          .toList();
    }

    /** Every committed record of case-alerts, partition by partition. */
    List<ConsumerRecord<String, CaseAlert>> alerts() {
      return readAll(Topics.CASE_ALERTS.name(), Topics.CASE_ALERTS.valueSerde(client(), false));
    }

    /** Decrypts the denouncer's name of a case with the key file's key. */
    String denouncerName(String caseId, byte[] keyFile) throws Exception {
      IdentityKey key =
          IdentityKey.fromBase64(new String(keyFile, StandardCharsets.US_ASCII).strip());
      for (ConsumerRecord<String, CaseEvent> r :
          readAll(Topics.CASE_EVENTS.name(), Topics.CASE_EVENTS.valueSerde(client(), false))) {
        if (caseId.equals(r.key()) && r.value().getPayload() instanceof Submitted s) {
          return new IdentityCipher(key)
              .decrypt(caseId, s.getEncryptedIdentity())
              .getFullName()
              .toString();
        }
      }
      throw new AssertionError("no submission of " + caseId + " in case-events");
    }

    private SchemaRegistryClient client() {
      return new SchemaRegistryClient(registry());
    }

    private <V> List<ConsumerRecord<String, V>> readAll(String topic, Serde<V> serde) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      try (KafkaConsumer<String, V> c =
          new KafkaConsumer<>(p, new StringDeserializer(), serde.deserializer())) {
        List<TopicPartition> parts =
            c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
          assertThat(System.nanoTime()).as("read " + topic + " to its end").isLessThan(deadline);
          c.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
      }
    }

    SseClient feed(String lastEventId) throws Exception {
      return new SseClient(feedPort, lastEventId);
    }

    void stopWithSigterm() throws Exception {
      process.destroy(); // SIGTERM, as a service manager stops it
      await().atMost(Duration.ofMinutes(2)).until(() -> !process.isAlive());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    void killWholeTreeWithSigkill() {
      List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
      process.destroyForcibly();
      all.forEach(ProcessHandle::destroyForcibly);
      await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
    }

    private HttpResponse<String> get(String path) throws Exception {
      return HTTP.send(
          HttpRequest.newBuilder(url(path))
              .timeout(Duration.ofSeconds(10))
              .header("X-API-Key", "dev-key")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
      return URI.create("http://127.0.0.1:" + intakePort + path);
    }

    /** Stops the run and every process it started, however the test went. */
    @Override
    public void close() {
      List<ProcessHandle> all = new ArrayList<>(tree);
      all.addAll(process.descendants().toList());
      process.destroyForcibly();
      all.forEach(ProcessHandle::destroyForcibly);
      await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static int freePort() throws Exception {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }
  }

  /** One SSE event of the alert feed: its position and the alert id of its data. */
  private record SseEvent(String id, String alertId) {}

  /** A minimal real SSE client of {@code GET /feeds/alerts}, reading on a daemon thread. */
  private static final class SseClient implements AutoCloseable {
    final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final InputStream body;

    SseClient(int port, String lastEventId) throws Exception {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/feeds/alerts"))
              .header("Accept", "text/event-stream")
              .header("X-API-Key", SUPERVISOR_KEY);
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(r.statusCode()).isEqualTo(200);
      body = r.body();
      Thread reader = new Thread(this::read, "run-it-sse");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line; (line = in.readLine()) != null; ) {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              events.add(new SseEvent(id, JSON.readTree(data.toString()).get("alertId").asText()));
            }
            id = null;
            data.setLength(0);
          } else if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).trim());
          }
        }
      } catch (Exception e) {
        // connection closed
      }
    }

    List<String> alertIds() {
      return events.stream().map(SseEvent::alertId).toList();
    }

    @Override
    public void close() throws Exception {
      body.close();
    }
  }
}
