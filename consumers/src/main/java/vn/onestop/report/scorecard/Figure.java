package vn.onestop.report.scorecard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A count and the case ids behind it (the drill-down): one id per counted occurrence, sorted, so a
 * case counted twice (two resolutions, two alerts) appears twice.
 *
 * @param caseIds the ids, sorted
 */
public record Figure(List<String> caseIds) {
  /** No case. */
  public static final Figure NONE = new Figure(List.of());

  /** Copies and sorts the ids. */
  public Figure {
    List<String> s = new ArrayList<>(caseIds);
    Collections.sort(s);
    caseIds = List.copyOf(s);
  }

  /**
   * @return the count
   */
  public int count() {
    return caseIds.size();
  }

  /**
   * @param caseId one more occurrence
   * @return a figure with it
   */
  public Figure plus(String caseId) {
    List<String> s = new ArrayList<>(caseIds);
    s.add(caseId);
    return new Figure(s);
  }
}
