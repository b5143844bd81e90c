package vn.onestop.kpi;

import java.util.Objects;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Where the KPI report reads from.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl registry base URL
 * @param unitKpisTopic published KPIs (compacted, key {@code unitId|YYYY-MM})
 * @param caseEventsTopic recorded case events (for reconciliation)
 * @param orgUnitsTopic org units (names; org directory of the recomputation)
 */
public record KpiSource(
    String bootstrapServers,
    String schemaRegistryUrl,
    String unitKpisTopic,
    String caseEventsTopic,
    String orgUnitsTopic) {

  /**
   * @throws NullPointerException naming a missing component
   */
  public KpiSource {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(unitKpisTopic, "unitKpisTopic");
    Objects.requireNonNull(caseEventsTopic, "caseEventsTopic");
    Objects.requireNonNull(orgUnitsTopic, "orgUnitsTopic");
  }

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param schemaRegistryUrl registry base URL
   * @return the production topic names
   */
  public static KpiSource of(String bootstrapServers, String schemaRegistryUrl) {
    return new KpiSource(
        bootstrapServers,
        schemaRegistryUrl,
        Topics.UNIT_KPIS.name(),
        Topics.CASE_EVENTS.name(),
        Topics.ORG_UNITS.name());
  }

  /**
   * @return a registry client
   */
  public SchemaRegistryClient registry() {
    return new SchemaRegistryClient(schemaRegistryUrl);
  }
}
