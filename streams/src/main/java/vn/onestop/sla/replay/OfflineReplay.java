package vn.onestop.sla.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.UnitKpi;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.engine.EngineTask;
import vn.onestop.sla.engine.InMemoryDeadlines;
import vn.onestop.sla.kpi.InMemoryKpiStore;
import vn.onestop.sla.kpi.KpiAggregator;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.CaseEventReader;
import vn.onestop.sla.topology.PunctuationSettings;

/**
 * The SLA engine re-run offline in one bulk pass over the raw log: the records of {@code
 * case-events} as read (key bytes, value bytes, headers, record timestamp, per partition in offset
 * order) and the {@code org-units} records. No Kafka Streams runtime: per partition one {@link
 * EngineTask} (the same per-record bookkeeping and punctuation loop as the live processor, over
 * {@link CaseEngine}) with its cases in a hash map and a priority-queue deadline index ({@link
 * InMemoryDeadlines}); each record is read by the live processor's own {@link CaseEventReader}. The
 * KPI stage 2 is one {@link KpiAggregator} over all partitions' facts (as many sources as
 * partitions; the live topology spreads units over several, which changes nothing per unit).
 *
 * <p><b>Stream time and punctuation</b>, emulated as Kafka Streams runs this topology (one task per
 * {@code case-events} partition): the task's stream time is the largest record timestamp it has
 * taken, set before the record is processed (ticks included: a {@code ClockTick} is read, changes
 * no case, and advances stream time like any record); after each record, the STREAM_TIME punctuator
 * ({@link PunctuationSettings#interval()}, scheduled at 0 = aligned to multiples of the interval
 * from the epoch) fires once when stream time has reached its next scheduled time, with the stream
 * time as argument and the work budget {@link PunctuationSettings#maxEntriesPerPunctuation()}; the
 * next time is then the first multiple of the interval after stream time (missed intervals are
 * skipped, not caught up). This is exactly what Kafka Streams' TopologyTestDriver does for every
 * record, and what the live engine does when it punctuates after each record; a live stream thread
 * that processes several records between two punctuation checks emits the same alerts (same ids and
 * fields: decidedAt is the due instant, recipients are looked up then, firing is idempotent) and
 * the same KPI figures, possibly interleaved differently across cases.
 *
 * <p><b>Org units</b> are given first ({@link #orgRecord}); lookups follow the live global store:
 * by key, the unit's plain key then its keys {@code unitId|validFrom}, the version in force at the
 * alert's decidedAt.
 *
 * <p>Memory: one case state per case ever seen (as the live case store), one index entry per case
 * with something pending. Not thread-safe; one instance per replay.
 */
public final class OfflineReplay {
  /**
   * One raw {@code case-events} record.
   *
   * @param partition its partition, {@code [0, partitions)}
   * @param offset its offset (for the listener; records of a partition are given in offset order)
   * @param timestampMs its record timestamp, epoch ms UTC, not negative
   * @param key key bytes, may be null
   * @param value value bytes, may be null
   * @param headers record headers (empty when null)
   */
  public record LogRecord(
      int partition, long offset, long timestampMs, byte[] key, byte[] value, Headers headers) {
    /** Null headers become empty headers. */
    public LogRecord {
      headers = headers == null ? new RecordHeaders() : headers;
    }

    /**
     * @param r a case-events record as a consumer read it (key as UTF-8 text, value as bytes)
     * @return the same record
     */
    public static LogRecord of(ConsumerRecord<String, byte[]> r) {
      return new LogRecord(
          r.partition(),
          r.offset(),
          r.timestamp(),
          r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8),
          r.value(),
          r.headers());
    }
  }

  /** What the replay produces, in the order the live tasks would. Every method is optional. */
  public interface Listener {
    /**
     * @param partition the task's partition
     * @param alert an alert, in the task's emission order
     */
    default void alert(int partition, CaseAlert alert) {}

    /**
     * @param partition the task's partition
     * @param fact a KPI fact, in the task's order
     * @param timestampMs its record timestamp
     */
    default void fact(int partition, KpiFact fact, long timestampMs) {}

    /**
     * @param kpi a monthly record (key {@link KpiAggregator#key}), in the aggregator's order
     */
    default void unitKpi(UnitKpi kpi) {}

    /**
     * One case event after its engine step (after the step's alerts and facts were sent), for a
     * consumer that follows the cases themselves (e.g. the due instants of their clocks).
     *
     * @param partition the task's partition
     * @param event the event
     * @param before the task's stored case before the step, or null for a case not seen yet
     * @param step the step ({@link EngineStep#state()} is the case after it, null when refused
     *     before any state)
     */
    default void step(int partition, CaseEvent event, CaseState before, EngineStep step) {}

    /**
     * @param record a record the live engine would send to {@code case-events-rejected}
     * @param reason why
     */
    default void rejected(LogRecord record, String reason) {}
  }

  /** One task: its stream time, punctuation schedule and engine. */
  private final class Task {
    final int partition;
    final EngineTask engine;
    final Map<String, CaseState> cases = new HashMap<>();
    long streamTime = -1;
    long nextPunctuation = 0;

    Task(int partition) {
      this.partition = partition;
      CaseEngine caseEngine =
          kpiFacts
              ? new CaseEngine(policies, calendars, org, partition, null)
              : new CaseEngine(policies, calendars, org);
      this.engine =
          new EngineTask(
              caseEngine,
              new EngineTask.Cases() {
                @Override
                public CaseState get(String caseId) {
                  return cases.get(caseId);
                }

                @Override
                public void put(String caseId, CaseState state) {
                  cases.put(caseId, state);
                }
              },
              new InMemoryDeadlines(),
              new EngineTask.Output() {
                @Override
                public void alert(CaseAlert alert) {
                  alerts++;
                  listener.alert(partition, alert);
                }

                @Override
                public void fact(KpiFact fact, long timestampMs) {
                  listener.fact(partition, fact, timestampMs);
                  if (aggregator != null) {
                    for (UnitKpi k : aggregator.accept(fact)) {
                      listener.unitKpi(k);
                    }
                  }
                }
              });
    }

    /** Stream time reaches {@code ts} (a record was taken), then the punctuation check. */
    void advance(long ts) {
      if (ts > streamTime) {
        streamTime = ts;
      }
    }

    void maybePunctuate() {
      if (streamTime < 0 || streamTime < nextPunctuation) {
        return;
      }
      long scheduled = nextPunctuation;
      engine.punctuate(streamTime, budget);
      punctuations++;
      long next = scheduled + interval;
      if (streamTime >= next) {
        next = scheduled + ((streamTime - scheduled) / interval + 1) * interval;
      }
      nextPunctuation = next;
    }
  }

  private final PolicyBook policies;
  private final CalendarBook calendars;
  private final boolean kpiFacts;
  private final long interval;
  private final int budget;
  private final String topic;
  private final CaseEventReader reader;
  private final Listener listener;
  private final KpiAggregator aggregator;
  private final Map<Integer, Task> tasks = new TreeMap<>();
  private final int partitions;

  /** Every org-units record by key, as the global store holds them. */
  private final KeyedOrgDirectory org = new KeyedOrgDirectory();

  private long events;
  private long ticks;
  private long rejected;
  private long alerts;
  private long punctuations;

  /**
   * @param policies the engine's SLA policies
   * @param calendars the engine's working calendars
   * @param punctuation the engine's punctuation interval and budget
   * @param partitions partition count of {@code case-events} (the KPI fact sources), at least 1
   * @param topic the case-events topic name (for the deserializer)
   * @param deserializer the case-events value deserializer (the engine's)
   * @param kpiFacts whether to compute KPI facts and monthly KPIs (the live topology does)
   * @param listener where the outputs go
   * @throws IllegalArgumentException if {@code partitions < 1}
   */
  public OfflineReplay(
      PolicyBook policies,
      CalendarBook calendars,
      PunctuationSettings punctuation,
      int partitions,
      String topic,
      Deserializer<CaseEvent> deserializer,
      boolean kpiFacts,
      Listener listener) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
    }
    this.policies = Objects.requireNonNull(policies, "policies");
    this.calendars = Objects.requireNonNull(calendars, "calendars");
    this.interval = punctuation.interval().toMillis();
    this.budget = punctuation.maxEntriesPerPunctuation();
    this.partitions = partitions;
    this.topic = Objects.requireNonNull(topic, "topic");
    this.reader = new CaseEventReader(deserializer);
    this.kpiFacts = kpiFacts;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.aggregator = kpiFacts ? new KpiAggregator(new InMemoryKpiStore(), partitions) : null;
  }

  /**
   * Applies one org-units record (before the case events, as the global store is restored before
   * the tasks run).
   *
   * @param key the record key ({@code unitId} or {@code unitId|validFrom})
   * @param unit the value, or null for a tombstone
   */
  public void orgRecord(String key, OrgUnit unit) {
    if (key == null) {
      return; // the live updater skips it too
    }
    org.put(key, unit);
  }

  /**
   * Processes one case-events record on its partition's task. Records of one partition must come in
   * offset order; partitions are independent except for the KPI aggregator, which takes facts in
   * the order given (see {@link #mergeByTimestamp}).
   *
   * @param r the record
   * @throws IllegalArgumentException if its partition is outside {@code [0, partitions)} or its
   *     timestamp is negative
   */
  public void accept(LogRecord r) {
    if (r.partition() < 0 || r.partition() >= partitions) {
      throw new IllegalArgumentException(
          "partition " + r.partition() + " outside [0, " + partitions + ")");
    }
    if (r.timestampMs() < 0) {
      throw new IllegalArgumentException(
          "record " + r.partition() + "@" + r.offset() + " has a negative timestamp");
    }
    Task t = tasks.computeIfAbsent(r.partition(), Task::new);
    t.advance(r.timestampMs());
    CaseEventReader.Read read = reader.read(topic, r.headers(), r.key(), r.value());
    if (read instanceof CaseEventReader.Event e) {
      events++;
      CaseState before = t.cases.get(e.event().getCaseId());
      EngineStep step = t.engine.onEvent(e.event(), r.timestampMs());
      listener.step(r.partition(), e.event(), before, step);
      if (step.refusal().isPresent()) {
        rejected++;
        listener.rejected(r, step.refusal().get().reason());
      }
    } else if (read instanceof CaseEventReader.Unreadable u) {
      rejected++;
      listener.rejected(r, u.reason());
    } else {
      ticks++;
    }
    t.maybePunctuate();
  }

  /**
   * Moves every partition's stream time to {@code t} as a clock tick at {@code t} on each would
   * (then the punctuation check); for a recomputation that must close months the log's own ticks
   * have not closed yet. Partitions without any record get a task too.
   *
   * @param t the instant (UTC)
   */
  public void advanceAllTo(Instant t) {
    for (int p = 0; p < partitions; p++) {
      Task task = tasks.computeIfAbsent(p, Task::new);
      task.advance(t.toEpochMilli());
      task.maybePunctuate();
    }
  }

  /**
   * Feeds whole partitions, merged as {@code onestop audit replay} always has: the head record with
   * the smallest timestamp next (ties: the lowest partition), each partition kept in its order.
   * Only the KPI aggregator sees the interleaving.
   *
   * @param byPartition each partition's records in offset order
   */
  public void acceptAll(Map<Integer, List<LogRecord>> byPartition) {
    for (LogRecord r : mergeByTimestamp(byPartition)) {
      accept(r);
    }
  }

  /**
   * @param byPartition each partition's records in offset order
   * @return all records, by timestamp across partitions (ties: lowest partition), each partition in
   *     its order
   */
  public static List<LogRecord> mergeByTimestamp(Map<Integer, List<LogRecord>> byPartition) {
    List<List<LogRecord>> lists = new ArrayList<>(new TreeMap<>(byPartition).values());
    int[] at = new int[lists.size()];
    int total = lists.stream().mapToInt(List::size).sum();
    List<LogRecord> out = new ArrayList<>(total);
    for (int n = 0; n < total; n++) {
      int best = -1;
      for (int i = 0; i < lists.size(); i++) {
        if (at[i] < lists.get(i).size()
            && (best < 0
                || lists.get(i).get(at[i]).timestampMs()
                    < lists.get(best).get(at[best]).timestampMs())) {
          best = i;
        }
      }
      out.add(lists.get(best).get(at[best]++));
    }
    return out;
  }

  /**
   * @return case events given to the engine step (ticks and unreadable records excluded)
   */
  public long events() {
    return events;
  }

  /**
   * @return clock ticks read
   */
  public long ticks() {
    return ticks;
  }

  /**
   * @return records the live engine would reject (unreadable, mis-keyed, refused)
   */
  public long rejected() {
    return rejected;
  }

  /**
   * @return alerts emitted
   */
  public long alerts() {
    return alerts;
  }

  /**
   * @return punctuations run, over all partitions
   */
  public long punctuations() {
    return punctuations;
  }
}
