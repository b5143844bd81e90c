package vn.onestop.sla.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.RejectedEvent;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.engine.EngineTask;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.index.DeadlineIndex;
import vn.onestop.sla.index.DeadlineIndexKey;
import vn.onestop.sla.kpi.KeyValueKpiStore;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;

/**
 * The SLA engine's processor: a thin adapter of {@link EngineTask} (which drives {@link
 * CaseEngine}, the engine step owning the firing rule and the order fire → decide → KPI facts →
 * next due instant) over the task's stores and forwarding. Everything depends only on the log
 * (record timestamps and stream time), never on the wall clock, so a replay gives the same alerts
 * with the same {@code decidedAt}.
 *
 * <p>Per {@code case-events} record with timestamp t: {@link CaseEventReader} reads it; an
 * unreadable record goes to {@code case-events-rejected} with the original bytes and the reason; a
 * {@link vn.onestop.schema.ClockTick} does nothing (it only advances stream time, which drives the
 * punctuator); a case event goes to {@link EngineTask#onEvent} at t: alerts to {@code case-alerts}
 * (stamped at their decidedAt), KPI facts to {@link SlaTopology#KPI_FACTS}, a refusal to {@code
 * case-events-rejected}.
 *
 * <p>STREAM_TIME punctuation every {@link PunctuationSettings#interval()} (Kafka Streams aligns it
 * to multiples of the interval from epoch 0 and calls it with the task's stream time, the largest
 * record timestamp seen): {@link EngineTask#punctuate} with the budget {@link
 * PunctuationSettings#maxEntriesPerPunctuation()} — due alerts in due order across cases. Cost per
 * punctuation: one index seek, O(log n), plus O(entries due, capped) store reads and writes; the
 * open cases that are not due are never iterated (see {@link DeadlineIndex}).
 *
 * <p>KPI facts (when built with {@code kpiFacts}): forwarded to {@link SlaTopology#KPI_FACTS} as
 * {@code KpiFactRecord}s keyed by unit id (watermarks by {@link KpiFactPartitioner#WATERMARK_KEY});
 * the per-case marks live in the case state ({@code CaseState.kpiMark}); {@link
 * SlaTopology#KPI_MARKS_STORE}, where they were kept before, is only read, for cases stored before
 * that; the fact source id is the task's case-events partition.
 *
 * <p>Invariant: the index holds, for each stored case, {@link CaseEngine#indexedAt} (the next due
 * instant the engine recorded in the case when it stepped it); the index store has no changelog and
 * {@link #init} rebuilds it from the case store by that same function ({@link #rebuildIndex}). An
 * org-unit change between two computations may leave a stale entry; it is harmless (firing is
 * idempotent: each alert id is emitted once, recorded in the state) and is removed when the
 * punctuator reaches it.
 */
final class SlaProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(SlaProcessor.class);

  private final CaseEventReader reader;
  private final PolicyBook policies;
  private final CalendarBook calendars;
  private final PunctuationSettings settings;
  private final boolean kpiFacts;

  private ProcessorContext<String, SpecificRecord> context;

  /** Where this task reports its stream time for the engine's metrics; null when not given. */
  private StreamClock streamClock;

  private KeyValueStore<String, CaseState> cases;
  private DeadlineIndex index;

  /**
   * The task's engine ({@link CaseEngine} over the stores), built in {@link #init} over this task's
   * org directory and KPI marks.
   */
  private EngineTask task;

  /**
   * @param deserializer case-events value deserializer
   * @param policies SLA policies
   * @param calendars working calendars
   * @param settings punctuation settings
   * @param kpiFacts whether to produce KPI facts (needs the {@link SlaTopology#KPI_MARKS_STORE}
   *     store and a {@link SlaTopology#KPI_FACTS} child)
   */
  SlaProcessor(
      Deserializer<CaseEvent> deserializer,
      PolicyBook policies,
      CalendarBook calendars,
      PunctuationSettings settings,
      boolean kpiFacts) {
    this.reader = new CaseEventReader(deserializer);
    this.policies = Objects.requireNonNull(policies, "policies");
    this.calendars = Objects.requireNonNull(calendars, "calendars");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.kpiFacts = kpiFacts;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.cases = context.getStateStore(SlaTopology.CASE_STORE);
    KeyValueStore<Bytes, byte[]> indexStore =
        context.getStateStore(SlaTopology.DEADLINE_INDEX_STORE);
    OrgDirectory org =
        GlobalStoreOrgDirectory.cached(context.getStateStore(SlaTopology.ORG_UNITS_STORE));
    CaseEngine engine;
    if (kpiFacts) {
      // Marks now live in the case state; the store is read only for cases stored before that.
      KeyValueStore<String, String> legacyMarks =
          context.getStateStore(SlaTopology.KPI_MARKS_STORE);
      engine =
          new CaseEngine(
              policies,
              calendars,
              org,
              context.taskId().partition(),
              new KeyValueKpiStore(new KpiStringStore(legacyMarks)));
    } else {
      engine = new CaseEngine(policies, calendars, org);
    }
    this.index = rebuildIndex(context.taskId().toString(), indexStore, cases, engine);
    this.task = new EngineTask(engine, storeCases(cases), storeDeadlines(index), output());
    this.streamClock =
        context.appConfigs().get(StreamClock.CONFIG) instanceof StreamClock c ? c : null;
    // Punctuators are not state: registered again whenever the task is (re)initialised.
    context.schedule(settings.interval(), PunctuationType.STREAM_TIME, this::punctuate);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    observeStreamTime();
    CaseEventReader.Read read =
        reader.read(topic(), record.headers(), record.key(), record.value());
    if (read instanceof CaseEventReader.Unreadable u) {
      reject(record, u.key(), u.event(), u.reason(), null);
      return;
    }
    if (!(read instanceof CaseEventReader.Event e)) {
      return; // a tick only advances stream time
    }
    EngineStep step = task.onEvent(e.event(), record.timestamp());
    step.refusal().ifPresent(r -> reject(record, e.key(), e.event(), r.reason(), r.stateName()));
  }

  private void observeStreamTime() {
    if (streamClock != null) {
      streamClock.advance(context.taskId().partition(), context.currentStreamTimeMs());
    }
  }

  /**
   * The deadline punctuation ({@link EngineTask#punctuate}): every case due before stream time
   * (alerts and KPI breach checks, up to stream time - 1 ms), in due order across cases, within the
   * work budget; then, with KPI facts on, this task's KPI watermark.
   *
   * @param streamTimeMs stream time of the task (epoch ms, UTC)
   */
  void punctuate(long streamTimeMs) {
    observeStreamTime();
    task.punctuate(streamTimeMs, settings.maxEntriesPerPunctuation());
  }

  private void forwardFact(KpiFact f, long timestamp) {
    String key = f.unitId() == null ? KpiFactPartitioner.WATERMARK_KEY : f.unitId();
    context.forward(
        new Record<String, SpecificRecord>(key, KpiFactAvro.toAvro(f), timestamp),
        SlaTopology.KPI_FACTS);
  }

  private void forwardAlert(CaseAlert alert) {
    context.forward(
        new Record<String, SpecificRecord>(
            alert.getCaseId(), alert, alert.getDecidedAt().toEpochMilli()),
        SlaTopology.ALERTS_SINK);
  }

  private void reject(
      Record<byte[], byte[]> record, String key, CaseEvent event, String reason, String stateName) {
    Optional<RecordMetadata> meta = context.recordMetadata();
    RejectedEvent rejected =
        RejectedEvent.newBuilder()
            .setSourceTopic(meta.map(RecordMetadata::topic).orElse("?"))
            .setSourcePartition(meta.map(RecordMetadata::partition).orElse(-1))
            .setSourceOffset(meta.map(RecordMetadata::offset).orElse(-1L))
            .setEventId(event == null ? null : event.getEventId())
            .setCaseId(event == null ? key : event.getCaseId())
            .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
            .setReason(reason)
            .setCaseState(stateName)
            .setRejectedAt(
                Instant.ofEpochMilli(Math.max(context.currentStreamTimeMs(), record.timestamp())))
            .build();
    String outKey = event == null ? key : event.getCaseId();
    LOG.info(
        "rejected {}-{}@{} (case {}): {}",
        rejected.getSourceTopic(),
        rejected.getSourcePartition(),
        rejected.getSourceOffset(),
        outKey,
        reason);
    context.forward(
        new Record<String, SpecificRecord>(outKey, rejected, record.timestamp()),
        SlaTopology.REJECTED_SINK);
  }

  private String topic() {
    return context
        .recordMetadata()
        .map(RecordMetadata::topic)
        .orElse(SlaTopics.DEFAULT.caseEvents());
  }

  /**
   * Rebuilds the deadline index (not changelogged) from the case store: empties the index store (it
   * may hold entries of an earlier run of the task on this machine, or nothing after a restore or a
   * migration), then indexes every stored case at {@link CaseEngine#indexedAt}, the instant {@link
   * EngineTask} indexed it at after its last step. Kafka Streams calls {@code init()} only after it
   * has restored the case store (also after a rebalance and when a standby is promoted), so the
   * index always matches the committed case store. Cost: one pass over the task's cases (a decode
   * per case; a ladder evaluation only for a case stored before {@code CaseState.nextDue} existed)
   * when the task starts; the index is emptied and written in store write batches of {@value
   * #REBUILD_BATCH} entries ({@code putAll}), not one store call per entry.
   *
   * <p>A case whose next due instant cannot be computed (a policy no longer in the book) is left
   * unindexed and logged, as a failed firing is in {@link EngineTask#punctuate}; its next event
   * indexes it again.
   *
   * @return the index over {@code indexStore}, its cursor at the first entry
   */
  static DeadlineIndex rebuildIndex(
      String task,
      KeyValueStore<Bytes, byte[]> indexStore,
      KeyValueStore<String, CaseState> cases,
      CaseEngine engine) {
    long t0 = System.nanoTime();
    clear(indexStore);
    DeadlineIndex index = new DeadlineIndex(indexStore);
    long scanned = 0;
    long indexed = 0;
    List<DeadlineIndexKey> batch = new ArrayList<>(REBUILD_BATCH);
    try (KeyValueIterator<String, CaseState> it = cases.all()) {
      while (it.hasNext()) {
        KeyValue<String, CaseState> kv = it.next();
        scanned++;
        Optional<Instant> due;
        try {
          due = engine.indexedAt(kv.value);
        } catch (RuntimeException e) {
          LOG.error("case {}: next due instant failed; unindexed until its next event", kv.key, e);
          continue;
        }
        if (due.isPresent()) {
          batch.add(new DeadlineIndexKey(due.get(), kv.key));
          indexed++;
          if (batch.size() == REBUILD_BATCH) {
            index.putAll(batch);
            batch.clear();
          }
        }
      }
    }
    index.putAll(batch);
    LOG.info(
        "task {}: deadline index rebuilt from {} stored cases, {} entries, in {} ms",
        task,
        scanned,
        indexed,
        (System.nanoTime() - t0) / 1_000_000);
    return index;
  }

  /** Entries written or deleted per store batch while rebuilding the index. */
  private static final int REBUILD_BATCH = 10_000;

  /**
   * Deletes every key, in write batches ({@code putAll} with null values: one RocksDB write batch
   * each), no store being modified under an open iterator.
   */
  private static void clear(KeyValueStore<Bytes, byte[]> store) {
    List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(REBUILD_BATCH);
    do {
      batch.clear();
      try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
        while (batch.size() < REBUILD_BATCH && it.hasNext()) {
          batch.add(KeyValue.pair(it.next().key, null));
        }
      }
      store.putAll(batch);
    } while (!batch.isEmpty());
  }

  private static EngineTask.Cases storeCases(KeyValueStore<String, CaseState> store) {
    return new EngineTask.Cases() {
      @Override
      public CaseState get(String caseId) {
        return store.get(caseId);
      }

      @Override
      public void put(String caseId, CaseState state) {
        store.put(caseId, state);
      }
    };
  }

  private static EngineTask.Deadlines storeDeadlines(DeadlineIndex index) {
    return new EngineTask.Deadlines() {
      @Override
      public List<EngineTask.Due> due(Instant upTo, int max) {
        List<DeadlineIndexKey> keys = index.due(upTo, max);
        List<EngineTask.Due> out = new ArrayList<>(keys.size());
        for (DeadlineIndexKey k : keys) {
          out.add(new EngineTask.Due(k.due(), k.caseId()));
        }
        return out;
      }

      @Override
      public void put(Instant at, String caseId) {
        index.put(at, caseId);
      }

      @Override
      public void delete(Instant at, String caseId) {
        index.delete(at, caseId);
      }
    };
  }

  private EngineTask.Output output() {
    return new EngineTask.Output() {
      @Override
      public void alert(CaseAlert alert) {
        forwardAlert(alert);
      }

      @Override
      public void fact(KpiFact fact, long timestampMs) {
        forwardFact(fact, timestampMs);
      }
    };
  }

  @Override
  public void close() {
    // Stores are closed by Kafka Streams; the index is rebuilt in init().
  }
}
