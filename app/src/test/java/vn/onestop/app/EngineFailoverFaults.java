package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.schema.Topics;
import vn.onestop.sla.SlaEngineConfig;

/**
 * What the engine fault tests share: the pipeline on the three-node cluster (topics with 6
 * partitions, replication factor 3, min ISR 2), {@code onestop engine} instances in child JVMs, an
 * in-process intake taking a steady load of petitions, the clock ticker, and an {@link
 * AlertLedger}. Clocks come from {@code policy/run-restart-policies.json} (seconds-scale, test
 * only): every petition gets exactly four alerts on its acceptance clock (warning at 50 %, breach,
 * levels 2 and 3) within about 20 s, so "nothing lost" is four distinct alert ids per case answered
 * 202 and "nothing doubled" is each id read once.
 *
 * <p>Failure detection is shortened for the tests with {@code session.timeout.ms=6000}: the
 * failover time printed is dominated by it (the default, 45 s, would dominate in production unless
 * set likewise).
 */
abstract class EngineFailoverFaults {
  static final String UNIT = "tiep-nhan";
  static final String API_KEY = "it-key";

  /** The engines' shared {@value InternalKey#ENV} (set in each child's environment). */
  static final String INTERNAL_KEY = "it-internal-key-0123456789";

  static final int ALERTS_PER_CASE = 4;
  static final List<String> FAST_FAILURE_DETECTION =
      List.of("session.timeout.ms=6000", "heartbeat.interval.ms=1500");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path work;
  final List<AutoCloseable> open = new ArrayList<>();

  /** Creates the product's topics the way every service does: 6 partitions, RF 3. */
  static Cluster prepare(KafkaStack stack) {
    Cluster c = Cluster.external(stack.bootstrapServers(), stack.schemaRegistryUrl());
    TopicOptions topics = new TopicOptions();
    topics.partitions = 6;
    topics.replication = 3;
    Services.prepareTopics(c, topics);
    return c;
  }

  static Path policies() throws Exception {
    return Path.of(
        EngineFailoverFaults.class.getResource("/policy/run-restart-policies.json").toURI());
  }

  /** Starts {@code n} instances in parallel and waits until each is RUNNING. */
  List<EngineInstanceProcess> engines(
      KafkaStack stack, int n, int standbys, List<String> streamsProperties) throws Exception {
    List<EngineInstanceProcess> engines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      EngineInstanceProcess e =
          EngineInstanceProcess.start(
              "engine-" + i, stack, work, n, standbys, policies(), streamsProperties);
      open.add(e);
      engines.add(e);
    }
    for (EngineInstanceProcess e : engines) {
      e.awaitRunning(Duration.ofMinutes(3));
    }
    return engines;
  }

  /** The in-process intake (what {@code onestop intake} runs), status from the given engine. */
  IntakeService intake(Cluster c, EngineInstanceProcess statusFrom) {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    IntakeService intake =
        Services.intake(
            c, "127.0.0.1", 0, Map.of(API_KEY, "it"), Optional.of(IdentityKey.fromBytes(raw)));
    open.add(intake);
    intake.attachStatus(
        new RemoteStatusLookup(
            List.of(URI.create(statusFrom.url())), false, InternalKey.of(INTERNAL_KEY)));
    return intake;
  }

  void closeAll() {
    List<AutoCloseable> reversed = new ArrayList<>(open);
    java.util.Collections.reverse(reversed);
    for (AutoCloseable c : reversed) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("could not close " + c + ": " + e);
      }
    }
    open.clear();
    List<String> left = new ArrayList<>();
    for (AutoCloseable c : reversed) {
      if (c instanceof EngineInstanceProcess e && e.isAlive()) {
        left.add(e.name() + " pid " + e.pid());
      }
    }
    assertThat(left).as("engine processes left after closing").isEmpty();
  }

  /** Waits until every accepted case has its four alerts (or the limit passes). */
  static void awaitAlerts(AlertLedger ledger, Set<String> cases, Duration limit) {
    try {
      await()
          .atMost(limit)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> ledger.casesMissingAlerts(cases, ALERTS_PER_CASE).isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // reported as "lost" below, with the counts
    }
  }

  /**
   * One phase of a scenario, measured in work done rather than slept: lets the load run until it
   * has had {@code n} more answers whose status is {@code status}.
   *
   * @throws org.awaitility.core.ConditionTimeoutException when they do not come within {@code
   *     limit}
   */
  static void awaitAnswers(SubmissionLoad load, int n, int status, Duration limit) {
    long target = count(load, status) + n;
    await()
        .alias(n + " more submissions answered " + status)
        .atMost(limit)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> count(load, status) >= target);
  }

  private static long count(SubmissionLoad load, int status) {
    return load.answers().stream().filter(a -> a.status() == status).count();
  }

  /**
   * Waits until every case accepted so far has its four alerts: the instances still up carry the
   * whole load (after a kill: they have taken over the lost tasks), and not before {@code
   * notBefore} has passed (for a fault that must last at least that long).
   *
   * @throws org.awaitility.core.ConditionTimeoutException when they do not within {@code limit}
   */
  static void awaitCaughtUp(
      AlertLedger ledger, SubmissionLoad load, Duration notBefore, Duration limit) {
    Set<String> sofar = load.accepted();
    await()
        .alias("all " + sofar.size() + " cases accepted so far have their four alerts")
        .pollDelay(notBefore)
        .atMost(limit.plus(notBefore))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> ledger.casesMissingAlerts(sofar, ALERTS_PER_CASE).isEmpty());
  }

  /** Prints and returns the largest per-partition gap of alerts around a fault, in ms. */
  static long failover(AlertLedger ledger, String label, long faultNanos) {
    Map<Integer, Long> gaps = ledger.gapsAround(faultNanos);
    long max = gaps.values().stream().mapToLong(Long::longValue).max().orElse(-1);
    System.out.printf(
        "MEASURED %s: failover %d ms (largest per-partition gap of alerts around the fault; by"
            + " partition %s)%n",
        label, max, gaps);
    return max;
  }

  /** GET a path on a base URL: status and body. */
  static HttpResponse<String> get(String base, String path, String apiKey) throws Exception {
    return get(base, path, "X-API-Key", apiKey);
  }

  /** GET a path on a base URL with a credential header (none when {@code value} is null). */
  static HttpResponse<String> get(String base, String path, String header, String value)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (value != null) {
      b.header(header, value);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Every instance answers the status of every sampled case (forwarding to the owner), and the
   * intake answers it from the engine.
   */
  static void assertStatusFromAnyInstance(
      Collection<EngineInstanceProcess> engines, IntakeService intake, Collection<String> sample)
      throws Exception {
    for (String caseId : sample) {
      for (EngineInstanceProcess e : engines) {
        String path = "/internal/v1/cases/" + caseId + "/status";
        // 503 + Retry-After is the answer while the last restart's rebalance moves tasks.
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> get(e.url(), path, InternalKey.HEADER, INTERNAL_KEY).statusCode() != 503);
        assertThat(get(e.url(), path, null, null).statusCode())
            .as(e.name() + " without the internal key")
            .isEqualTo(401);
        HttpResponse<String> r = get(e.url(), path, InternalKey.HEADER, INTERNAL_KEY);
        assertThat(r.statusCode()).as(e.name() + " for " + caseId + ": " + r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"caseId\":\"" + caseId + "\"");
      }
      HttpResponse<String> r = get(intake.baseUrl(), "/api/v1/cases/" + caseId, API_KEY);
      assertThat(r.statusCode()).as("intake for " + caseId + ": " + r.body()).isEqualTo(200);
      assertThat(r.body()).contains(caseId);
    }
  }

  /**
   * The product's topics and Kafka Streams' internal topics (changelogs, repartition) have three
   * replicas and min ISR 2 on the cluster.
   */
  static void assertReplicated(KafkaStack stack) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      Set<String> internal =
          names.stream()
              .filter(n -> n.startsWith(SlaEngineConfig.DEFAULT_APPLICATION_ID + "-"))
              .collect(Collectors.toSet());
      assertThat(internal).as("changelog topics").anyMatch(n -> n.endsWith("-changelog"));
      Set<String> product =
          Set.of(
              Topics.CASE_EVENTS.name(),
              Topics.CASE_ALERTS.name(),
              Topics.CASE_EVENTS_REJECTED.name(),
              Topics.ORG_UNITS.name());
      Set<String> all = new java.util.TreeSet<>(internal);
      all.addAll(product);
      Map<String, TopicDescription> described =
          admin.describeTopics(all).allTopicNames().get(30, TimeUnit.SECONDS);
      Map<String, String> minIsr = new TreeMap<>();
      admin
          .describeConfigs(
              all.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList())
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((r, config) -> minIsr.put(r.name(), config.get("min.insync.replicas").value()));
      for (TopicDescription d : described.values()) {
        assertThat(d.partitions())
            .as("replicas of " + d.name())
            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
      }
      assertThat(minIsr)
          .as("min.insync.replicas")
          .allSatisfy((t, v) -> assertThat(v).isEqualTo("2"));
      System.out.printf(
          "MEASURED replication: %d topics (%d internal) with 3 replicas and min ISR 2%n",
          all.size(), internal.size());
    }
  }
}
