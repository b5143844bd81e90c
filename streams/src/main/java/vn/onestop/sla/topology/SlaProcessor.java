package vn.onestop.sla.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.RejectedEvent;
import vn.onestop.schema.Topics;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.engine.CaseEngine;
import vn.onestop.sla.engine.EngineStep;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.index.DeadlineIndex;
import vn.onestop.sla.index.DeadlineIndexKey;
import vn.onestop.sla.kpi.KeyValueKpiStore;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.kpi.KpiFactSource;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;

/**
 * The SLA engine's processor: a thin adapter of {@link CaseEngine} (the engine step, which owns the
 * firing rule and the order fire → decide → KPI facts → next due instant) over the task's stores
 * and forwarding. Everything depends only on the log (record timestamps and stream time), never on
 * the wall clock, so a replay gives the same alerts with the same {@code decidedAt}.
 *
 * <p>Per {@code case-events} record with timestamp t:
 *
 * <ol>
 *   <li>bytes that do not deserialize (bad wire format, unknown schema id, a payload branch this
 *       version does not know), a null value, or a key that differs from the case id → {@code
 *       case-events-rejected} with the original bytes and the reason;
 *   <li>a {@link ClockTick} → nothing: it only advances stream time, which drives the punctuator;
 *   <li>a case event → {@link CaseEngine#onEvent(CaseState, CaseEvent, Instant)} at t; its alerts
 *       go to {@code case-alerts}, its KPI facts to {@link SlaTopology#KPI_FACTS}, a refusal to
 *       {@code case-events-rejected}; the case is stored when it changed and its index entry moved
 *       to the step's next due instant.
 * </ol>
 *
 * <p>STREAM_TIME punctuation ({@link PunctuationSettings#interval()}): {@link #punctuate} takes
 * from the deadline index what the firing rule makes due at stream time ({@link
 * CaseEngine#firesUpTo}), at most {@link PunctuationSettings#maxEntriesPerPunctuation()} entries,
 * and runs {@link CaseEngine#onTime} on each; leftovers continue next time. Cost per punctuation:
 * one index seek, O(log n), plus O(entries due, capped) store reads and writes; the open cases that
 * are not due are never iterated (see {@link DeadlineIndex}). Then, when KPI facts are on, it sends
 * this task's KPI watermark (see {@link #punctuate}).
 *
 * <p>KPI facts (when built with {@code kpiFacts}): forwarded to {@link SlaTopology#KPI_FACTS} as
 * {@code KpiFactRecord}s keyed by unit id; the per-case marks live in {@link
 * SlaTopology#KPI_MARKS_STORE}; the fact source id is the task's case-events partition.
 *
 * <p>Invariant: the index holds, for each stored case, {@link CaseEngine#nextDueAt}. An org-unit
 * change between two computations may leave a stale entry; it is harmless (firing is idempotent:
 * each alert id is emitted once, recorded in the state) and is removed when the punctuator reaches
 * it.
 */
final class SlaProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(SlaProcessor.class);

  private final Deserializer<CaseEvent> deserializer;
  private final PolicyBook policies;
  private final CalendarBook calendars;
  private final PunctuationSettings settings;
  private final boolean kpiFacts;

  private ProcessorContext<String, SpecificRecord> context;

  /** Where this task reports its stream time for the engine's metrics; null when not given. */
  private StreamClock streamClock;

  private KeyValueStore<String, CaseState> cases;
  private DeadlineIndex index;

  /** The engine step, built in {@link #init} over this task's org directory and KPI marks. */
  private CaseEngine engine;

  /** Stage 1 of the KPIs; null when built without KPI facts. */
  private KpiFactSource kpi;

  /**
   * Month of the last watermark sent since init (not state: re-sent once after a restart,
   * harmless).
   */
  private YearMonth lastWatermarkMonth;

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
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.calendars = Objects.requireNonNull(calendars, "calendars");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.kpiFacts = kpiFacts;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.cases = context.getStateStore(SlaTopology.CASE_STORE);
    this.index =
        new DeadlineIndex(
            context.getStateStore(SlaTopology.DEADLINE_INDEX_STORE)); // cursor = first key
    OrgDirectory org =
        new GlobalStoreOrgDirectory(context.getStateStore(SlaTopology.ORG_UNITS_STORE));
    if (kpiFacts) {
      KeyValueStore<String, String> marks = context.getStateStore(SlaTopology.KPI_MARKS_STORE);
      this.kpi =
          new KpiFactSource(
              new KeyValueKpiStore(new KpiStringStore(marks)),
              context.taskId().partition(),
              calendars);
    }
    this.engine = new CaseEngine(policies, calendars, org, kpi);
    this.lastWatermarkMonth = null;
    this.streamClock =
        context.appConfigs().get(StreamClock.CONFIG) instanceof StreamClock c ? c : null;
    // Punctuators are not state: registered again whenever the task is (re)initialised.
    context.schedule(settings.interval(), PunctuationType.STREAM_TIME, this::punctuate);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    observeStreamTime();
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      reject(record, key, null, "null value (tombstone) on the case-events topic", null);
      return;
    }
    CaseEvent event;
    try {
      event = deserializer.deserialize(topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      reject(record, key, null, "unreadable record: " + e.getMessage(), null);
      return;
    }
    if (event.getPayload() instanceof ClockTick) {
      return; // only advances stream time
    }
    String caseId = event.getCaseId();
    if (caseId == null || caseId.isEmpty() || Topics.CLOCK_KEY.equals(caseId)) {
      reject(record, key, event, "caseId '" + caseId + "' is not a case id", null);
      return;
    }
    if (!caseId.equals(key)) {
      // The key decides the partition, hence the task and its stores: a mismatch would split a
      // case.
      reject(
          record,
          key,
          event,
          "record key '" + key + "' differs from caseId '" + caseId + "'",
          null);
      return;
    }
    CaseState stored = cases.get(caseId);
    Optional<Instant> indexed = stored == null ? Optional.empty() : engine.nextDueAt(stored);
    EngineStep step = engine.onEvent(stored, event, Instant.ofEpochMilli(record.timestamp()));
    forward(step, record.timestamp());
    step.refusal().ifPresent(r -> reject(record, key, event, r.reason(), r.stateName()));
    CaseState next = step.state();
    if (next == null) {
      return;
    }
    if (!next.equals(stored)) {
      cases.put(caseId, next);
    }
    reindex(caseId, indexed, step.nextDueAt());
  }

  private void observeStreamTime() {
    if (streamClock != null) {
      streamClock.advance(context.taskId().partition(), context.currentStreamTimeMs());
    }
  }

  /**
   * Handles every case due before stream time (alerts and KPI breach checks, up to stream time - 1
   * ms), within the work budget; then, with KPI facts on, sends this task's KPI watermark: stream
   * time when the index was drained up to it, else the due instant of the last entry handled (the
   * budget cut the scan: every fact stamped before it has been sent). A watermark is sent only when
   * it enters a later month than the last one sent, since stage 2 only acts on month ends.
   *
   * @param streamTimeMs stream time of the task (epoch ms, UTC)
   */
  void punctuate(long streamTimeMs) {
    observeStreamTime();
    Instant now = Instant.ofEpochMilli(streamTimeMs);
    // O(log n) seek + at most maxEntriesPerPunctuation entries: never a scan of all open cases.
    List<DeadlineIndexKey> due =
        index.due(CaseEngine.firesUpTo(now), settings.maxEntriesPerPunctuation());
    for (DeadlineIndexKey k : due) {
      index.delete(k.due(), k.caseId());
      CaseState stored = cases.get(k.caseId());
      if (stored == null) {
        continue; // stale entry of a case that is gone
      }
      EngineStep step;
      try {
        step = engine.onTime(stored, now);
      } catch (RuntimeException e) {
        // Not re-indexed, or it would fail again at every punctuation; the next event of the case
        // re-indexes it.
        LOG.error(
            "case {}: firing alerts due before {} failed; the case is unindexed until its next"
                + " event",
            k.caseId(),
            now,
            e);
        continue;
      }
      forward(step, streamTimeMs);
      if (!step.state().equals(stored)) {
        cases.put(k.caseId(), step.state());
      }
      step.nextDueAt()
          .ifPresent(
              d -> {
                if (d.isBefore(now)) {
                  LOG.warn(
                      "case {}: next due {} is before stream time {} after firing; retried next"
                          + " punctuation",
                      k.caseId(),
                      d,
                      now);
                }
                index.put(d, k.caseId());
              });
    }
    boolean cut = due.size() == settings.maxEntriesPerPunctuation();
    if (cut) {
      LOG.info(
          "deadline punctuation at stream time {} used its budget of {} entries; the rest continues next punctuation",
          now,
          settings.maxEntriesPerPunctuation());
    }
    if (kpi != null) {
      sendWatermark(cut ? due.get(due.size() - 1).due() : now, streamTimeMs);
    }
  }

  private void sendWatermark(Instant upTo, long timestamp) {
    YearMonth month = KpiMonths.monthOf(upTo);
    if (lastWatermarkMonth != null && !month.isAfter(lastWatermarkMonth)) {
      return;
    }
    lastWatermarkMonth = month;
    forwardFacts(List.of(kpi.watermark(upTo)), timestamp);
  }

  private void forwardFacts(List<? extends KpiFact> facts, long timestamp) {
    for (KpiFact f : facts) {
      String key = f.unitId() == null ? KpiFactPartitioner.WATERMARK_KEY : f.unitId();
      context.forward(
          new Record<String, SpecificRecord>(key, KpiFactAvro.toAvro(f), timestamp),
          SlaTopology.KPI_FACTS);
    }
  }

  /** Forwards a step's alerts (stamped at their decidedAt) and KPI facts, in this order. */
  private void forward(EngineStep step, long timestamp) {
    for (CaseAlert alert : step.alerts()) {
      context.forward(
          new Record<String, SpecificRecord>(
              alert.getCaseId(), alert, alert.getDecidedAt().toEpochMilli()),
          SlaTopology.ALERTS_SINK);
    }
    if (kpi != null) {
      forwardFacts(step.facts(), timestamp);
    }
  }

  private void reindex(String caseId, Optional<Instant> before, Optional<Instant> after) {
    if (before.equals(after)) {
      return;
    }
    before.ifPresent(d -> index.delete(d, caseId));
    after.ifPresent(d -> index.put(d, caseId));
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

  @Override
  public void close() {
    // Stores are closed by Kafka Streams; the cursor is rebuilt in init().
  }
}
