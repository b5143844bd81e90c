package vn.onestop.report.scorecard;

import java.util.List;
import java.util.Objects;

/**
 * One case as the scorecard sees it: its fixed attributes at receipt and its facts in the order the
 * engine applied them (time order).
 *
 * @param caseId case id (the only case reference a scorecard keeps: no title, text or identity)
 * @param category legal category symbol at receipt (KHIEU_NAI, TO_CAO, ...)
 * @param channel channel symbol at receipt (WEB, HOTLINE, ...)
 * @param facts the facts, in time order
 */
public record CaseTrace(String caseId, String category, String channel, List<CaseFact> facts) {
  /**
   * @throws NullPointerException naming a missing component
   */
  public CaseTrace {
    Objects.requireNonNull(caseId, "caseId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(channel, "channel");
    facts = List.copyOf(facts);
  }
}
