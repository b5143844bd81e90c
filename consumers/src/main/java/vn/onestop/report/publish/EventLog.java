package vn.onestop.report.publish;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.onestop.audit.PipelineSource;
import vn.onestop.audit.TopicScan;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topics;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;
import vn.onestop.sla.topology.PunctuationSettings;

/**
 * The recorded input of a scorecard or a what-if: the case events in the order the engine applies
 * them and every version of every unit (org-units, keyed {@code unitId|validFrom}, tombstones
 * applied).
 *
 * <p>The events are not held: each replay reads them from the {@link Source} once, from the start,
 * and hands them to the offline engine one by one, so a replay's memory is the engine's case states
 * and what its listeners keep, not the log. {@link #load} reads {@code case-events} with one
 * consumer per partition, each partition in offset order, merged by record timestamp (ties: lower
 * partition first): the order of {@code KpiReconciliation}'s and {@code audit replay}'s merge, and
 * the order of a sort by (timestamp, partition, offset) whenever each partition's timestamps do not
 * decrease with the offset (the producers stamp occurredAt, and the engine refuses a case event
 * older than the case's last one). Only the directory (small) is kept in memory.
 */
public final class EventLog {
  /**
   * A case-events log that can be read from its start any number of times.
   *
   * <p>Example: {@code each -> events.forEach(each)} for events in memory (tests).
   */
  @FunctionalInterface
  public interface Source {
    /**
     * Reads the log once.
     *
     * @param each called for every case event (clock ticks included), in replay order
     */
    void forEach(Consumer<CaseEvent> each);
  }

  /**
   * One replay of a {@link #replayAll} pass.
   *
   * @param policies the SLA policies to run
   * @param calendars the working calendars
   * @param kpiFacts whether to compute KPI facts and monthly unit KPIs
   * @param listener where the alerts, facts, unit KPIs and engine steps go
   */
  public record Run(
      PolicyBook policies,
      CalendarBook calendars,
      boolean kpiFacts,
      OfflineReplay.Listener listener) {}

  private static final byte[] PLACEHOLDER = {0};

  private final Source events;
  private final Map<String, OrgUnit> org;

  /**
   * A log in memory (tests, benchmarks).
   *
   * @param events case events (ticks included), in replay order
   * @param org org-units key → unit version
   */
  public EventLog(List<CaseEvent> events, Map<String, OrgUnit> org) {
    this(inMemory(events), org);
  }

  /**
   * @param events where the case events are read from, once per replay
   * @param org org-units key → unit version (copied)
   */
  public EventLog(Source events, Map<String, OrgUnit> org) {
    this.events = Objects.requireNonNull(events, "events");
    this.org = Map.copyOf(org);
  }

  private static Source inMemory(List<CaseEvent> events) {
    List<CaseEvent> copy = List.copyOf(events);
    return copy::forEach;
  }

  /**
   * @return org-units key → unit version
   */
  public Map<String, OrgUnit> org() {
    return org;
  }

  /**
   * Reads the log once.
   *
   * @param each called for every case event in replay order
   */
  public void forEach(Consumer<CaseEvent> each) {
    events.forEach(each);
  }

  /**
   * Reads {@code org-units} now and returns a log whose case events are read from {@code
   * case-events} on each replay (read_committed; unreadable records and tombstones skipped, as
   * {@link TopicScan} does).
   *
   * @param source the cluster and topics
   * @return the log
   * @throws IllegalArgumentException if the org-units topic does not exist (case-events: when read)
   */
  public static EventLog load(PipelineSource source) {
    Map<String, OrgUnit> org = new HashMap<>();
    TopicScan.scan(
        source.bootstrapServers(),
        source.orgUnitsTopic(),
        Topics.ORG_UNITS.valueSerde(source.registry(), false).deserializer(),
        r -> {
          if (r.value() == null) {
            org.remove(r.key());
          } else {
            org.put(r.key(), r.value());
          }
        });
    return new EventLog(each -> readTopic(source, each), org);
  }

  /** One partition's consumer and the records it fetched but the merge has not taken yet. */
  private static final class PartitionCursor {
    final TopicPartition tp;
    final KafkaConsumer<String, CaseEvent> consumer;
    final long end;
    final ArrayDeque<ConsumerRecord<String, CaseEvent>> buffer = new ArrayDeque<>();

    PartitionCursor(TopicPartition tp, KafkaConsumer<String, CaseEvent> consumer, long end) {
      this.tp = tp;
      this.consumer = consumer;
      this.end = end;
    }

    /**
     * @return the next record, fetching when the buffer is empty; null at the end offset
     */
    ConsumerRecord<String, CaseEvent> head() {
      while (buffer.isEmpty() && consumer.position(tp) < end) {
        try {
          for (ConsumerRecord<String, CaseEvent> r : consumer.poll(Duration.ofMillis(500))) {
            if (r.offset() < end && r.value() != null) {
              buffer.add(r);
            }
          }
        } catch (RecordDeserializationException e) {
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
      return buffer.peek();
    }
  }

  /**
   * Streams {@code case-events}: one consumer per partition (at most {@code max.poll.records}
   * records buffered each), merged by record timestamp, ties by partition.
   */
  private static void readTopic(PipelineSource source, Consumer<CaseEvent> each) {
    String topic = source.caseEventsTopic();
    List<PartitionCursor> cursors = new ArrayList<>();
    try {
      KafkaConsumer<String, CaseEvent> first = consumer(source);
      List<PartitionInfo> infos;
      try {
        infos = first.partitionsFor(topic, Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        first.close(Duration.ZERO);
        throw e;
      }
      if (infos == null || infos.isEmpty()) {
        first.close(Duration.ZERO);
        throw new IllegalArgumentException("topic '" + topic + "' does not exist");
      }
      List<TopicPartition> parts =
          infos.stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
              .toList();
      Map<TopicPartition, Long> ends = first.endOffsets(parts);
      for (int i = 0; i < parts.size(); i++) {
        TopicPartition tp = parts.get(i);
        KafkaConsumer<String, CaseEvent> c = i == 0 ? first : consumer(source);
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        cursors.add(new PartitionCursor(tp, c, ends.get(tp)));
      }
      while (true) {
        PartitionCursor best = null;
        long bestTs = 0;
        for (PartitionCursor c : cursors) {
          ConsumerRecord<String, CaseEvent> h = c.head();
          if (h != null && (best == null || h.timestamp() < bestTs)) {
            best = c;
            bestTs = h.timestamp();
          }
        }
        if (best == null) {
          return;
        }
        each.accept(best.buffer.poll().value());
      }
    } finally {
      for (PartitionCursor c : cursors) {
        c.consumer.close(Duration.ZERO);
      }
    }
  }

  private static KafkaConsumer<String, CaseEvent> consumer(PipelineSource source) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    p.put(
        ConsumerConfig.CLIENT_ID_CONFIG,
        "onestop-report-" + UUID.randomUUID().toString().substring(0, 8));
    return new KafkaConsumer<>(
        p,
        new StringDeserializer(),
        Topics.CASE_EVENTS.valueSerde(source.registry(), false).deserializer());
  }

  /**
   * Re-runs the engine over this log offline ({@link OfflineReplay}: the engine's own task, its
   * STREAM_TIME punctuation, the KPI stages), then moves stream time to {@code upTo}. The events
   * are already decoded: each is given to the replay as a record of one partition, in log order,
   * with its occurredAt as record timestamp (what the producers stamp) and its position in the log
   * as offset; the replay's deserializer hands back the event being given. One partition instead of
   * the topic's several changes no alert (ids and fields are decided by the case alone) and no
   * unit's KPI figures; only the interleaving of outputs across cases differs.
   *
   * @param policies the SLA policies to run
   * @param calendars the working calendars
   * @param upTo stream time is moved to this instant at the end (UTC; alerts due by then fire,
   *     months ending by then close)
   * @param kpiFacts whether to compute KPI facts and monthly unit KPIs
   * @param listener where the alerts, facts, unit KPIs and engine steps go
   * @return the replay, run (for its counters)
   */
  public OfflineReplay replay(
      PolicyBook policies,
      CalendarBook calendars,
      Instant upTo,
      boolean kpiFacts,
      OfflineReplay.Listener listener) {
    return replayAll(List.of(new Run(policies, calendars, kpiFacts, listener)), upTo).get(0);
  }

  /**
   * Several independent replays ({@link #replay}) in one read of the log: each event is given to
   * every replay in turn (e.g. the rules in force and a draft for a what-if).
   *
   * @param runs the replays
   * @param upTo stream time of every replay is moved to this instant at the end (UTC)
   * @return the replays, run, in the order of {@code runs}
   */
  public List<OfflineReplay> replayAll(List<Run> runs, Instant upTo) {
    CaseEvent[] current = new CaseEvent[1];
    List<OfflineReplay> replays = new ArrayList<>();
    for (Run run : runs) {
      OfflineReplay replay =
          new OfflineReplay(
              run.policies(),
              run.calendars(),
              PunctuationSettings.DEFAULT,
              1,
              Topics.CASE_EVENTS.name(),
              (topic, data) -> current[0],
              run.kpiFacts(),
              run.listener());
      org.forEach(replay::orgRecord);
      replays.add(replay);
    }
    long[] offset = {0};
    events.forEach(
        e -> {
          current[0] = e;
          OfflineReplay.LogRecord r =
              new OfflineReplay.LogRecord(
                  0,
                  offset[0]++,
                  e.getOccurredAt().toEpochMilli(),
                  e.getCaseId() == null ? null : e.getCaseId().getBytes(StandardCharsets.UTF_8),
                  PLACEHOLDER,
                  null);
          for (OfflineReplay replay : replays) {
            replay.accept(r);
          }
        });
    current[0] = null;
    for (OfflineReplay replay : replays) {
      replay.advanceAllTo(upTo);
    }
    return replays;
  }
}
