package vn.onestop.bench;

import java.time.Instant;
import vn.onestop.schema.CaseEvent;

/**
 * A benchmark workload: event {@code i} of a run at a given event time. Sources are used in order
 * ({@code i = 0, 1, 2, ...}).
 */
interface CaseEventSource {
  /**
   * @param i event number, from 0, each number once and in order
   * @param at event time (also the record timestamp)
   * @return event {@code i}
   */
  CaseEvent event(long i, Instant at);

  /**
   * @return alerts the events returned so far imply once every due instant has passed (warnings,
   *     breaches; escalations days later not counted)
   */
  long expectedAlerts();
}
