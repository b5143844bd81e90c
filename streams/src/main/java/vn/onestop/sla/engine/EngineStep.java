package vn.onestop.sla.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.schema.CaseAlert;
import vn.onestop.sla.kpi.KpiFact;
import vn.onestop.sla.state.CaseState;

/**
 * What one engine step ({@link CaseEngine#onEvent} or {@link CaseEngine#onTime}) did to a case.
 *
 * @param outcome what happened to the event (or {@link Outcome#TIME} for a time step)
 * @param state the case after the step, to store; null only when no case exists (a refused first
 *     event). The same object as the input when nothing changed
 * @param alerts the alerts that became due, in due order, each with {@code decidedAt} = its due
 *     instant (empty if none)
 * @param refusal why the event was refused ({@link Outcome#REFUSED} only)
 * @param facts KPI facts to send, in order (empty when the engine runs without KPI facts)
 * @param nextDueAt when the engine must look at the case again without an event: the earlier of its
 *     next alert and (with KPI facts) its KPI breach not yet counted; empty for none
 */
public record EngineStep(
    Outcome outcome,
    CaseState state,
    List<CaseAlert> alerts,
    Optional<Refusal> refusal,
    List<KpiFact> facts,
    Optional<Instant> nextDueAt) {

  /** What an engine step did with its input. */
  public enum Outcome {
    /** The event was applied. */
    APPLIED,
    /** The event id was already applied; the event changed nothing. */
    DUPLICATE,
    /** A valid event with no effect on the case (an audit record such as an identity reveal). */
    IGNORED,
    /** The event was refused ({@link EngineStep#refusal()}). */
    REFUSED,
    /** Stream time advanced (no event). */
    TIME
  }

  /**
   * Validates the components.
   *
   * @param outcome see the record description
   * @param state see the record description
   * @param alerts see the record description
   * @param refusal see the record description
   * @param facts see the record description
   * @param nextDueAt see the record description
   * @throws NullPointerException if a component other than state is null
   * @throws IllegalArgumentException if a refusal is present exactly when the outcome is not
   *     REFUSED
   */
  public EngineStep {
    Objects.requireNonNull(outcome, "outcome");
    alerts = List.copyOf(alerts);
    Objects.requireNonNull(refusal, "refusal");
    facts = List.copyOf(facts);
    Objects.requireNonNull(nextDueAt, "nextDueAt");
    if (refusal.isPresent() != (outcome == Outcome.REFUSED)) {
      throw new IllegalArgumentException("refusal " + refusal + " with outcome " + outcome);
    }
  }
}
