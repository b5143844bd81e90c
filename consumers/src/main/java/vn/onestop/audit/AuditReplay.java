package vn.onestop.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;
import vn.onestop.sla.topology.PunctuationSettings;

/**
 * {@code onestop audit replay [--from T] [--to T]}: re-runs the SLA engine OFFLINE, in this
 * process, over the recorded {@code case-events} and {@code org-units}, and compares the alerts it
 * derives with the recorded {@code case-alerts} ({@link ReplayResult}).
 *
 * <p>The engine is {@link OfflineReplay}: the live processor's engine task ({@code
 * vn.onestop.sla.engine.EngineTask} over {@code CaseEngine}) per partition, in memory, with Kafka
 * Streams' stream time and STREAM_TIME punctuation emulated per task; its equivalence with the
 * topology is a property test of the streams module. Nothing is written to Kafka (the recorded
 * topics are only read, read_committed) and no state directory is used; the registry is only read.
 *
 * <p>Method: all org-units records are applied first: every version of every unit (keys {@code
 * unitId|validFrom}), so the replayed engine addresses each alert, as the live one does, to the
 * version of each unit in force at the alert's decidedAt ({@code
 * vn.onestop.schema.OrgUnitVersions}, docs/org-units.md). A head replaced mid-period therefore gets
 * the same alerts in the replay as live; a version published after the alerts it governs had fired
 * (a retroactive correction) makes the replay differ from the record, and the difference names
 * {@code recipientOfficialId}. Then every case-events record is fed with its key, bytes, headers
 * and timestamp to its partition's task, partitions merged by timestamp while each partition keeps
 * its order. State is always rebuilt from the beginning of the log; {@code from} and {@code to}
 * only bound the compared alerts by decidedAt. Default {@code to}: the smallest last record
 * timestamp over the case-events partitions minus one punctuation interval, so an alert the live
 * engine could not have fired yet is not reported missing. Memory: all events are held at once.
 */
public final class AuditReplay {
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

    // Re-run the engine offline (OfflineReplay: no Kafka Streams runtime, nothing written).
    Map<String, CaseAlert> derived = new LinkedHashMap<>();
    int partitionCount = partitions.keySet().stream().mapToInt(p -> p + 1).max().orElse(1);
    OfflineReplay replay =
        new OfflineReplay(
            policies,
            CalendarBook.standard(),
            punctuation,
            partitionCount,
            source.caseEventsTopic(),
            Topics.CASE_EVENTS.valueSerde(registry, false).deserializer(),
            true,
            new OfflineReplay.Listener() {
              @Override
              public void alert(int partition, CaseAlert alert) {
                derived.putIfAbsent(alert.getAlertId().toString(), alert);
              }
            });
    var orgValues = Topics.ORG_UNITS.valueSerde(registry, false).deserializer();
    for (ConsumerRecord<String, byte[]> r : orgRecords) {
      OrgUnit unit = null;
      if (r.value() != null) {
        try {
          unit = orgValues.deserialize(r.topic(), r.headers(), r.value());
        } catch (RuntimeException e) {
          continue; // the live engine's global store skips an unreadable org unit too
        }
      }
      replay.orgRecord(r.key(), unit);
    }
    Map<Integer, List<OfflineReplay.LogRecord>> log = new TreeMap<>();
    partitions.forEach(
        (p, records) -> log.put(p, records.stream().map(OfflineReplay.LogRecord::of).toList()));
    partitions.clear();
    long events = log.values().stream().mapToLong(List::size).sum();
    replay.acceptAll(log);
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
}
