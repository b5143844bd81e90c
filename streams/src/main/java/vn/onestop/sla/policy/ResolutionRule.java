package vn.onestop.sla.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vn.onestop.schema.Complexity;

/**
 * A resolution period for a set of complexities and, optionally, for remote areas only or
 * non-remote areas only.
 *
 * @param complexities the complexities it applies to (never empty)
 * @param remoteArea true: remote / difficult-travel areas only; false: other areas only; empty:
 *     both
 * @param clock the period and its legal basis
 */
public record ResolutionRule(
    Set<Complexity> complexities, Optional<Boolean> remoteArea, ClockRule clock) {

  /**
   * @throws IllegalArgumentException if complexities is empty
   */
  public ResolutionRule {
    complexities = Set.copyOf(complexities);
    Objects.requireNonNull(remoteArea, "remoteArea");
    Objects.requireNonNull(clock, "clock");
    if (complexities.isEmpty()) {
      throw new IllegalArgumentException("a resolution rule needs at least one complexity");
    }
  }

  /**
   * @param complexity the case's complexity
   * @param remote whether the case is in a remote area
   * @return true if this rule applies
   */
  public boolean matches(Complexity complexity, boolean remote) {
    return complexities.contains(complexity) && remoteArea.map(r -> r == remote).orElse(true);
  }
}
