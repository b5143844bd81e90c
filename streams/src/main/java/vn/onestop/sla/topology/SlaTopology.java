package vn.onestop.sla.topology;

import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Builds the SLA engine's Processor API topology (DESIGN §3):
 *
 * <pre>
 *   case-events (bytes) ──► sla-processor ──► case-alerts            (CaseAlert)
 *                             │   │      └──► case-events-rejected   (RejectedEvent)
 *                  case-store ┘   └ deadline-index          (same task: committed together)
 *   org-units ──► org-units-store (global; read through an OrgDirectory)
 * </pre>
 *
 * <p>{@code case-events} is read as raw bytes and deserialized inside {@link SlaProcessor}, so an
 * unreadable record or a payload branch this version does not know goes to
 * {@code case-events-rejected} instead of stopping the stream thread. Every store has an explicit
 * registry serde (KAFKA-10179).
 */
public final class SlaTopology {
  /** Case store: case id → CaseState (registry serde), changelogged. */
  public static final String CASE_STORE = "case-store";
  /** Deadline index: DeadlineIndexKey bytes → empty, changelogged. */
  public static final String DEADLINE_INDEX_STORE = "deadline-index";
  /** Global store of org units: unit id → OrgUnit. */
  public static final String ORG_UNITS_STORE = "org-units-store";
  /** Default org-units topic name (used as the deserializer's topic for the global store). */
  static final String ORG_UNITS_TOPIC = SlaTopics.DEFAULT.orgUnits();

  static final String SOURCE = "case-events-source";
  static final String PROCESSOR = "sla-processor";
  static final String ALERTS_SINK = "case-alerts-sink";
  static final String REJECTED_SINK = "case-events-rejected-sink";
  static final String ORG_SOURCE = "org-units-source";
  static final String ORG_UPDATER = "org-units-updater";

  private SlaTopology() {}

  /**
   * @param topics topic names
   * @param serdes value serdes, one per topic and store
   * @param policies SLA policies (effective-dated) for the decider and the escalation ladder
   * @param punctuation punctuation interval and work budget
   * @return a new topology; build one per KafkaStreams instance
   */
  public static Topology build(SlaTopics topics, SlaSerdes serdes, PolicyBook policies, PunctuationSettings punctuation) {
    return build(topics, serdes, policies, punctuation, Stores::persistentKeyValueStore);
  }

  /**
   * As {@link #build(SlaTopics, SlaSerdes, PolicyBook, PunctuationSettings)} with a choice of store
   * implementation for the case store and the deadline index (both stay changelogged). The index needs
   * a store that iterates keys in unsigned byte order, as RocksDB and Kafka's in-memory store do.
   *
   * @param topics topic names
   * @param serdes value serdes
   * @param policies SLA policies
   * @param punctuation punctuation interval and work budget
   * @param stores store name → bytes store supplier (default {@code Stores::persistentKeyValueStore})
   * @return a new topology
   */
  public static Topology build(SlaTopics topics, SlaSerdes serdes, PolicyBook policies, PunctuationSettings punctuation,
      Function<String, KeyValueBytesStoreSupplier> stores) {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(punctuation, "punctuation");
    Topology t = new Topology();
    t.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.caseEvents());
    t.addProcessor(PROCESSOR, () -> new SlaProcessor(serdes.caseEvents(), policies, punctuation), SOURCE);
    t.addStateStore(Stores.keyValueStoreBuilder(stores.apply(CASE_STORE),
        Serdes.String(), serdes.caseStates()), PROCESSOR);
    t.addStateStore(Stores.keyValueStoreBuilder(stores.apply(DEADLINE_INDEX_STORE),
        Serdes.Bytes(), Serdes.ByteArray()), PROCESSOR);
    t.addSink(ALERTS_SINK, topics.caseAlerts(), new StringSerializer(), serdes.alerts(), PROCESSOR);
    t.addSink(REJECTED_SINK, topics.rejected(), new StringSerializer(), serdes.rejected(), PROCESSOR);
    t.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORG_UNITS_STORE), Serdes.String(), serdes.orgUnits())
            .withLoggingDisabled(),
        ORG_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.orgUnits(), ORG_UPDATER,
        () -> new OrgUnitStoreUpdater(ORG_UNITS_STORE, serdes.orgUnits().deserializer()));
    return t;
  }
}
