package vn.onestop.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaSerdes;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.SlaTopology;

/**
 * {@code onestop audit replay [--from T] [--to T]}: re-runs the SLA engine's own topology ({@link
 * SlaTopology}, its processor, stores and punctuator) OFFLINE, in this process, over the recorded
 * {@code case-events} and {@code org-units}, and compares the alerts it derives with the recorded
 * {@code case-alerts} ({@link ReplayResult}).
 *
 * <p>Nothing is written to Kafka: the recorded topics are only read (read_committed) and the
 * topology runs in Kafka's in-process {@link TopologyTestDriver} with a private state directory
 * that is deleted afterwards. The registry is used to read schemas; the store serdes register the
 * changelog subject of the fixed application id {@value #APPLICATION_ID} once (the topology's store
 * serdes always register).
 *
 * <p>Method: all org-units records are applied first: every version of every unit (keys {@code
 * unitId|validFrom}), so the replayed engine addresses each alert, as the live one does, to the
 * version of each unit in force at the alert's decidedAt ({@code
 * vn.onestop.schema.OrgUnitVersions}, docs/org-units.md). A head replaced mid-period therefore gets
 * the same alerts in the replay as live; a version published after the alerts it governs had fired
 * (a retroactive correction) makes the replay differ from the record, and the difference names
 * {@code recipientOfficialId}. Then every case-events record is fed with its key, bytes and
 * timestamp, partitions merged by timestamp while each partition keeps its order (as a Kafka
 * Streams task does). State is always rebuilt from the beginning of the log; {@code from} and
 * {@code to} only bound the compared alerts by decidedAt. Default {@code to}: the smallest last
 * record timestamp over the case-events partitions minus one punctuation interval, so an alert the
 * live engine could not have fired yet is not reported missing. Memory: all events are held at
 * once.
 */
public final class AuditReplay {
  /** Application id of the in-process replay (names its changelog subjects). */
  public static final String APPLICATION_ID = "onestop-audit-replay";

  /** Events between two drains of the driver's other output topics (bounds the replay's memory). */
  private static final int DRAIN_EVERY = 1_000;

  private AuditReplay() {}

  /**
   * @param source cluster, registry and recorded topics
   * @param policies the engine's SLA policies
   * @param punctuation the engine's punctuation settings
   * @param from start of the compared window (decidedAt, inclusive); null = from the beginning
   * @param to end of the compared window (decidedAt, exclusive); null = default (see class comment)
   * @return the comparison
   * @throws IllegalArgumentException if a topic does not exist or {@code to} is not after {@code
   *     from}
   */
  public static ReplayResult run(
      PipelineSource source,
      PolicyBook policies,
      PunctuationSettings punctuation,
      Instant from,
      Instant to) {
    SchemaRegistryClient registry = source.registry();
    // Read the record.
    List<ConsumerRecord<String, byte[]>> orgRecords = new ArrayList<>();
    TopicScan.scan(
        source.bootstrapServers(),
        source.orgUnitsTopic(),
        new ByteArrayDeserializer(),
        orgRecords::add);
    Map<Integer, Deque<ConsumerRecord<String, byte[]>>> partitions = new TreeMap<>();
    TopicScan.scan(
        source.bootstrapServers(),
        source.caseEventsTopic(),
        new ByteArrayDeserializer(),
        r -> partitions.computeIfAbsent(r.partition(), p -> new ArrayDeque<>()).add(r));
    for (Deque<ConsumerRecord<String, byte[]>> d : partitions.values()) {
      List<ConsumerRecord<String, byte[]>> sorted = new ArrayList<>(d);
      sorted.sort(Comparator.comparingLong(ConsumerRecord::offset));
      d.clear();
      d.addAll(sorted);
    }
    Map<String, CaseAlert> recorded = new LinkedHashMap<>();
    long[] duplicates = {0};
    TopicScan.scan(
        source.bootstrapServers(),
        source.caseAlertsTopic(),
        Topics.CASE_ALERTS.valueSerde(registry, false).deserializer(),
        r -> {
          if (r.value() != null
              && recorded.putIfAbsent(r.value().getAlertId().toString(), r.value()) != null) {
            duplicates[0]++;
          }
        });
    Instant windowFrom = from == null ? Instant.EPOCH : from;
    Instant windowTo = to != null ? to : defaultTo(partitions, punctuation);
    if (!windowTo.isAfter(windowFrom)) {
      throw new IllegalArgumentException(
          "--to (" + windowTo + ") must be after --from (" + windowFrom + ")");
    }

    // Re-run the engine.
    SlaTopics topics =
        new SlaTopics(
            source.caseEventsTopic(),
            source.orgUnitsTopic(),
            source.caseAlertsTopic(),
            Topics.CASE_EVENTS_REJECTED.name());
    Map<String, CaseAlert> derived = new LinkedHashMap<>();
    long events = 0;
    Path stateDir = tempDir();
    // Ctrl-C during a replay ends the JVM without running the finally below: delete the stores then
    // too.
    Thread cleanup = new Thread(() -> deleteTree(stateDir), "onestop-replay-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay.invalid:9092"); // never contacted
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            SlaTopology.build(topics, SlaSerdes.registry(registry, true), policies, punctuation),
            props)) {
      TestInputTopic<String, byte[]> org =
          driver.createInputTopic(
              topics.orgUnits(), new StringSerializer(), new ByteArraySerializer());
      for (ConsumerRecord<String, byte[]> r : orgRecords) {
        org.pipeInput(new TestRecord<>(r.key(), r.value(), r.headers(), r.timestamp()));
      }
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic(
              topics.caseEvents(), new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<String, CaseAlert> out =
          driver.createOutputTopic(
              topics.caseAlerts(),
              new StringDeserializer(),
              Topics.CASE_ALERTS.valueSerde(registry, false).deserializer());
      ConsumerRecord<String, byte[]> next;
      while ((next = nextByTimestamp(partitions)) != null) {
        byte[] key =
            next.key() == null
                ? null
                : next.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        in.pipeInput(new TestRecord<>(key, next.value(), next.headers(), next.timestamp()));
        events++;
        for (CaseAlert a : out.readValuesToList()) {
          derived.putIfAbsent(a.getAlertId().toString(), a);
        }
        if (events % DRAIN_EVERY == 0) {
          discardOtherOutputs(driver, topics.caseAlerts());
        }
      }
    } finally {
      deleteTree(stateDir);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException exiting) {
        // the JVM is already shutting down: the hook runs anyway
      }
    }
    return compare(recorded, derived, windowFrom, windowTo, events, duplicates[0]);
  }

  /**
   * Compares recorded and derived alerts within a decidedAt window.
   *
   * @param recorded recorded alerts by id (first copy)
   * @param derived derived alerts by id (first copy)
   * @param from window start (inclusive)
   * @param to window end (exclusive)
   * @param events number of events replayed (for the report)
   * @param duplicates recorded duplicate copies (for the report)
   * @return the result
   */
  public static ReplayResult compare(
      Map<String, CaseAlert> recorded,
      Map<String, CaseAlert> derived,
      Instant from,
      Instant to,
      long events,
      long duplicates) {
    long matches = 0;
    List<CaseAlert> missing = new ArrayList<>();
    List<CaseAlert> extra = new ArrayList<>();
    List<ReplayResult.Differing> differing = new ArrayList<>();
    for (CaseAlert d : derived.values()) {
      if (!within(d, from, to)) {
        continue;
      }
      CaseAlert r = recorded.get(d.getAlertId().toString());
      if (r == null) {
        missing.add(d);
      } else if (r.equals(d)) {
        matches++;
      } else {
        differing.add(new ReplayResult.Differing(r, d, fieldsThatDiffer(r, d)));
      }
    }
    for (CaseAlert r : recorded.values()) {
      if (within(r, from, to) && !derived.containsKey(r.getAlertId().toString())) {
        extra.add(r);
      }
    }
    // A recorded alert inside the window whose derived copy falls outside it (decidedAt altered) is
    // differing.
    for (CaseAlert r : recorded.values()) {
      CaseAlert d = derived.get(r.getAlertId().toString());
      if (d != null && within(r, from, to) && !within(d, from, to)) {
        differing.add(new ReplayResult.Differing(r, d, fieldsThatDiffer(r, d)));
      }
    }
    return new ReplayResult(from, to, events, matches, missing, extra, differing, duplicates);
  }

  private static boolean within(CaseAlert a, Instant from, Instant to) {
    return !a.getDecidedAt().isBefore(from) && a.getDecidedAt().isBefore(to);
  }

  private static List<String> fieldsThatDiffer(CaseAlert a, CaseAlert b) {
    List<String> out = new ArrayList<>();
    for (Schema.Field f : CaseAlert.getClassSchema().getFields()) {
      Object x = a.get(f.pos());
      Object y = b.get(f.pos());
      if (!String.valueOf(x).equals(String.valueOf(y))) {
        out.add(f.name());
      }
    }
    return out;
  }

  /**
   * The driver keeps every record written to every topic (changelogs, rejected events, KPI facts)
   * until it is read; a replay of 10^5 events would hold gigabytes. Only alerts are compared, so
   * the rest is read and dropped regularly.
   */
  private static void discardOtherOutputs(TopologyTestDriver driver, String alertsTopic) {
    for (String topic : driver.producedTopicNames()) {
      if (!topic.equals(alertsTopic)) {
        driver
            .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .readRecordsToList();
      }
    }
  }

  /** Smallest last timestamp over partitions, minus one punctuation interval. */
  private static Instant defaultTo(
      Map<Integer, Deque<ConsumerRecord<String, byte[]>>> partitions,
      PunctuationSettings punctuation) {
    long min = Long.MAX_VALUE;
    for (Deque<ConsumerRecord<String, byte[]>> d : partitions.values()) {
      long last = d.stream().mapToLong(ConsumerRecord::timestamp).max().orElse(Long.MIN_VALUE);
      min = Math.min(min, last);
    }
    if (min == Long.MAX_VALUE || min == Long.MIN_VALUE) {
      return Instant.EPOCH.plusMillis(1);
    }
    return Instant.ofEpochMilli(min).minus(punctuation.interval()).plus(Duration.ofMillis(1));
  }

  /**
   * Head record with the smallest timestamp (ties: lowest partition); each partition stays in
   * order.
   */
  private static ConsumerRecord<String, byte[]> nextByTimestamp(
      Map<Integer, Deque<ConsumerRecord<String, byte[]>>> partitions) {
    Deque<ConsumerRecord<String, byte[]>> best = null;
    for (Deque<ConsumerRecord<String, byte[]>> d : partitions.values()) {
      if (!d.isEmpty()
          && (best == null || d.peekFirst().timestamp() < best.peekFirst().timestamp())) {
        best = d;
      }
    }
    return best == null ? null : best.pollFirst();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("onestop-replay-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
