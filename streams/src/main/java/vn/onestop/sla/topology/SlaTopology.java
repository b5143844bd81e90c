package vn.onestop.sla.topology;

import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.KpiFactRecord;

/**
 * Builds the SLA engine's topology (docs/design.md, Time and determinism):
 *
 * <pre>
 *   case-events (bytes) ──► sla-processor ──► case-alerts            (CaseAlert)
 *                             │   │   │   ├─► case-events-rejected   (RejectedEvent)
 *                  case-store ┘   │   │   └─► kpi-facts ──► &lt;application.id&gt;-kpi-facts-repartition
 *                  deadline-index ┘   └ kpi-marks                      (KpiFactRecord; key unit id,
 *                                                                       watermarks to every partition)
 *   &lt;application.id&gt;-kpi-facts-repartition ──► kpi-aggregator ──► unit-kpis  (UnitKpi, key unitId|YYYY-MM)
 *                                               └ kpi-store
 *   org-units ──► org-units-store (global; read through an OrgDirectory)
 * </pre>
 *
 * <p>Sub-topology 1 (one task per {@code case-events} partition) is the alerting engine plus stage
 * 1 of the KPIs ({@code vn.onestop.sla.kpi.KpiFactSource}): the processor turns case transitions
 * into facts keyed by unit. Sub-topology 2 (one task per facts-topic partition, i.e. per group of
 * units) is stage 2 ({@code KpiAggregator}): it closes a month when every case task's watermark has
 * passed its end and publishes the month's {@code UnitKpi}s.
 *
 * <p><b>The facts topic</b> is an internal repartition topic made by the DSL's {@code
 * repartition(Repartitioned.as("kpi-facts"))}: Kafka Streams names it {@code
 * <application.id>-kpi-facts-repartition}, creates it with the partition count of {@code
 * case-events}, and purges the records it has consumed; nothing has to be created for it ({@link
 * TopicSetup} does not). The processor API has no public way to declare an internal topic, hence
 * the few DSL nodes; the processors and the other sinks are added as before. Values are Avro {@link
 * KpiFactRecord}s in the registry format (subject {@code <topic>-value}).
 *
 * <p>{@code case-events} is read as raw bytes and deserialized inside {@link SlaProcessor}, so an
 * unreadable record or a payload branch this version does not know goes to {@code
 * case-events-rejected} instead of stopping the stream thread.
 *
 * <p><b>Writes per input event.</b> The deadline index has no changelog: it is a function of the
 * case store ({@code CaseEngine.nextDueAt} of each stored case), so {@link SlaProcessor#init}
 * rebuilds it after every restore instead of the engine writing each entry move twice (put and
 * delete) to Kafka. {@code benchmarks/.../WriteCount} prints the records written per input event by
 * topic (docs/benchmarks.md).
 *
 * <p>Every store has an explicit serde (KAFKA-10179): registry Avro for the case store, bytes for
 * the index, String for the two KPI stores (JSON values).
 */
public final class SlaTopology {
  /** Case store: case id → CaseState (registry serde), changelogged. */
  public static final String CASE_STORE = "case-store";

  /**
   * Deadline index: DeadlineIndexKey bytes → empty. Not changelogged: derived state, rebuilt from
   * the case store in the processor's {@code init()} (which Kafka Streams runs after restoring the
   * case store, also after a rebalance or a standby's promotion).
   */
  public static final String DEADLINE_INDEX_STORE = "deadline-index";

  /**
   * KPI stage 1, in the case task: {@code case|<caseId>} → JSON CaseMark, changelogged. Only read
   * since the marks moved into the case state ({@code CaseState.kpiMark}): it holds the marks of
   * cases stored before that, and keeps them across restores until those cases are written again.
   */
  public static final String KPI_MARKS_STORE = "kpi-marks";

  /**
   * KPI stage 2, in the unit task: per-unit overdue counts, per unit-month counters and
   * resolution-day counters, watermarks, closed month (JSON), changelogged.
   */
  public static final String KPI_STORE = "kpi-store";

  /** Global store of org units: unit id → OrgUnit. */
  public static final String ORG_UNITS_STORE = "org-units-store";

  /**
   * Name given to the facts repartition; the topic is {@code
   * <application.id>-kpi-facts-repartition}.
   */
  public static final String KPI_FACTS_REPARTITION = "kpi-facts";

  /** Default org-units topic name (used as the deserializer's topic for the global store). */
  static final String ORG_UNITS_TOPIC = SlaTopics.DEFAULT.orgUnits();

  static final String SOURCE = "case-events-source";
  static final String PROCESSOR = "sla-processor";
  static final String ALERTS_SINK = "case-alerts-sink";
  static final String REJECTED_SINK = "case-events-rejected-sink";

  /**
   * Child of the processor that receives KPI facts (the processor forwards facts to it by name).
   */
  static final String KPI_FACTS = "kpi-facts";

  static final String KPI_AGGREGATOR = "kpi-aggregator";
  static final String UNIT_KPIS_SINK = "unit-kpis-sink";
  static final String ORG_SOURCE = "org-units-source";
  static final String ORG_UPDATER = "org-units-updater";

  private SlaTopology() {}

  /**
   * A topology for ONE {@code case-events} partition: in-process replays in a TopologyTestDriver
   * (where every topic has one partition). A KafkaStreams application over a topic with more
   * partitions must use {@link #build(SlaTopics, SlaSerdes, PolicyBook, PunctuationSettings, int)}
   * ({@code SlaEngine} does), or no month is ever closed.
   *
   * @param topics topic names
   * @param serdes value serdes, one per topic and store
   * @param policies SLA policies (effective-dated) for the decider and the escalation ladder
   * @param punctuation punctuation interval and work budget
   * @return a new topology; build one per KafkaStreams instance
   */
  public static Topology build(
      SlaTopics topics, SlaSerdes serdes, PolicyBook policies, PunctuationSettings punctuation) {
    return build(topics, serdes, policies, punctuation, 1, Stores::persistentKeyValueStore);
  }

  /**
   * @param topics topic names
   * @param serdes value serdes, one per topic and store
   * @param policies SLA policies
   * @param punctuation punctuation interval and work budget
   * @param caseEventsPartitions partition count of {@code case-events}: the number of KPI fact
   *     sources whose watermarks close a month
   * @return a new topology
   * @throws IllegalArgumentException if {@code caseEventsPartitions < 1}
   */
  public static Topology build(
      SlaTopics topics,
      SlaSerdes serdes,
      PolicyBook policies,
      PunctuationSettings punctuation,
      int caseEventsPartitions) {
    return build(
        topics,
        serdes,
        policies,
        punctuation,
        caseEventsPartitions,
        Stores::persistentKeyValueStore);
  }

  /**
   * As {@link #build(SlaTopics, SlaSerdes, PolicyBook, PunctuationSettings)} (one case-events
   * partition) with a choice of store implementation.
   *
   * @param topics topic names
   * @param serdes value serdes
   * @param policies SLA policies
   * @param punctuation punctuation interval and work budget
   * @param stores store name → bytes store supplier
   * @return a new topology
   */
  public static Topology build(
      SlaTopics topics,
      SlaSerdes serdes,
      PolicyBook policies,
      PunctuationSettings punctuation,
      Function<String, KeyValueBytesStoreSupplier> stores) {
    return build(topics, serdes, policies, punctuation, 1, stores);
  }

  /**
   * The topology with a choice of store implementation for the four task stores ({@link
   * #CASE_STORE}, {@link #DEADLINE_INDEX_STORE}, {@link #KPI_MARKS_STORE}, {@link #KPI_STORE}; all
   * but the index are changelogged). The index and the KPI store need stores that iterate keys in
   * unsigned byte order, as RocksDB and Kafka's in-memory store do.
   *
   * @param topics topic names
   * @param serdes value serdes
   * @param policies SLA policies
   * @param punctuation punctuation interval and work budget
   * @param caseEventsPartitions partition count of {@code case-events} (KPI fact sources), at least
   *     1
   * @param stores store name → bytes store supplier (default {@code
   *     Stores::persistentKeyValueStore})
   * @return a new topology
   * @throws IllegalArgumentException if {@code caseEventsPartitions < 1}
   */
  public static Topology build(
      SlaTopics topics,
      SlaSerdes serdes,
      PolicyBook policies,
      PunctuationSettings punctuation,
      int caseEventsPartitions,
      Function<String, KeyValueBytesStoreSupplier> stores) {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(punctuation, "punctuation");
    if (caseEventsPartitions < 1) {
      throw new IllegalArgumentException(
          "caseEventsPartitions must be >= 1, got " + caseEventsPartitions);
    }
    StreamsBuilder b = new StreamsBuilder();
    b.addStateStore(
        Stores.keyValueStoreBuilder(stores.apply(CASE_STORE), Serdes.String(), serdes.caseStates())
            .withCachingEnabled());
    b.addStateStore(
        Stores.keyValueStoreBuilder(
                stores.apply(DEADLINE_INDEX_STORE), Serdes.Bytes(), Serdes.ByteArray())
            .withLoggingDisabled());
    b.addStateStore(
        Stores.keyValueStoreBuilder(stores.apply(KPI_MARKS_STORE), Serdes.String(), Serdes.String())
            .withCachingEnabled());
    b.addStateStore(
        Stores.keyValueStoreBuilder(stores.apply(KPI_STORE), Serdes.String(), Serdes.String())
            .withCachingEnabled());

    KStream<String, SpecificRecord> out =
        b.stream(
                topics.caseEvents(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
            .process(
                new SlaProcessorSupplier(serdes.caseEvents(), policies, punctuation, true),
                Named.as(PROCESSOR),
                CASE_STORE,
                DEADLINE_INDEX_STORE,
                KPI_MARKS_STORE);
    // The processor forwards only facts to this node (alerts and rejections go to their sinks by
    // name).
    out.mapValues(v -> (KpiFactRecord) v, Named.as(KPI_FACTS))
        .repartition(
            Repartitioned.<String, KpiFactRecord>as(KPI_FACTS_REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(serdes.kpiFacts())
                .withStreamPartitioner(new KpiFactPartitioner()))
        .process(
            () -> new KpiAggregatorProcessor(caseEventsPartitions),
            Named.as(KPI_AGGREGATOR),
            KPI_STORE);

    Topology t = b.build();
    t.addSink(ALERTS_SINK, topics.caseAlerts(), new StringSerializer(), serdes.alerts(), PROCESSOR);
    t.addSink(
        REJECTED_SINK, topics.rejected(), new StringSerializer(), serdes.rejected(), PROCESSOR);
    t.addSink(
        UNIT_KPIS_SINK,
        topics.unitKpis(),
        new StringSerializer(),
        serdes.unitKpis(),
        KPI_AGGREGATOR);
    t.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ORG_UNITS_STORE), Serdes.String(), serdes.orgUnits())
            .withLoggingDisabled(),
        ORG_SOURCE,
        new StringDeserializer(),
        new ByteArrayDeserializer(),
        topics.orgUnits(),
        ORG_UPDATER,
        () -> new OrgUnitStoreUpdater(ORG_UNITS_STORE, serdes.orgUnits().deserializer()));
    return t;
  }
}
