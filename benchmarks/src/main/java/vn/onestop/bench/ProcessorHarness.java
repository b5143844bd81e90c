package vn.onestop.bench;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import vn.onestop.schema.OrgUnit;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaProcessorSupplier;
import vn.onestop.sla.topology.SlaSerdes;
import vn.onestop.sla.topology.SlaTopology;

/**
 * The engine's processor ({@link SlaProcessorSupplier}, without KPI facts) on a {@link
 * MockProcessorContext} with the stores the topology gives it, built the same way: RocksDB ({@code
 * Stores.persistentKeyValueStore}) case store with the registry serde and deadline index with
 * bytes, and the org-unit store holding the benchmark units. Changelogging is off (the mock context
 * has no record collector); forwarded records are captured by the context.
 */
final class ProcessorHarness implements AutoCloseable {
  final MockProcessorContext<String, SpecificRecord> ctx;
  final KeyValueStore<String, CaseState> cases;
  final KeyValueStore<Bytes, byte[]> index;
  final KeyValueStore<String, OrgUnit> org;
  private final SlaSerdes serdes;
  private final PolicyBook policies;

  ProcessorHarness(SlaSerdes serdes, PolicyBook policies, Path dir) {
    this.serdes = serdes;
    this.policies = policies;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-processor");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    ctx = new MockProcessorContext<>(props, new TaskId(0, 0), dir.toFile());
    cases =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SlaTopology.CASE_STORE),
                Serdes.String(),
                serdes.caseStates())
            .withLoggingDisabled()
            .build();
    index =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SlaTopology.DEADLINE_INDEX_STORE),
                Serdes.Bytes(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    org =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SlaTopology.ORG_UNITS_STORE),
                Serdes.String(),
                // the mock context names every store's changelog "changelog": pin the org store's
                // subject
                Serdes.serdeFrom(
                    (topic, v) -> serdes.orgUnits().serializer().serialize("bench-org-units", v),
                    (topic, b) ->
                        serdes.orgUnits().deserializer().deserialize("bench-org-units", b)))
            .withLoggingDisabled()
            .build();
    cases.init(ctx.getStateStoreContext(), cases);
    index.init(ctx.getStateStoreContext(), index);
    org.init(ctx.getStateStoreContext(), org);
    ctx.addStateStore(cases);
    ctx.addStateStore(index);
    ctx.addStateStore(org);
    for (OrgUnit u : Workload.units()) {
      org.put(u.getUnitId(), u);
    }
  }

  /**
   * A processor of the engine, initialised on this context (its init recovers the index cursor).
   */
  Processor<byte[], byte[], String, SpecificRecord> newProcessor() {
    Processor<byte[], byte[], String, SpecificRecord> p =
        new SlaProcessorSupplier(serdes.caseEvents(), policies, PunctuationSettings.DEFAULT, false)
            .get();
    p.init(ctx);
    return p;
  }

  /**
   * @return the punctuator the last initialised processor scheduled
   */
  Punctuator lastPunctuator() {
    return ctx.scheduledPunctuators().get(ctx.scheduledPunctuators().size() - 1).getPunctuator();
  }

  @Override
  public void close() {
    cases.close();
    index.close();
    org.close();
  }
}
