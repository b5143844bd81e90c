package vn.onestop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import vn.onestop.intake.kafka.ProducerSettings;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.schema.serde.SpecificAvroSerde;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.TopicSetup;

/** Helpers to set up and watch an SLA engine run: topics, org units, state transitions. */
final class EngineRun {
  private EngineRun() {}

  private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+");

  /**
   * @return CPU time (ns) used so far by this JVM's Kafka Streams stream threads (named {@code
   *     <client id>-StreamThread-<n>}); threads that ended are not counted
   */
  static long streamThreadsCpuNs() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      // not the global thread nor the producers' network threads ("...-StreamThread-1-producer")
      if (t != null && STREAM_THREAD.matcher(t.getThreadName()).matches()) {
        long ns = mx.getThreadCpuTime(t.getThreadId());
        sum += Math.max(0, ns);
      }
    }
    return sum;
  }

  /** Creates the engine's topics (one replica) and publishes the benchmark org units. */
  static void prepare(
      String bootstrap, SchemaRegistryClient registry, SlaTopics topics, int partitions) {
    prepare(bootstrap, registry, topics, partitions, (short) 1);
  }

  /**
   * Creates the engine's topics with {@code replication} replicas (3 on the three-node cluster) and
   * publishes the benchmark org units.
   */
  static void prepare(
      String bootstrap,
      SchemaRegistryClient registry,
      SlaTopics topics,
      int partitions,
      short replication) {
    try (Admin admin = Clients.admin(bootstrap)) {
      TopicSetup.createAll(admin, topics, partitions, replication);
    }
    try (KafkaProducer<String, OrgUnit> p =
        new KafkaProducer<>(
            ProducerSettings.defaults(bootstrap, "bench-org").toProperties(),
            new StringSerializer(),
            new SpecificAvroSerde<>(registry, OrgUnit.class, true).serializer())) {
      for (OrgUnit u : Workload.units()) {
        p.send(new ProducerRecord<>(topics.orgUnits(), u.getUnitId(), u));
      }
      p.flush();
    }
  }

  /** Counts transitions into REBALANCING after the first RUNNING (a rebalance during the run). */
  static final class Rebalances implements KafkaStreams.StateListener {
    private final AtomicInteger rebalances = new AtomicInteger();
    private volatile boolean wasRunning;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    @Override
    public void onChange(KafkaStreams.State now, KafkaStreams.State before) {
      state = now;
      if (now == KafkaStreams.State.RUNNING) {
        wasRunning = true;
      } else if (now == KafkaStreams.State.REBALANCING && wasRunning) {
        rebalances.incrementAndGet();
      }
    }

    int count() {
      return rebalances.get();
    }

    KafkaStreams.State state() {
      return state;
    }
  }

  /**
   * Installs a listener (replacing the engine's logging one; must be before start).
   *
   * @return the counter
   */
  static Rebalances watch(SlaEngine engine) {
    Rebalances r = new Rebalances();
    engine.streams().setStateListener(r);
    return r;
  }

  /** Waits until the engine is RUNNING. */
  static void awaitRunning(Rebalances r, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (r.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "engine not RUNNING after " + limit + " (state " + r.state() + ")");
      }
      sleep(50);
    }
  }

  /** Waits until the group committed every record of the topic, returns System.nanoTime() then. */
  static long awaitCaughtUp(
      Admin admin, String group, String topic, int partitions, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      long lag = Clients.lag(admin, group, topic, partitions);
      long now = System.nanoTime();
      if (lag <= 0) {
        return now;
      }
      if (now > end) {
        throw new IllegalStateException(
            "engine still " + lag + " records behind on " + topic + " after " + limit);
      }
      sleep(50);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
