package vn.onestop.report.scorecard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A count and, for a month whose drill-down is kept, the case ids behind it: one id per counted
 * occurrence, sorted, so a case counted twice (two resolutions, two alerts) appears twice. A month
 * computed for its counts only (a trend month of a publication, {@link ScorecardFold}) keeps no
 * ids: {@link #caseIds()} is empty and {@link #idsKept()} false.
 *
 * @param caseIds the ids, sorted (empty when not kept)
 * @param count the count (the number of ids when they are kept)
 */
public record Figure(List<String> caseIds, int count) {
  /** No case. */
  public static final Figure NONE = new Figure(List.of());

  /**
   * Copies and sorts the ids.
   *
   * @throws IllegalArgumentException if ids are given and their number is not the count
   */
  public Figure {
    List<String> s = new ArrayList<>(caseIds);
    Collections.sort(s);
    caseIds = List.copyOf(s);
    if (count < 0 || (!caseIds.isEmpty() && caseIds.size() != count)) {
      throw new IllegalArgumentException(
          "count " + count + " with " + caseIds.size() + " case id(s)");
    }
  }

  /**
   * @param caseIds one id per counted occurrence (the count is their number)
   */
  public Figure(List<String> caseIds) {
    this(caseIds, caseIds.size());
  }

  /**
   * @param count a count whose case ids are not kept
   * @return the figure
   */
  public static Figure counted(int count) {
    return new Figure(List.of(), count);
  }

  /**
   * @return true when {@link #caseIds()} lists every counted occurrence
   */
  public boolean idsKept() {
    return caseIds.size() == count;
  }

  /**
   * @param caseId one more occurrence
   * @return a figure with it
   * @throws IllegalStateException if this figure keeps no ids
   */
  public Figure plus(String caseId) {
    if (!idsKept()) {
      throw new IllegalStateException("a figure without its case ids");
    }
    List<String> s = new ArrayList<>(caseIds);
    s.add(caseId);
    return new Figure(s);
  }
}
