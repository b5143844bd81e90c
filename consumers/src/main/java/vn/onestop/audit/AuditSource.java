package vn.onestop.audit;

import java.util.Objects;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Where the audit commands read from: the cluster, the registry and the topic names.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl registry base URL
 * @param caseEventsTopic recorded case events
 * @param caseAlertsTopic recorded alerts
 * @param orgUnitsTopic org units
 */
public record AuditSource(
    String bootstrapServers,
    String schemaRegistryUrl,
    String caseEventsTopic,
    String caseAlertsTopic,
    String orgUnitsTopic) {

  /**
   * @throws NullPointerException naming a missing component
   */
  public AuditSource {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(caseEventsTopic, "caseEventsTopic");
    Objects.requireNonNull(caseAlertsTopic, "caseAlertsTopic");
    Objects.requireNonNull(orgUnitsTopic, "orgUnitsTopic");
  }

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param schemaRegistryUrl registry base URL
   * @return the pipeline's production topic names
   */
  public static AuditSource of(String bootstrapServers, String schemaRegistryUrl) {
    return new AuditSource(
        bootstrapServers,
        schemaRegistryUrl,
        Topics.CASE_EVENTS.name(),
        Topics.CASE_ALERTS.name(),
        Topics.ORG_UNITS.name());
  }

  /**
   * @return a registry client
   */
  public SchemaRegistryClient registry() {
    return new SchemaRegistryClient(schemaRegistryUrl);
  }
}
