package vn.onestop.feed;

import java.util.Objects;
import java.util.Optional;
import vn.onestop.sla.query.OpenCase;
import vn.onestop.sla.query.OpenCasesQuery;

/**
 * Where the cockpit's rows come from when an SLA engine runs in the feed's process: a page of the
 * engine's open cases (docs/design.md, Open cases from the engine's state). The app passes {@code
 * SlaEngine.openCasesQuery()::page}; without a source the cockpit builds its rows from the latest
 * alert of each case ({@link CaseBoard}). {@link #of} adapts the engine's query, with lookups by
 * case id for acknowledgements.
 */
@FunctionalInterface
public interface OpenCasesSource {
  /**
   * @param request scope, filters, sort, 1-based page, the instant and the at-risk working time
   * @return the page
   * @throws vn.onestop.sla.query.CaseStatusUnavailableException while the engine starts, restores
   *     or rebalances (the cockpit answers 503 with Retry-After)
   */
  OpenCasesQuery.Page page(OpenCasesQuery.Request request);

  /**
   * @param caseId a case id
   * @return the engine's open case with this id; empty when unknown, closed, or when this source
   *     cannot look cases up (the default)
   * @throws vn.onestop.sla.query.CaseStatusUnavailableException while the engine is not queryable
   */
  default Optional<OpenCase> find(String caseId) {
    return Optional.empty();
  }

  /**
   * @param query the engine's open-cases query
   * @return a source answering pages and lookups from it
   */
  static OpenCasesSource of(OpenCasesQuery query) {
    Objects.requireNonNull(query, "query");
    return new OpenCasesSource() {
      @Override
      public OpenCasesQuery.Page page(OpenCasesQuery.Request request) {
        return query.page(request);
      }

      @Override
      public Optional<OpenCase> find(String caseId) {
        return query.find(caseId);
      }
    };
  }
}
