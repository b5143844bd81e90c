package vn.onestop.sla.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import vn.onestop.sla.escalation.EscalationLadder;
import vn.onestop.sla.escalation.Fired;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.index.DeadlineIndex;
import vn.onestop.sla.index.DeadlineIndexKey;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;

/**
 * The SLA engine's processor: applies case events to the case store, keeps the deadline index and
 * emits alerts; everything depends only on the log (record timestamps and stream time), never on the
 * wall clock, so a replay gives the same alerts with the same {@code decidedAt}.
 *
 * <p>Per {@code case-events} record with timestamp t:
 * <ol>
 *   <li>bytes that do not deserialize (bad wire format, unknown schema id, a payload branch this
 *       version does not know), a null value, or a key that differs from the case id →
 *       {@code case-events-rejected} with the original bytes and the reason;</li>
 *   <li>a {@link ClockTick} → nothing: it only advances stream time, which drives the punctuator;</li>
 *   <li>a case event → {@code fire(state, t)} first (an alert due before, say, a resolution is never
 *       lost, whatever the punctuation timing), then {@code decide()}; a refusal goes to
 *       {@code case-events-rejected}; the state is stored and the index entry moved from the old
 *       {@code nextDueAt} to the new one.</li>
 * </ol>
 *
 * <p>STREAM_TIME punctuation ({@link PunctuationSettings#interval()}): {@link #punctuate} fires what the
 * deadline index says is due at or before stream time, at most
 * {@link PunctuationSettings#maxEntriesPerPunctuation()} entries; leftovers continue next time. Cost per
 * punctuation: one index seek, O(log n), plus O(entries due, capped) store reads and writes; the open
 * cases that are not due are never iterated (see {@link DeadlineIndex}).
 *
 * <p>Invariant: the index holds {@code nextDueAt(state)} for each stored case. An org-unit change
 * between two computations may leave a stale entry; it is harmless (firing is idempotent: each alert
 * id is emitted once, recorded in the state) and is removed when the punctuator reaches it.
 */
final class SlaProcessor implements Processor<byte[], byte[], String, SpecificRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(SlaProcessor.class);

  private final Deserializer<CaseEvent> deserializer;
  private final CaseDecider decider;
  private final EscalationLadder ladder;
  private final PunctuationSettings settings;

  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, CaseState> cases;
  private DeadlineIndex index;
  private OrgDirectory org;

  SlaProcessor(Deserializer<CaseEvent> deserializer, PolicyBook policies, PunctuationSettings settings) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.decider = new CaseDecider(policies);
    this.ladder = new EscalationLadder(policies);
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.cases = context.getStateStore(SlaTopology.CASE_STORE);
    this.index = new DeadlineIndex(context.getStateStore(SlaTopology.DEADLINE_INDEX_STORE)); // cursor = first key
    this.org = new GlobalStoreOrgDirectory(context.getStateStore(SlaTopology.ORG_UNITS_STORE));
    // Punctuators are not state: registered again whenever the task is (re)initialised.
    context.schedule(settings.interval(), PunctuationType.STREAM_TIME, this::punctuate);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
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
      // The key decides the partition, hence the task and its stores: a mismatch would split a case.
      reject(record, key, event, "record key '" + key + "' differs from caseId '" + caseId + "'", null);
      return;
    }
    Instant t = Instant.ofEpochMilli(record.timestamp());
    CaseState stored = cases.get(caseId);
    Optional<Instant> indexed = stored == null ? Optional.empty() : ladder.nextDueAt(stored, org);

    CaseState current = stored;
    if (current != null) {
      current = emit(ladder.fire(current, t, org));
    }
    CaseState next = current;
    try {
      Decision d = decider.decide(current, event, org);
      if (d instanceof Decision.Applied a) {
        next = a.state();
      } else if (d instanceof Decision.Rejected r) {
        reject(record, key, event, r.reason(), r.stateName());
      } // Duplicate: nothing changes
    } catch (RuntimeException e) {
      LOG.error("case {}: deciding event {} failed; routed to the rejected topic", caseId, event.getEventId(), e);
      reject(record, key, event, "engine error while deciding: " + e, current == null ? "NONE" : current.getStatus().name());
    }
    if (next == null) {
      return;
    }
    if (!next.equals(stored)) {
      cases.put(caseId, next);
    }
    reindex(caseId, indexed, ladder.nextDueAt(next, org));
  }

  /**
   * Fires every case due at or before stream time, within the work budget.
   *
   * @param streamTimeMs stream time of the task (epoch ms, UTC)
   */
  void punctuate(long streamTimeMs) {
    Instant now = Instant.ofEpochMilli(streamTimeMs);
    // O(log n) seek + at most maxEntriesPerPunctuation entries: never a scan of all open cases.
    List<DeadlineIndexKey> due = index.due(now, settings.maxEntriesPerPunctuation());
    for (DeadlineIndexKey k : due) {
      index.delete(k.due(), k.caseId());
      CaseState stored = cases.get(k.caseId());
      if (stored == null) {
        continue; // stale entry of a case that is gone
      }
      CaseState fired;
      try {
        fired = emit(ladder.fire(stored, now, org));
      } catch (RuntimeException e) {
        // Not re-indexed, or it would fail again at every punctuation; the next event of the case re-indexes it.
        LOG.error("case {}: firing alerts due by {} failed; the case is unindexed until its next event", k.caseId(), now, e);
        continue;
      }
      if (!fired.equals(stored)) {
        cases.put(k.caseId(), fired);
      }
      ladder.nextDueAt(fired, org).ifPresent(d -> {
        if (!d.isAfter(now)) {
          LOG.warn("case {}: next due {} is not after stream time {} after firing; retried next punctuation", k.caseId(), d, now);
        }
        index.put(d, k.caseId());
      });
    }
    if (due.size() == settings.maxEntriesPerPunctuation()) {
      LOG.info("deadline punctuation at stream time {} used its budget of {} entries; the rest continues next punctuation",
          now, settings.maxEntriesPerPunctuation());
    }
  }

  private CaseState emit(Fired fired) {
    for (CaseAlert alert : fired.alerts()) {
      context.forward(new Record<String, SpecificRecord>(alert.getCaseId(), alert, alert.getDecidedAt().toEpochMilli()),
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

  private void reject(Record<byte[], byte[]> record, String key, CaseEvent event, String reason, String stateName) {
    Optional<RecordMetadata> meta = context.recordMetadata();
    RejectedEvent rejected = RejectedEvent.newBuilder()
        .setSourceTopic(meta.map(RecordMetadata::topic).orElse("?"))
        .setSourcePartition(meta.map(RecordMetadata::partition).orElse(-1))
        .setSourceOffset(meta.map(RecordMetadata::offset).orElse(-1L))
        .setEventId(event == null ? null : event.getEventId())
        .setCaseId(event == null ? key : event.getCaseId())
        .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
        .setReason(reason)
        .setCaseState(stateName)
        .setRejectedAt(Instant.ofEpochMilli(Math.max(context.currentStreamTimeMs(), record.timestamp())))
        .build();
    String outKey = event == null ? key : event.getCaseId();
    LOG.info("rejected {}-{}@{} (case {}): {}", rejected.getSourceTopic(), rejected.getSourcePartition(),
        rejected.getSourceOffset(), outKey, reason);
    context.forward(new Record<String, SpecificRecord>(outKey, rejected, record.timestamp()), SlaTopology.REJECTED_SINK);
  }

  private String topic() {
    return context.recordMetadata().map(RecordMetadata::topic).orElse(SlaTopics.DEFAULT.caseEvents());
  }

  @Override
  public void close() {
    // Stores are closed by Kafka Streams; the cursor is rebuilt in init().
  }
}
