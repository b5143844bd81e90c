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
import vn.onestop.sla.cases.CaseDecider;
import vn.onestop.sla.cases.Decision;
import vn.onestop.sla.cases.Refusals;
import vn.onestop.sla.escalation.EscalationLadder;
import vn.onestop.sla.escalation.Fired;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.index.DeadlineIndex;
import vn.onestop.sla.index.DeadlineIndexKey;
import vn.onestop.sla.kpi.CaseStateKpi;
import vn.onestop.sla.kpi.KeyValueKpiStore;
import vn.onestop.sla.kpi.KpiCase;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.kpi.KpiFactSource;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;

/**
 * The SLA engine's processor: applies case events to the case store, keeps the deadline index and
 * emits alerts; everything depends only on the log (record timestamps and stream time), never on
 * the wall clock, so a replay gives the same alerts with the same {@code decidedAt}.
 *
 * <p><b>Firing rule</b> (a period ends at 24:00 of its last day, Civil Code art. 148): something
 * due at d fires once stream time t &gt; d, so every check below runs with {@code upTo = t - 1 ms};
 * a resolution at exactly the due instant is on time and gets no breach alert, and the case is not
 * counted overdue.
 *
 * <p>Per {@code case-events} record with timestamp t:
 *
 * <ol>
 *   <li>bytes that do not deserialize (bad wire format, unknown schema id, a payload branch this
 *       version does not know), a null value, or a key that differs from the case id → {@code
 *       case-events-rejected} with the original bytes and the reason;
 *   <li>a {@link ClockTick} → nothing: it only advances stream time, which drives the punctuator;
 *   <li>a case event → {@code fire(state, t - 1 ms)} and the KPI breach check {@code
 *       KpiFactSource.checkOverdue(view, t - 1 ms)} first (an alert or breach due before, say, a
 *       resolution is never lost, whatever the punctuation timing), then {@code decide()}; a
 *       refusal goes to {@code case-events-rejected}; an applied event gives its KPI facts ({@code
 *       onApplied}); the state is stored and the index entry moved.
 * </ol>
 *
 * <p>STREAM_TIME punctuation ({@link PunctuationSettings#interval()}): {@link #punctuate} handles
 * what the deadline index says is due before stream time (alerts and KPI breach checks), at most
 * {@link PunctuationSettings#maxEntriesPerPunctuation()} entries; leftovers continue next time.
 * Cost per punctuation: one index seek, O(log n), plus O(entries due, capped) store reads and
 * writes; the open cases that are not due are never iterated (see {@link DeadlineIndex}). Then,
 * when KPI facts are on, it sends this task's KPI watermark (see {@link #punctuate}).
 *
 * <p>KPI facts (when built with {@code kpiFacts}): forwarded to {@link SlaTopology#KPI_FACTS} as
 * {@code KpiFactRecord}s keyed by unit id; the per-case marks live in {@link
 * SlaTopology#KPI_MARKS_STORE}; the fact source id is the task's case-events partition. A failure
 * in a KPI hook is logged and does not stop the alerting.
 *
 * <p>Invariant: the index holds, for each stored case, the earlier of {@code nextDueAt(state)} and
 * {@code KpiFactSource.pendingBreach(view)}. An org-unit change between two computations may leave
 * a stale entry; it is harmless (firing is idempotent: each alert id is emitted once, recorded in
 * the state) and is removed when the punctuator reaches it.
 */
final class SlaProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(SlaProcessor.class);

  private final Deserializer<CaseEvent> deserializer;
  private final CaseDecider decider;
  private final EscalationLadder ladder;
  private final PunctuationSettings settings;
  private final boolean kpiFacts;

  private ProcessorContext<String, SpecificRecord> context;

  /** Where this task reports its stream time for the engine's metrics; null when not given. */
  private StreamClock streamClock;

  private KeyValueStore<String, CaseState> cases;
  private DeadlineIndex index;
  private OrgDirectory org;

  /** Stage 1 of the KPIs; null when built without KPI facts. */
  private KpiFactSource kpi;

  /**
   * Month of the last watermark sent since init (not state: re-sent once after a restart,
   * harmless).
   */
  private YearMonth lastWatermarkMonth;

  /**
   * The processor without KPI facts (no {@code kpi-marks} store, nothing forwarded to {@link
   * SlaTopology#KPI_FACTS}); the benchmarks instantiate this one reflectively.
   *
   * @param deserializer case-events value deserializer
   * @param policies SLA policies
   * @param settings punctuation settings
   */
  SlaProcessor(
      Deserializer<CaseEvent> deserializer, PolicyBook policies, PunctuationSettings settings) {
    this(deserializer, policies, settings, false);
  }

  /**
   * @param deserializer case-events value deserializer
   * @param policies SLA policies
   * @param settings punctuation settings
   * @param kpiFacts whether to produce KPI facts (needs the {@link SlaTopology#KPI_MARKS_STORE}
   *     store and a {@link SlaTopology#KPI_FACTS} child)
   */
  SlaProcessor(
      Deserializer<CaseEvent> deserializer,
      PolicyBook policies,
      PunctuationSettings settings,
      boolean kpiFacts) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.decider = new CaseDecider(policies);
    this.ladder = new EscalationLadder(policies);
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
    this.org = new GlobalStoreOrgDirectory(context.getStateStore(SlaTopology.ORG_UNITS_STORE));
    if (kpiFacts) {
      KeyValueStore<String, String> marks = context.getStateStore(SlaTopology.KPI_MARKS_STORE);
      this.kpi =
          new KpiFactSource(
              new KeyValueKpiStore(new KpiStringStore(marks)), context.taskId().partition());
    }
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
    Instant t = Instant.ofEpochMilli(record.timestamp());
    Instant upTo = t.minusMillis(1); // firing rule: due at d fires once t > d
    CaseState stored = cases.get(caseId);
    Optional<Instant> indexed = stored == null ? Optional.empty() : indexInstant(stored);

    CaseState current = stored;
    if (current != null) {
      current = emit(ladder.fire(current, upTo, org));
      CaseState firedState = current;
      kpiHook(
          caseId,
          "breach check",
          () -> kpi.checkOverdue(CaseStateKpi.view(firedState), upTo),
          record.timestamp());
    }
    CaseState next = current;
    try {
      Decision d = decider.decide(current, event);
      if (d instanceof Decision.Applied a) {
        next = a.state();
        CaseState before = current;
        CaseState after = next;
        kpiHook(
            caseId,
            "event " + event.getEventId(),
            () ->
                kpi.onApplied(
                    event,
                    before == null ? null : CaseStateKpi.view(before),
                    CaseStateKpi.view(after)),
            record.timestamp());
      } else if (d instanceof Decision.Rejected r) {
        reject(record, key, event, r.reason(), r.stateName());
        if (current != null && current.getCaseId().equals(caseId)) {
          // The status query shows it: the intake answers the refused action with its reason.
          next = Refusals.recorded(current, event, r.reason());
        }
      } // Duplicate, Ignored: nothing changes
    } catch (RuntimeException e) {
      LOG.error(
          "case {}: deciding event {} failed; routed to the rejected topic",
          caseId,
          event.getEventId(),
          e);
      reject(
          record,
          key,
          event,
          "engine error while deciding: " + e,
          current == null ? "NONE" : current.getStatus().name());
    }
    if (next == null) {
      return;
    }
    if (!next.equals(stored)) {
      cases.put(caseId, next);
    }
    reindex(caseId, indexed, indexInstant(next));
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
    Instant upTo = now.minusMillis(1); // firing rule: due at d fires once stream time > d
    // O(log n) seek + at most maxEntriesPerPunctuation entries: never a scan of all open cases.
    List<DeadlineIndexKey> due = index.due(upTo, settings.maxEntriesPerPunctuation());
    for (DeadlineIndexKey k : due) {
      index.delete(k.due(), k.caseId());
      CaseState stored = cases.get(k.caseId());
      if (stored == null) {
        continue; // stale entry of a case that is gone
      }
      CaseState fired;
      Optional<Instant> nextDue;
      try {
        fired = emit(ladder.fire(stored, upTo, org));
        kpiHook(
            k.caseId(),
            "breach check",
            () -> kpi.checkOverdue(CaseStateKpi.view(fired), upTo),
            streamTimeMs);
        nextDue = indexInstant(fired);
      } catch (RuntimeException e) {
        // Not re-indexed, or it would fail again at every punctuation; the next event of the case
        // re-indexes it.
        LOG.error(
            "case {}: firing alerts due by {} failed; the case is unindexed until its next event",
            k.caseId(),
            upTo,
            e);
        continue;
      }
      if (!fired.equals(stored)) {
        cases.put(k.caseId(), fired);
      }
      nextDue.ifPresent(
          d -> {
            if (!d.isAfter(upTo)) {
              LOG.warn(
                  "case {}: next due {} is not after {} after firing; retried next punctuation",
                  k.caseId(),
                  d,
                  upTo);
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

  /**
   * @param s a case state
   * @return where the deadline index must hold the case: the earlier of its next alert and (KPI
   *     facts on) its KPI breach not yet counted
   */
  private Optional<Instant> indexInstant(CaseState s) {
    Optional<Instant> alert = ladder.nextDueAt(s, org);
    if (kpi == null) {
      return alert;
    }
    Optional<Instant> breach;
    try {
      KpiCase view = CaseStateKpi.view(s);
      breach = kpi.pendingBreach(view);
    } catch (RuntimeException e) {
      LOG.error("case {}: KPI view failed; indexed for its alerts only", s.getCaseId(), e);
      return alert;
    }
    if (alert.isEmpty()) {
      return breach;
    }
    return breach.isPresent() && breach.get().isBefore(alert.get()) ? breach : alert;
  }

  /**
   * Runs a KPI hook (when KPI facts are on) and forwards its facts; a failure is logged, not
   * thrown.
   */
  private void kpiHook(
      String caseId, String what, java.util.function.Supplier<List<KpiFact>> hook, long timestamp) {
    if (kpi == null) {
      return;
    }
    List<KpiFact> facts;
    try {
      facts = hook.get();
    } catch (RuntimeException e) {
      LOG.error("case {}: KPI {} failed; the KPIs of its unit may be incomplete", caseId, what, e);
      return;
    }
    forwardFacts(facts, timestamp);
  }

  private void forwardFacts(List<? extends KpiFact> facts, long timestamp) {
    for (KpiFact f : facts) {
      String key = f.unitId() == null ? KpiFactPartitioner.WATERMARK_KEY : f.unitId();
      context.forward(
          new Record<String, SpecificRecord>(key, KpiFactAvro.toAvro(f), timestamp),
          SlaTopology.KPI_FACTS);
    }
  }

  private CaseState emit(Fired fired) {
    for (CaseAlert alert : fired.alerts()) {
      context.forward(
          new Record<String, SpecificRecord>(
              alert.getCaseId(), alert, alert.getDecidedAt().toEpochMilli()),
          SlaTopology.ALERTS_SINK);
    }
    return fired.state();
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
