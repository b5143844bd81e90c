package vn.onestop.sla.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.onestop.schema.Complexity;
import vn.onestop.sla.calendar.Period;

/**
 * Explicit extensions (gia hạn) of the resolution period.
 *
 * <p>Tố cáo (Luật Tố cáo 2018, Art 30): a complex case may be extended once by at most 30 days, an
 * especially complex case twice by at most 30 days each, each by a written decision notified to the
 * parties. Khiếu nại has no explicit extension: a longer period follows from classifying the case
 * as complex (Luật Khiếu nại 2011, Arts 28 and 37), so its rule allows none.
 *
 * @param allowances per complexity: how many extensions and how long each (a missing complexity
 *     allows none)
 * @param requiresDecisionNumber whether an extension needs the number of a written decision
 * @param legalBasis law and article
 */
public record ExtensionRule(
    Map<Complexity, Allowance> allowances, boolean requiresDecisionNumber, String legalBasis) {

  /** No extension for any complexity. */
  public static ExtensionRule none(String legalBasis) {
    return new ExtensionRule(Map.of(), false, legalBasis);
  }

  /**
   * @throws NullPointerException if a component is null
   */
  public ExtensionRule {
    allowances = Map.copyOf(allowances);
    Objects.requireNonNull(legalBasis, "legalBasis");
  }

  /**
   * @param complexity the case's complexity
   * @return the maximum number of extensions (0 if none)
   */
  public int maxCount(Complexity complexity) {
    Allowance a = allowances.get(complexity);
    return a == null ? 0 : a.maxCount();
  }

  /**
   * @param complexity the case's complexity
   * @return the maximum length of each extension, empty if none is allowed
   */
  public Optional<Period> maxEach(Complexity complexity) {
    return Optional.ofNullable(allowances.get(complexity)).map(Allowance::maxEach);
  }

  /**
   * Checks a requested extension; callers route a refused one to the rejected-events topic.
   *
   * @param complexity the case's complexity
   * @param alreadyGranted extensions already granted on this case
   * @param requested requested extension length
   * @param decisionNumber number of the written decision (may be null)
   * @return empty if allowed, otherwise the reason it is refused (naming the legal basis)
   */
  public Optional<String> rejectionReason(
      Complexity complexity, int alreadyGranted, Period requested, String decisionNumber) {
    Allowance a = allowances.get(complexity);
    if (a == null || a.maxCount() == 0) {
      return Optional.of(
          "no extension is allowed for a " + complexity + " case (" + legalBasis + ")");
    }
    if (requiresDecisionNumber && (decisionNumber == null || decisionNumber.isBlank())) {
      return Optional.of(
          "an extension needs the number of a written decision (" + legalBasis + ")");
    }
    if (alreadyGranted >= a.maxCount()) {
      return Optional.of(
          "at most "
              + a.maxCount()
              + " extension(s) for a "
              + complexity
              + " case, "
              + alreadyGranted
              + " already granted ("
              + legalBasis
              + ")");
    }
    if (requested.unit() != a.maxEach().unit() || requested.amount() > a.maxEach().amount()) {
      return Optional.of(
          "an extension is at most "
              + a.maxEach()
              + ", requested "
              + requested
              + " ("
              + legalBasis
              + ")");
    }
    return Optional.empty();
  }

  /**
   * @param maxCount how many extensions, at least 0
   * @param maxEach the longest each may be
   */
  public record Allowance(int maxCount, Period maxEach) {
    /**
     * @throws IllegalArgumentException if maxCount is negative
     */
    public Allowance {
      Objects.requireNonNull(maxEach, "maxEach");
      if (maxCount < 0) {
        throw new IllegalArgumentException("maxCount must not be negative");
      }
    }
  }
}
