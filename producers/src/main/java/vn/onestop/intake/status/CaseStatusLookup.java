package vn.onestop.intake.status;

import java.util.Optional;

/**
 * Reads the SLA engine's current view of one case. The producers module only defines this
 * interface; the app module wires it to the SLA engine's Kafka Streams interactive query, so the
 * producers never depend on the streams module.
 */
@FunctionalInterface
public interface CaseStatusLookup {

  /**
   * @param caseId case id as written in {@code CaseEvent.caseId}
   * @return the engine's view, or empty when the engine does not know the case (yet)
   * @throws StatusUnavailableException when the engine is not running, is rebalancing or cannot be
   *     reached; callers answer 503 with Retry-After
   */
  Optional<CaseStatusView> find(String caseId) throws StatusUnavailableException;
}
