package vn.onestop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Resolved;

/**
 * The pipeline workload of realistic alert density: about 0.70 alerts per input event, as the
 * bundled year has (0.71). Cases are submitted and assigned as in {@link EventStream} (due {@code
 * dueIn} after submission, assigned 500 cases later); in addition 7 of every 20 cases are resolved
 * {@value #RESOLVE_LAG} cases after their submission — at the pipeline's 100 µs between events that
 * is about 1.74 s of event time, after the 75 % warning (1.5 s) and before the due instant (2 s) —
 * so they get the warning and no breach. Steady state per 20 cases: 47 events, 13 × 2 + 7 × 1 = 33
 * alerts, 0.702 alerts per event; the first {@value #RESOLVE_LAG} cases of a run are not resolved.
 *
 * <p>Not thread-safe; events must be asked for in order.
 */
final class ResolvingStream implements CaseEventSource {
  /** Cases between a case's submission and its resolution. */
  static final int RESOLVE_LAG = 7_400;

  private final String prefix;
  private final Duration dueIn;
  private final ArrayDeque<long[]> pending = new ArrayDeque<>(); // {kind 0 S / 1 A / 2 R, case}
  private long nextIndex;
  private long nextCase;
  private long submitted;
  private long resolved;

  /**
   * @param prefix case id prefix, so runs on one broker never share cases
   * @param dueIn due instant of each case after its submission (the pipeline uses 2 s)
   */
  ResolvingStream(String prefix, Duration dueIn) {
    this.prefix = prefix;
    this.dueIn = dueIn;
  }

  /**
   * @param k case number
   * @return whether case {@code k} is resolved before its due instant (7 of every 20)
   */
  static boolean resolves(long k) {
    return k % 20 < 7;
  }

  /**
   * @throws IllegalArgumentException if {@code i} is not the next event number
   */
  @Override
  public CaseEvent event(long i, Instant at) {
    if (i != nextIndex) {
      throw new IllegalArgumentException("events in order: expected " + nextIndex + ", got " + i);
    }
    nextIndex++;
    if (pending.isEmpty()) {
      long k = nextCase++;
      pending.add(new long[] {0, k});
      pending.add(new long[] {1, k >= 500 ? k - 500 : k});
      long r = k - RESOLVE_LAG;
      if (r >= 0 && resolves(r)) {
        pending.add(new long[] {2, r});
      }
    }
    long[] next = pending.poll();
    String caseId = prefix + next[1];
    if (next[0] == 0) {
      submitted++;
      return Workload.submitted(caseId, at, at.plus(dueIn));
    }
    if (next[0] == 1) {
      return Workload.assigned(caseId, at);
    }
    resolved++;
    return Workload.resolved(caseId, at);
  }

  /**
   * @return 2 alerts per submitted case, 1 less per resolved case
   */
  @Override
  public long expectedAlerts() {
    return 2 * submitted - resolved;
  }

  static Resolved resolution() {
    return new Resolved(Outcome.FIXED, "Đã thay bóng đèn");
  }
}
