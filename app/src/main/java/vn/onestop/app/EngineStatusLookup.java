package vn.onestop.app;

import java.net.URI;
import java.util.List;
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
 * (the case store), mapping "store not ready" to the intake's 503. With several engine instances
 * (each with its {@code application.server}), a case whose partition another instance owns is asked
 * of that instance over HTTP ({@link RemoteStatusLookup}, the owner's address from Kafka Streams'
 * key metadata); a query that was itself forwarded is not forwarded again (503 instead, so a
 * rebalance cannot make two instances bounce a query between them).
 */
public final class EngineStatusLookup implements CaseStatusLookup {
  private final CaseStatusQuery query;
  private final boolean forwardElsewhere;
  private final Optional<InternalKey> key;

  /**
   * A lookup of a single instance: a case another instance owns is unavailable (there is no
   * internal key to ask the owner with).
   *
   * @param query the running engine's status query
   */
  public EngineStatusLookup(CaseStatusQuery query) {
    this(query, true, Optional.empty());
  }

  /**
   * @param query the running engine's status query
   * @param key the shared {@value InternalKey#ENV} a forwarded query carries to the owner; empty
   *     when the instance has none (then a case owned elsewhere is unavailable)
   */
  EngineStatusLookup(CaseStatusQuery query, Optional<InternalKey> key) {
    this(query, true, key);
  }

  private EngineStatusLookup(
      CaseStatusQuery query, boolean forwardElsewhere, Optional<InternalKey> key) {
    this.query = query;
    this.forwardElsewhere = forwardElsewhere;
    this.key = key;
  }

  /**
   * @return a lookup answering only from this instance's stores (for a forwarded query)
   */
  EngineStatusLookup localOnly() {
    return new EngineStatusLookup(query, false, key);
  }

  @Override
  public Optional<CaseStatusView> find(String caseId) throws StatusUnavailableException {
    try {
      return query.status(caseId).map(EngineStatusLookup::view);
    } catch (CaseStatusUnavailableException e) {
      throw new StatusUnavailableException(e.getMessage());
    } catch (CaseStatusElsewhereException e) {
      if (!forwardElsewhere) {
        throw new StatusUnavailableException(
            "the case moved to another SLA engine instance (rebalancing); retry");
      }
      if (key.isEmpty()) {
        throw new StatusUnavailableException(
            "the case is owned by another SLA engine instance and this one has no "
                + InternalKey.ENV
                + " to ask it with");
      }
      URI owner = URI.create("http://" + e.host() + ":" + e.port());
      return new RemoteStatusLookup(List.of(owner), true, key.get()).find(caseId);
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
