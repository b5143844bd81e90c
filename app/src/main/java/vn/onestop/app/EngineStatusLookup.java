package vn.onestop.app;

import java.util.Optional;
import vn.onestop.intake.status.CaseStatusDetails;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;
import vn.onestop.sla.query.CaseStatusElsewhereException;
import vn.onestop.sla.query.CaseStatusQuery;
import vn.onestop.sla.query.CaseStatusResult;
import vn.onestop.sla.query.CaseStatusUnavailableException;

/**
 * Serves the intake API's {@code GET /api/v1/cases/{id}} from the SLA engine's interactive query
 * (the case store), mapping "store not ready" to the intake's 503.
 */
public final class EngineStatusLookup implements CaseStatusLookup {
  private final CaseStatusQuery query;

  /**
   * @param query the running engine's status query
   */
  public EngineStatusLookup(CaseStatusQuery query) {
    this.query = query;
  }

  @Override
  public Optional<CaseStatusView> find(String caseId) throws StatusUnavailableException {
    try {
      return query.status(caseId).map(EngineStatusLookup::view);
    } catch (CaseStatusUnavailableException | CaseStatusElsewhereException e) {
      throw new StatusUnavailableException(e.getMessage());
    }
  }

  static CaseStatusView view(CaseStatusResult s) {
    String clock = s.activeClock().orElse("NONE");
    CaseStatusDetails details =
        new CaseStatusDetails(
            s.complaintLevel().orElse(null),
            s.complexity(),
            s.legalStep(),
            s.policyId(),
            s.legalBasis().orElse(null),
            s.officerId().orElse(null),
            s.submittedAt(),
            s.acceptedAt().orElse(null),
            s.resolvedAt().orElse(null),
            s.closedAt().orElse(null),
            s.outcome().orElse(null),
            s.nextAlertAt().orElse(null),
            s.decisions().stream()
                .map(
                    d ->
                        new CaseStatusDetails.ClockDecision(
                            d.kind(),
                            d.decisionNumber().orElse(null),
                            d.decidedAt(),
                            d.days().orElse(null)))
                .toList(),
            s.lastRefusal()
                .map(
                    r ->
                        new CaseStatusDetails.Refusal(
                            r.eventId(), r.action(), r.reason(), r.occurredAt()))
                .orElse(null),
            s.processedEventIds());
    return new CaseStatusView(
        s.caseId(),
        s.status(),
        s.category(),
        s.unitId(),
        clock,
        s.dueAt().orElse(null),
        s.acceptanceDueAt().orElse(null),
        s.resolutionDueAt().orElse(null),
        s.escalationLevel(),
        s.suspended(),
        details);
  }
}
