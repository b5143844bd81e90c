package vn.onestop.sla.topology;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.RejectedEvent;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.KpiFactRecord;

/**
 * Every value serde the SLA topology uses, passed in explicitly (never Kafka's default serdes) so
 * that each topic and each store, including the changelog topics, uses the schema-registry format
 * with its own subject (KAFKA-10179). Keys are UTF-8 strings, except the deadline index (raw
 * bytes). The two KPI stores hold UTF-8 JSON strings ({@code vn.onestop.sla.kpi.KeyValueKpiStore})
 * with an explicit String serde in {@link SlaTopology}.
 *
 * @param caseEvents reads {@code case-events} values; called inside the processor so a failure
 *     routes the record to {@code case-events-rejected}
 * @param orgUnits {@code org-units} values and the global org-unit store
 * @param caseStates the case store (changelog subject {@code
 *     <application.id>-case-store-changelog-value})
 * @param alerts writes {@code case-alerts}
 * @param rejected writes {@code case-events-rejected}
 * @param kpiFacts the internal KPI facts topic {@code <application.id>-kpi-facts-repartition}
 *     (subject {@code <application.id>-kpi-facts-repartition-value})
 * @param unitKpis writes {@code unit-kpis}
 */
public record SlaSerdes(
    Deserializer<CaseEvent> caseEvents,
    Serde<OrgUnit> orgUnits,
    Serde<CaseState> caseStates,
    Serializer<CaseAlert> alerts,
    Serializer<RejectedEvent> rejected,
    Serde<KpiFactRecord> kpiFacts,
    Serializer<UnitKpi> unitKpis) {

  /**
   * @throws NullPointerException if any serde is null
   */
  public SlaSerdes {
    Objects.requireNonNull(caseEvents, "caseEvents");
    Objects.requireNonNull(orgUnits, "orgUnits");
    Objects.requireNonNull(caseStates, "caseStates");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(rejected, "rejected");
    Objects.requireNonNull(kpiFacts, "kpiFacts");
    Objects.requireNonNull(unitKpis, "unitKpis");
  }

  /**
   * Registry serdes in the Confluent wire format on one shared client.
   *
   * @param registry shared client
   * @param autoRegisterOutputs whether the sinks register the {@code case-alerts}, {@code
   *     case-events-rejected} and {@code unit-kpis} schemas when missing (production may
   *     pre-register with {@code Topics.registerAll} and pass {@code false}); store and
   *     internal-topic serdes always register, because changelog and repartition subjects are named
   *     after the application id and cannot be registered ahead
   * @return the serdes
   */
  public static SlaSerdes registry(SchemaRegistryClient registry, boolean autoRegisterOutputs) {
    StateAvroTrust.install();
    return new SlaSerdes(
        new SpecificAvroSerde<>(registry, CaseEvent.class, false).deserializer(),
        new SpecificAvroSerde<>(registry, OrgUnit.class, true),
        new SpecificAvroSerde<>(
            registry, CaseState.class, true, CaseStateCoder.forCurrentSchema().orElse(null)),
        new SpecificAvroSerde<>(registry, CaseAlert.class, autoRegisterOutputs).serializer(),
        new SpecificAvroSerde<>(registry, RejectedEvent.class, autoRegisterOutputs).serializer(),
        new SpecificAvroSerde<>(registry, KpiFactRecord.class, true),
        new SpecificAvroSerde<>(registry, UnitKpi.class, autoRegisterOutputs).serializer());
  }
}
