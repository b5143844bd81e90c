package vn.onestop.sla.topology;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.RejectedEvent;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;

/**
 * The SLA topology in a TopologyTestDriver with plain Avro serdes. {@link #restart()} simulates a
 * crash-free restart of the task: a new driver whose stores are rebuilt from the old driver's
 * changelog output, with stream time and punctuation schedule starting afresh (as after a real
 * restart, where the first record re-aligns the punctuation).
 *
 * <p>Also the JUnit 5 extension of every topology test: a field {@code @RegisterExtension final
 * SlaDriver d = SlaDriver.perTest();} opens a fresh driver (bundled policies, default punctuation,
 * the {@link TestRecords#orgChart()} org units) before each test and closes it after, so no test
 * repeats the driver setup. Outside JUnit, the constructor opens it at once (try-with-resources).
 */
public final class SlaDriver implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
  private final StreamClock streamClock = new StreamClock();

  static final String APP_ID = "sla-test";
  static final String CASE_CHANGELOG = APP_ID + "-" + SlaTopology.CASE_STORE + "-changelog";

  /**
   * The changelogged task stores, restored by {@link #restart()}; the deadline index has no
   * changelog (the processor rebuilds it from the case store in {@code init()}).
   */
  static final List<String> STORES =
      List.of(SlaTopology.CASE_STORE, SlaTopology.KPI_MARKS_STORE, SlaTopology.KPI_STORE);

  private final PolicyBook policies;
  private PunctuationSettings settings;
  private final List<OrgUnit> initialUnits;
  private final SlaSerdes serdes = PlainAvroSerde.slaSerdes();
  private final PlainAvroSerde<CaseEvent> eventSerde = new PlainAvroSerde<>(CaseEvent.class);

  /** Store name → its restored changelog. */
  private final Map<String, Map<Bytes, byte[]>> restore = new LinkedHashMap<>();

  private final Map<String, TestOutputTopic<Bytes, byte[]>> changelogs = new LinkedHashMap<>();
  private final List<OrgUnit> units = new ArrayList<>();
  private final List<CaseAlert> pendingAlerts = new ArrayList<>();
  private final List<KeyValue<String, UnitKpi>> pendingKpis = new ArrayList<>();

  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> events;
  private TestInputTopic<String, OrgUnit> orgUnits;
  private TestOutputTopic<String, CaseAlert> alerts;
  private TestOutputTopic<String, RejectedEvent> rejected;
  private TestOutputTopic<String, UnitKpi> kpis;
  private TestOutputTopic<String, vn.onestop.sla.state.KpiFactRecord> kpiFacts;

  /**
   * @param policies SLA policies
   * @param settings punctuation settings
   */
  public SlaDriver(PolicyBook policies, PunctuationSettings settings) {
    this(policies, settings, List.of());
    open();
  }

  private SlaDriver(PolicyBook policies, PunctuationSettings settings, List<OrgUnit> initialUnits) {
    this.policies = policies;
    this.settings = settings;
    this.initialUnits = List.copyOf(initialUnits);
  }

  /**
   * @return an extension that opens a driver before each test and closes it after: bundled
   *     policies, {@link PunctuationSettings#DEFAULT}, the three-level {@link
   *     TestRecords#orgChart()}
   */
  public static SlaDriver perTest() {
    return perTest(PolicyBook.defaults(), PunctuationSettings.DEFAULT);
  }

  /**
   * @param policies SLA policies
   * @param settings punctuation settings
   * @return an extension as {@link #perTest()} with these policies and settings
   */
  public static SlaDriver perTest(PolicyBook policies, PunctuationSettings settings) {
    return new SlaDriver(policies, settings, TestRecords.orgChart());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
    open();
    orgUnits(initialUnits);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /**
   * Closes this test's driver and opens a fresh one (empty stores, the initial org units) with
   * other punctuation settings.
   *
   * @param other punctuation settings for the rest of the test
   */
  public void reopen(PunctuationSettings other) {
    close();
    settings = other;
    beforeEach(null);
  }

  private void reset() {
    restore.clear();
    changelogs.clear();
    units.clear();
    pendingAlerts.clear();
    pendingKpis.clear();
  }

  private void open() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, tempDir());
    p.put(StreamClock.CONFIG, streamClock);
    Map<String, Map<Bytes, byte[]>> copies = new LinkedHashMap<>();
    for (String store : STORES) {
      copies.put(
          store, new LinkedHashMap<>(restore.computeIfAbsent(store, n -> new LinkedHashMap<>())));
    }
    driver =
        new TopologyTestDriver(
            SlaTopology.build(
                SlaTopics.DEFAULT,
                serdes,
                policies,
                settings,
                name ->
                    copies.containsKey(name)
                        ? restoredInMemory(name, copies.get(name))
                        : Stores.inMemoryKeyValueStore(name)),
            p);
    events =
        driver.createInputTopic(
            SlaTopics.DEFAULT.caseEvents(), new ByteArraySerializer(), new ByteArraySerializer());
    orgUnits =
        driver.createInputTopic(
            SlaTopics.DEFAULT.orgUnits(), new StringSerializer(), serdes.orgUnits().serializer());
    alerts =
        driver.createOutputTopic(
            SlaTopics.DEFAULT.caseAlerts(),
            new StringDeserializer(),
            new PlainAvroSerde<>(CaseAlert.class).deserializer());
    rejected =
        driver.createOutputTopic(
            SlaTopics.DEFAULT.rejected(),
            new StringDeserializer(),
            new PlainAvroSerde<>(RejectedEvent.class).deserializer());
    kpis =
        driver.createOutputTopic(
            SlaTopics.DEFAULT.unitKpis(),
            new StringDeserializer(),
            new PlainAvroSerde<>(UnitKpi.class).deserializer());
    kpiFacts =
        driver.createOutputTopic(
            APP_ID + "-" + SlaTopology.KPI_FACTS_REPARTITION + "-repartition",
            new StringDeserializer(),
            new PlainAvroSerde<>(vn.onestop.sla.state.KpiFactRecord.class).deserializer());
    for (String store : STORES) {
      changelogs.put(
          store,
          driver.createOutputTopic(
              APP_ID + "-" + store + "-changelog",
              new BytesDeserializer(),
              new ByteArrayDeserializer()));
    }
    for (OrgUnit u : units) {
      orgUnits.pipeInput(u.getUnitId(), u);
    }
  }

  /**
   * @return a new temporary state directory
   */
  public static String tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("sla-ttd").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes the org units to the global store (and again after each restart). */
  public void orgUnits(List<OrgUnit> list) {
    for (OrgUnit u : list) {
      units.add(u);
      orgUnits.pipeInput(u.getUnitId(), u);
    }
  }

  /**
   * Writes one org-units record under the given key (e.g. {@code OrgUnitKeys.key(unit)}); not
   * replayed by {@link #restart()}.
   */
  public void orgUnitRecord(String key, OrgUnit unit) {
    orgUnits.pipeInput(key, unit);
  }

  /** Pipes an event keyed by its case id, timestamped with its occurred-at. */
  public void pipe(CaseEvent e) {
    pipeRaw(e.getCaseId(), eventSerde.serializer().serialize("case-events", e), e.getOccurredAt());
  }

  /** Pipes raw bytes. */
  public void pipeRaw(String key, byte[] value, Instant timestamp) {
    events.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, timestamp);
  }

  /**
   * @return alerts emitted since the last call, in emission order
   */
  public List<CaseAlert> readAlerts() {
    List<CaseAlert> out = new ArrayList<>(pendingAlerts);
    pendingAlerts.clear();
    out.addAll(alerts.readValuesToList());
    return out;
  }

  /**
   * @return unit-kpis records (key {@code unitId|YYYY-MM}, value) emitted since the last call, in
   *     order
   */
  public List<KeyValue<String, UnitKpi>> readKpis() {
    List<KeyValue<String, UnitKpi>> out = new ArrayList<>(pendingKpis);
    pendingKpis.clear();
    out.addAll(kpis.readKeyValuesToList());
    return out;
  }

  /**
   * @return the KPI facts the case task sent to the facts repartition topic since the last call, in
   *     order (not kept across {@link #restart()})
   */
  public List<vn.onestop.sla.kpi.KpiFact> readKpiFacts() {
    return kpiFacts.readValuesToList().stream().map(KpiFactAvro::fromAvro).toList();
  }

  /**
   * @return rejected events emitted since the last call
   */
  public List<RejectedEvent> readRejected() {
    return rejected.readValuesToList();
  }

  /**
   * @return rejected records (key and value) emitted since the last call
   */
  public List<KeyValue<String, RejectedEvent>> readRejectedRecords() {
    return rejected.readKeyValuesToList();
  }

  /**
   * @return plain-Avro serdes for every topic and store
   */
  public static SlaSerdes plainSerdes() {
    return PlainAvroSerde.slaSerdes();
  }

  /**
   * @param caseId case id
   * @return its stored state, or null
   */
  public CaseState caseState(String caseId) {
    return caseStore().get(caseId);
  }

  /**
   * @return an effective-dated org directory over the driver's global org-unit store (the engine's
   *     own {@link GlobalStoreOrgDirectory})
   */
  public vn.onestop.sla.escalation.OrgDirectory org() {
    KeyValueStore<String, OrgUnit> store = driver.getKeyValueStore(SlaTopology.ORG_UNITS_STORE);
    return new GlobalStoreOrgDirectory(store);
  }

  /**
   * @return the case store
   */
  public KeyValueStore<String, CaseState> caseStore() {
    return driver.getKeyValueStore(SlaTopology.CASE_STORE);
  }

  /**
   * @return the topics the driver has written to so far (changelogs included)
   */
  public java.util.Set<String> producedTopics() {
    return driver.producedTopicNames();
  }

  /**
   * @return the deadline index entries in key order
   */
  public List<vn.onestop.sla.index.DeadlineIndexKey> indexEntries() {
    KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(SlaTopology.DEADLINE_INDEX_STORE);
    List<vn.onestop.sla.index.DeadlineIndexKey> out = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      it.forEachRemaining(
          kv -> out.add(vn.onestop.sla.index.DeadlineIndexKey.decode(kv.key.get())));
    }
    return out;
  }

  /**
   * @return where the processor reports its stream time (as the engine hands it over)
   */
  public StreamClock streamClock() {
    return streamClock;
  }

  /**
   * Simulates a restart: closes this driver and opens a new one whose stores are restored from the
   * old driver's changelog output (written beneath the logging layer, before the processor's {@code
   * init()}, as Kafka Streams restores), with stream time and punctuation schedule afresh.
   */
  public void restart() {
    pendingAlerts.addAll(alerts.readValuesToList());
    pendingKpis.addAll(kpis.readKeyValuesToList());
    drainChangelogs();
    driver.close();
    open();
  }

  private void drainChangelogs() {
    for (Map.Entry<String, TestOutputTopic<Bytes, byte[]>> log : changelogs.entrySet()) {
      for (TestRecord<Bytes, byte[]> r : log.getValue().readRecordsToList()) {
        apply(restore.get(log.getKey()), r);
      }
    }
  }

  private static void apply(Map<Bytes, byte[]> restore, TestRecord<Bytes, byte[]> r) {
    if (r.value() == null) {
      restore.remove(r.key());
    } else {
      restore.put(r.key(), r.value());
    }
  }

  /** An in-memory store that, once initialised, holds {@code restore} (a restored changelog). */
  private static KeyValueBytesStoreSupplier restoredInMemory(
      String name, Map<Bytes, byte[]> restore) {
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      @SuppressWarnings("unchecked")
      public KeyValueStore<Bytes, byte[]> get() {
        KeyValueStore<Bytes, byte[]> inner = Stores.inMemoryKeyValueStore(name).get();
        return (KeyValueStore<Bytes, byte[]>)
            Proxy.newProxyInstance(
                KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(inner, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (method.getName().equals("init")) {
                    restore.forEach(inner::put);
                  }
                  return result;
                });
      }

      @Override
      public String metricsScope() {
        return "in-memory";
      }
    };
  }

  @Override
  public void close() {
    if (driver != null) {
      driver.close();
      driver = null;
    }
  }
}
