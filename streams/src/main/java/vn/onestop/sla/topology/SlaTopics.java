package vn.onestop.sla.topology;

import java.util.List;
import java.util.Objects;
import vn.onestop.schema.Topics;

/**
 * Names of the topics the SLA topology reads and writes; {@link #DEFAULT} are the pipeline's names
 * ({@link Topics}). Other names let tests share one broker.
 *
 * @param caseEvents input: case events and clock ticks, keyed by case id
 * @param orgUnits input: compacted org-unit directory, read into a global store
 * @param caseAlerts output: alerts, keyed by case id
 * @param rejected output: input the engine could not apply, keyed by case id when known
 */
public record SlaTopics(String caseEvents, String orgUnits, String caseAlerts, String rejected) {
  /** The pipeline's topic names. */
  public static final SlaTopics DEFAULT = new SlaTopics(Topics.CASE_EVENTS.name(), Topics.ORG_UNITS.name(),
      Topics.CASE_ALERTS.name(), Topics.CASE_EVENTS_REJECTED.name());

  /** @throws IllegalArgumentException if a name is blank */
  public SlaTopics {
    for (String t : new String[] {caseEvents, orgUnits, caseAlerts, rejected}) {
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException("topic name must not be blank");
      }
    }
  }

  /**
   * The same names with a prefix, e.g. {@code withPrefix("it-crash-")}.
   *
   * @param prefix prefix to put before every name
   * @return prefixed names
   */
  public SlaTopics withPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return new SlaTopics(prefix + caseEvents, prefix + orgUnits, prefix + caseAlerts, prefix + rejected);
  }

  /** @return all four names */
  public List<String> all() {
    return List.of(caseEvents, orgUnits, caseAlerts, rejected);
  }
}
