package vn.onestop.feed;

import vn.onestop.sla.query.OpenCasesQuery;

/**
 * Where the cockpit's rows come from when an SLA engine runs in the feed's process: a page of the
 * engine's open cases (docs/design.md, Open cases from the engine's state). The app passes {@code
 * SlaEngine.openCasesQuery()::page}; without a source the cockpit builds its rows from the latest
 * alert of each case ({@link CaseBoard}).
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
}
