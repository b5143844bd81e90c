package vn.onestop.sla.topology;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.RejectedEvent;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.sla.state.CaseState;

/**
 * Every value serde the SLA topology uses, passed in explicitly (never Kafka's default serdes) so
 * that each topic and each store, including the changelog topics, uses the schema-registry format
 * with its own subject (KAFKA-10179). Keys are UTF-8 strings, except the deadline index (raw bytes).
 *
 * @param caseEvents reads {@code case-events} values; called inside the processor so a failure routes
 *     the record to {@code case-events-rejected}
 * @param orgUnits {@code org-units} values and the global org-unit store
 * @param caseStates the case store (changelog subject {@code <application.id>-case-store-changelog-value})
 * @param alerts writes {@code case-alerts}
 * @param rejected writes {@code case-events-rejected}
 */
public record SlaSerdes(
    Deserializer<CaseEvent> caseEvents,
    Serde<OrgUnit> orgUnits,
    Serde<CaseState> caseStates,
    Serializer<CaseAlert> alerts,
    Serializer<RejectedEvent> rejected) {

  /** @throws NullPointerException if any serde is null */
  public SlaSerdes {
    Objects.requireNonNull(caseEvents, "caseEvents");
    Objects.requireNonNull(orgUnits, "orgUnits");
    Objects.requireNonNull(caseStates, "caseStates");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(rejected, "rejected");
  }

  /**
   * Registry serdes in the Confluent wire format on one shared client.
   *
   * @param registry shared client
   * @param autoRegisterOutputs whether the sinks register the {@code case-alerts} and
   *     {@code case-events-rejected} schemas when missing (production may pre-register with
   *     {@code Topics.registerAll} and pass {@code false}); store serdes always register, because
   *     changelog subjects are named after the application id and cannot be registered ahead
   * @return the serdes
   */
  public static SlaSerdes registry(SchemaRegistryClient registry, boolean autoRegisterOutputs) {
    StateAvroTrust.install();
    return new SlaSerdes(
        new SpecificAvroSerde<>(registry, CaseEvent.class, false).deserializer(),
        new SpecificAvroSerde<>(registry, OrgUnit.class, true),
        new SpecificAvroSerde<>(registry, CaseState.class, true),
        new SpecificAvroSerde<>(registry, CaseAlert.class, autoRegisterOutputs).serializer(),
        new SpecificAvroSerde<>(registry, RejectedEvent.class, autoRegisterOutputs).serializer());
  }
}
