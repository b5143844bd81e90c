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
 * @param unitKpis output: monthly unit KPIs ({@code UnitKpi}), keyed {@code unitId|YYYY-MM},
 *     compacted
 */
public record SlaTopics(
    String caseEvents, String orgUnits, String caseAlerts, String rejected, String unitKpis) {
  /** The pipeline's topic names. */
  public static final SlaTopics DEFAULT =
      new SlaTopics(
          Topics.CASE_EVENTS.name(),
          Topics.ORG_UNITS.name(),
          Topics.CASE_ALERTS.name(),
          Topics.CASE_EVENTS_REJECTED.name(),
          Topics.UNIT_KPIS.name());

  /**
   * @throws IllegalArgumentException if a name is blank
   */
  public SlaTopics {
    for (String t : new String[] {caseEvents, orgUnits, caseAlerts, rejected, unitKpis}) {
      if (t == null || t.isBlank()) {
        throw new IllegalArgumentException("topic name must not be blank");
      }
    }
  }

  /**
   * The four names of the alerting part, with the pipeline's {@code unit-kpis} as KPI output (for
   * callers written before the KPIs were wired, e.g. in-process replays whose KPI output is
   * discarded).
   *
   * @param caseEvents input
   * @param orgUnits input
   * @param caseAlerts output
   * @param rejected output
   * @throws IllegalArgumentException if a name is blank
   */
  public SlaTopics(String caseEvents, String orgUnits, String caseAlerts, String rejected) {
    this(caseEvents, orgUnits, caseAlerts, rejected, Topics.UNIT_KPIS.name());
  }

  /**
   * The same names with a prefix, e.g. {@code withPrefix("it-crash-")}.
   *
   * @param prefix prefix to put before every name
   * @return prefixed names
   */
  public SlaTopics withPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return new SlaTopics(
        prefix + caseEvents,
        prefix + orgUnits,
        prefix + caseAlerts,
        prefix + rejected,
        prefix + unitKpis);
  }

  /**
   * @return all five names (not the engine's internal topics, which Kafka Streams names and
   *     creates)
   */
  public List<String> all() {
    return List.of(caseEvents, orgUnits, caseAlerts, rejected, unitKpis);
  }
}
