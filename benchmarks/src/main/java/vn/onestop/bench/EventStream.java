package vn.onestop.bench;

import java.time.Duration;
import java.time.Instant;
import vn.onestop.schema.CaseEvent;

/**
 * The intake-like event mix used by the baseline and the pipeline: even events submit a new case
 * (an imported service request due {@code dueIn} after submission), odd events assign an officer to
 * the case submitted 500 cases earlier (or to the one just submitted, at the start). Half the
 * events create state, half update it.
 */
final class EventStream implements CaseEventSource {
  private final String prefix;
  private final Duration dueIn;
  private long submitted;

  /**
   * @param prefix case id prefix, so runs on one broker never share cases
   * @param dueIn due instant of each case after its submission
   */
  EventStream(String prefix, Duration dueIn) {
    this.prefix = prefix;
    this.dueIn = dueIn;
  }

  /**
   * @param i event number, from 0
   * @param at event time (also the record timestamp)
   * @return event {@code i}
   */
  @Override
  public CaseEvent event(long i, Instant at) {
    long k = i / 2;
    if (i % 2 == 0) {
      submitted++;
      return Workload.submitted(caseId(k), at, at.plus(dueIn));
    }
    return Workload.assigned(caseId(k >= 500 ? k - 500 : k), at);
  }

  /**
   * @return a 75 % warning and a breach per case submitted so far (1 alert per input event)
   */
  @Override
  public long expectedAlerts() {
    return 2 * submitted;
  }

  /**
   * @return the id of case {@code k}
   */
  String caseId(long k) {
    return prefix + k;
  }
}
