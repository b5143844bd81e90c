package vn.onestop.audit;

import java.util.Objects;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Where the audit commands and the KPI report read the recorded pipeline from: the cluster, the
 * registry and the topic names.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl registry base URL
 * @param caseEventsTopic recorded case events
 * @param caseAlertsTopic recorded alerts
 * @param unitKpisTopic published KPIs (compacted, key {@code unitId|YYYY-MM})
 * @param orgUnitsTopic org units (names; org directory of a recomputation)
 */
public record PipelineSource(
    String bootstrapServers,
    String schemaRegistryUrl,
    String caseEventsTopic,
    String caseAlertsTopic,
    String unitKpisTopic,
    String orgUnitsTopic) {

  /**
   * @throws NullPointerException naming a missing component
   */
  public PipelineSource {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(caseEventsTopic, "caseEventsTopic");
    Objects.requireNonNull(caseAlertsTopic, "caseAlertsTopic");
    Objects.requireNonNull(unitKpisTopic, "unitKpisTopic");
    Objects.requireNonNull(orgUnitsTopic, "orgUnitsTopic");
  }

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param schemaRegistryUrl registry base URL
   * @return the pipeline's production topic names
   */
  public static PipelineSource of(String bootstrapServers, String schemaRegistryUrl) {
    return new PipelineSource(
        bootstrapServers,
        schemaRegistryUrl,
        Topics.CASE_EVENTS.name(),
        Topics.CASE_ALERTS.name(),
        Topics.UNIT_KPIS.name(),
        Topics.ORG_UNITS.name());
  }

  /**
   * @return a registry client
   */
  public SchemaRegistryClient registry() {
    return new SchemaRegistryClient(schemaRegistryUrl);
  }
}
