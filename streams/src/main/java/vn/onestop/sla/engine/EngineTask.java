package vn.onestop.sla.engine;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.state.CaseState;

/**
 * The engine of one {@code case-events} partition (one stream task): {@link CaseEngine} over a case
 * store and a deadline index, the two things a task has. The live processor ({@code
 * vn.onestop.sla.topology.SlaProcessor}, Kafka stores) and the offline replay ({@code
 * vn.onestop.sla.replay.OfflineReplay}, in-memory maps and a priority queue) both drive this class,
 * so the per-record bookkeeping and the punctuation loop exist once.
 *
 * <p><b>Per event</b> ({@link #onEvent}): read the stored case, {@link CaseEngine#onEvent} at the
 * record timestamp, send its alerts then its KPI facts, store the case when it changed, move its
 * index entry from the stored case's {@link CaseEngine#indexedAt} to the step's.
 *
 * <p><b>Per punctuation</b> ({@link #punctuate}) at stream time t: alerts leave in the order they
 * became due, across cases. The index holds each case's <em>next</em> due instant; the loop takes
 * the smallest entry (due d ≤ {@link CaseEngine#firesUpTo firesUpTo(t)}), runs {@link
 * CaseEngine#onDue} up to d (everything of that case due at or before d), re-indexes the case at
 * its next due instant and, when that is still ≤ firesUpTo(t), lets it compete again in the same
 * punctuation. So a stream-time jump emits, e.g., case B's warning due 04/03 before case A's
 * level-2 escalation due 06/03, whatever A's earlier entries. <b>Order</b>: by {@code decidedAt} (=
 * due instant), ties by case id in code-point order (= the index keys' UTF-8 byte order), then
 * within one case by the ladder's order (level, then rule id). <b>Budget</b>: at most {@code
 * budget} index entries are handled per punctuation (each re-entry of a case counts); leftovers
 * stay in the index and continue at the next punctuation.
 *
 * <p><b>KPI watermark</b> (KPI facts on): after the loop, stream time when the due entries were
 * drained, else the due instant of the last entry handled (the budget cut the scan: every fact
 * stamped before it has been sent); sent only when it enters a later month than the last one sent
 * by this instance (stage 2 acts on month ends only), stamped at stream time.
 *
 * <p>Not thread-safe: one instance per task, rebuilt when the task is (re)initialised.
 */
public final class EngineTask {
  private static final Logger LOG = LoggerFactory.getLogger(EngineTask.class);

  /**
   * A deadline-index entry.
   *
   * @param at due instant (UTC, millisecond precision)
   * @param caseId case id, non-empty
   */
  public record Due(Instant at, String caseId) {
    /**
     * @throws NullPointerException if an argument is null
     */
    public Due {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(caseId, "caseId");
    }
  }

  /** Index order: due instant, then case id in code-point order (the stored keys' byte order). */
  public static final Comparator<Due> ORDER =
      (x, y) -> {
        int c = Long.compare(x.at().toEpochMilli(), y.at().toEpochMilli());
        return c != 0 ? c : compareCodePoints(x.caseId(), y.caseId());
      };

  /** The task's case store. */
  public interface Cases {
    /**
     * @param caseId case id
     * @return the stored case, or null
     */
    CaseState get(String caseId);

    /**
     * @param caseId case id
     * @param state the case to store
     */
    void put(String caseId, CaseState state);
  }

  /** The task's deadline index: (due instant, case id) entries in {@link #ORDER}. */
  public interface Deadlines {
    /**
     * @param upTo inclusive upper instant
     * @param max at most this many entries, at least 1
     * @return the first entries due at or before {@code upTo}, in {@link #ORDER}; the caller
     *     deletes each one it handles before the next call
     */
    List<Due> due(Instant upTo, int max);

    /**
     * Adds an entry (idempotent).
     *
     * @param at due instant
     * @param caseId case id
     */
    void put(Instant at, String caseId);

    /**
     * Removes an entry if present.
     *
     * @param at due instant
     * @param caseId case id
     */
    void delete(Instant at, String caseId);
  }

  /** Where the task's outputs go, in the order they are produced. */
  public interface Output {
    /**
     * @param alert an alert (its record timestamp is its decidedAt)
     */
    void alert(CaseAlert alert);

    /**
     * @param fact a KPI fact
     * @param timestampMs its record timestamp (epoch ms UTC): the event's record timestamp, or
     *     stream time for a punctuation
     */
    void fact(KpiFact fact, long timestampMs);
  }

  /**
   * What a punctuation did.
   *
   * @param handled index entries handled (at most the budget)
   * @param cut whether the budget was used up (more entries may be due)
   */
  public record Punctuated(int handled, boolean cut) {}

  private final CaseEngine engine;
  private final Cases cases;
  private final Deadlines index;
  private final Output out;

  /** Month of the last watermark sent by this instance (not state: re-sent after a restart). */
  private YearMonth lastWatermarkMonth;

  /**
   * @param engine the engine step (its KPI facts, if it has them, include the watermarks)
   * @param cases the case store
   * @param index the deadline index
   * @param out where alerts and facts go
   * @throws NullPointerException if an argument is null
   */
  public EngineTask(CaseEngine engine, Cases cases, Deadlines index, Output out) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.cases = Objects.requireNonNull(cases, "cases");
    this.index = Objects.requireNonNull(index, "index");
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * One case event of this task (not a tick, already checked to belong to a case of this key).
   *
   * @param event the event
   * @param timestampMs its record timestamp (epoch ms UTC), the instant it is processed at
   * @return the engine step (its refusal, if any, is for the caller to report)
   */
  public EngineStep onEvent(CaseEvent event, long timestampMs) {
    String caseId = event.getCaseId();
    CaseState stored = cases.get(caseId);
    Optional<Instant> indexed = stored == null ? Optional.empty() : engine.indexedAt(stored);
    EngineStep step = engine.onEvent(stored, event, Instant.ofEpochMilli(timestampMs));
    send(step, timestampMs);
    CaseState next = step.state();
    if (next == null) {
      return step;
    }
    if (!next.equals(stored)) {
      cases.put(caseId, next);
    }
    if (!indexed.equals(step.nextDueAt())) {
      indexed.ifPresent(d -> index.delete(d, caseId));
      step.nextDueAt().ifPresent(d -> index.put(d, caseId));
    }
    return step;
  }

  /**
   * The deadline punctuation at stream time t (see the class description): due order across cases,
   * the budget, then the KPI watermark.
   *
   * @param streamTimeMs stream time of the task (epoch ms UTC)
   * @param budget index entries handled at most, at least 1
   * @return what it did
   */
  public Punctuated punctuate(long streamTimeMs, int budget) {
    Instant now = Instant.ofEpochMilli(streamTimeMs);
    Instant upTo = CaseEngine.firesUpTo(now);
    // One index scan, then a merge with the cases re-indexed during this punctuation: entries left
    // in the store after a full batch are never smaller than its last entry, and a full batch
    // uses the whole budget, so the merge sees every entry the budget allows, in order.
    List<Due> batch = index.due(upTo, budget);
    PriorityQueue<Due> again = new PriorityQueue<>(ORDER);
    int i = 0;
    int handled = 0;
    Due last = null;
    while (handled < budget) {
      Due d;
      if (i < batch.size() && (again.isEmpty() || ORDER.compare(batch.get(i), again.peek()) <= 0)) {
        d = batch.get(i++);
      } else if (!again.isEmpty()) {
        d = again.poll();
      } else {
        break;
      }
      handled++;
      last = d;
      index.delete(d.at(), d.caseId());
      CaseState stored = cases.get(d.caseId());
      if (stored == null) {
        continue; // stale entry of a case that is gone
      }
      EngineStep step;
      try {
        step = engine.onDue(stored, d.at());
      } catch (RuntimeException e) {
        // Not re-indexed, or it would fail again at every punctuation; the next event of the case
        // re-indexes it.
        LOG.error(
            "case {}: firing alerts due by {} failed; the case is unindexed until its next event",
            d.caseId(),
            d.at(),
            e);
        continue;
      }
      send(step, streamTimeMs);
      if (!step.state().equals(stored)) {
        cases.put(d.caseId(), step.state());
      }
      Optional<Instant> next = step.nextDueAt();
      if (next.isPresent()) {
        Instant at = next.get();
        index.put(at, d.caseId());
        if (at.isAfter(d.at()) && !at.isAfter(upTo)) {
          again.add(new Due(at, d.caseId()));
        } else if (!at.isAfter(d.at())) {
          LOG.warn(
              "case {}: next due {} is not after {} after firing; retried next punctuation",
              d.caseId(),
              at,
              d.at());
        }
      }
    }
    boolean cut = handled == budget;
    if (cut) {
      LOG.info(
          "deadline punctuation at stream time {} used its budget of {} entries; the rest"
              + " continues next punctuation",
          now,
          budget);
    }
    watermark(cut ? last.at() : now, streamTimeMs);
    return new Punctuated(handled, cut);
  }

  private void watermark(Instant upTo, long timestampMs) {
    YearMonth month = KpiMonths.monthOf(upTo);
    if (lastWatermarkMonth != null && !month.isAfter(lastWatermarkMonth)) {
      return;
    }
    Optional<KpiFact.Watermark> w = engine.watermark(upTo);
    if (w.isEmpty()) {
      return; // an engine without KPI facts
    }
    lastWatermarkMonth = month;
    out.fact(w.get(), timestampMs);
  }

  /** Sends a step's alerts, then its KPI facts. */
  private void send(EngineStep step, long timestampMs) {
    for (CaseAlert a : step.alerts()) {
      out.alert(a);
    }
    for (KpiFact f : step.facts()) {
      out.fact(f, timestampMs);
    }
  }

  /**
   * Code-point order, which equals the UTF-8 byte order of the index keys (String.compareTo is
   * UTF-16 order and differs above U+FFFF: a surrogate, part of a code point above U+FFFF, sorts
   * after every other UTF-16 unit of the same position).
   */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        return sx == sy ? Character.compare(x, y) : (sx ? 1 : -1);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
