package vn.onestop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.LocalKafkaStack;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.SlaTopics;

/**
 * Records the live engine writes per input event, by topic (changelogs, the KPI repartition topic,
 * alerts, unit KPIs): the engine as deployed (exactly_once_v2, RocksDB, registry serdes) on the
 * local broker, fed the pipeline's event mix ({@link EventStream}: half submissions due 2 s later,
 * half assignments).
 *
 * <p>Counted from the stream thread's producer ({@code producer-topic-metrics/record-send-total}
 * per topic, read before and after the measured events), so transaction markers are not counted and
 * purged repartition records are. The run: a warm-up of {@code n} events (the tasks and the month's
 * KPI keys exist), then {@code n} events, then one tick per partition 5 s of event time later so
 * that every alert of the measured cases fires, then wait until the input is committed. Figures
 * only, nothing asserted.
 *
 * <p>Run: {@code java -cp benchmarks/target/classes:benchmarks/target/dependency/*
 * vn.onestop.bench.WriteCount [n] [partitions]} (defaults 20 000 and 2) after {@code ./bench
 * --help} has built the classes.
 */
public final class WriteCount {
  private WriteCount() {}

  /**
   * @param args optional event count (default 20 000) and case-events partitions (default 2)
   * @throws Exception when the broker, registry or engine fails
   */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    try (LocalKafkaStack stack = LocalKafkaStack.start()) {
      SchemaRegistryClient registry = new SchemaRegistryClient(stack.schemaRegistryUrl());
      Map<String, Long> perTopic = run(stack, registry, partitions, n);
      System.out.println(format(perTopic, n));
    }
  }

  /**
   * Runs the engine over {@code n} measured events and returns what its producer wrote.
   *
   * @param stack broker and registry
   * @param registry registry client
   * @param partitions case-events partitions
   * @param n measured input events
   * @return topic (without the run's prefix or application id) → records written during the
   *     measured events
   * @throws Exception when the engine fails
   */
  static Map<String, Long> run(
      KafkaStack stack, SchemaRegistryClient registry, int partitions, int n) throws Exception {
    String run = Long.toString(System.nanoTime(), 36);
    SlaTopics topics = SlaTopics.DEFAULT.withPrefix("wc-" + run + "-");
    EngineRun.prepare(stack.bootstrapServers(), registry, topics, partitions);
    Path stateDir = Files.createTempDirectory("onestop-writecount-");
    String appId = "bench-writecount-" + run;
    SlaEngineConfig config =
        SlaEngineConfig.builder(stack.bootstrapServers(), stack.schemaRegistryUrl())
            .applicationId(appId)
            .stateDir(stateDir)
            .topics(topics)
            .build();
    try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults());
        Admin admin = Clients.admin(stack.bootstrapServers())) {
      EngineRun.Rebalances rebalances = EngineRun.watch(engine);
      engine.start();
      EngineRun.awaitRunning(rebalances, Duration.ofSeconds(60));
      KafkaProducer<String, CaseEvent> producer =
          Clients.caseEventProducer(stack.bootstrapServers(), registry, "bench-writecount");
      try (CaseEventPublisher publisher =
          new CaseEventPublisher(producer, 60_000, topics.caseEvents())) {
        SendErrors cb = new SendErrors();
        long spacingMicros = 100;
        Instant base = Instant.now().minus(Duration.ofDays(1));
        EventStream warm = new EventStream("warm-", Duration.ofSeconds(2));
        for (int i = 0; i < n; i++) {
          publisher.send(warm.event(i, base.plusNanos(i * spacingMicros * 1000)), null, cb);
        }
        Instant warmEnd = base.plusNanos(n * spacingMicros * 1000).plusSeconds(5);
        for (int p = 0; p < partitions; p++) {
          publisher.send(Workload.tick(p, warmEnd), p, cb);
        }
        publisher.flush();
        EngineRun.awaitCaughtUp(
            admin, appId, topics.caseEvents(), partitions, Duration.ofMinutes(5));
        Map<String, Long> before = sent(engine);

        EventStream stream = new EventStream("thr-", Duration.ofSeconds(2));
        Instant thrBase = warmEnd.plusSeconds(1);
        for (long i = 0; i < n; i++) {
          publisher.send(stream.event(i, thrBase.plusNanos(i * spacingMicros * 1000)), null, cb);
        }
        Instant end = thrBase.plusNanos(n * spacingMicros * 1000).plusSeconds(5);
        for (int p = 0; p < partitions; p++) {
          publisher.send(Workload.tick(p, end), p, cb);
        }
        publisher.flush();
        EngineRun.awaitCaughtUp(
            admin, appId, topics.caseEvents(), partitions, Duration.ofMinutes(10));
        cb.check("write-count producer");
        Map<String, Long> after = sent(engine);
        Map<String, Long> delta = new TreeMap<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
          long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
          if (d > 0) {
            delta.put(shortName(e.getKey(), appId, "wc-" + run + "-"), d);
          }
        }
        return delta;
      }
    } finally {
      IndexBench.deleteTree(stateDir);
    }
  }

  /** Topic → records sent so far by the engine's producers (summed over clients). */
  static Map<String, Long> sent(SlaEngine engine) {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> e : engine.streams().metrics().entrySet()) {
      MetricName m = e.getKey();
      if (m.group().equals("producer-topic-metrics") && m.name().equals("record-send-total")) {
        Object v = e.getValue().metricValue();
        if (v instanceof Number num) {
          out.merge(m.tags().get("topic"), (long) num.doubleValue(), Long::sum);
        }
      }
    }
    return out;
  }

  static String shortName(String topic, String appId, String prefix) {
    if (topic.startsWith(appId + "-")) {
      return topic.substring(appId.length() + 1);
    }
    return topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
  }

  /**
   * @param perTopic topic → records written
   * @param n input events
   * @return one line per topic with records per input event, then the total
   */
  static String format(Map<String, Long> perTopic, int n) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "records written per input event (%,d events)%n", n));
    long total = 0;
    for (Map.Entry<String, Long> e : perTopic.entrySet()) {
      total += e.getValue();
      b.append(
          String.format(
              Locale.ROOT,
              "  %-40s %10d  %6.3f%n",
              e.getKey(),
              e.getValue(),
              e.getValue() / (double) n));
    }
    b.append(
        String.format(Locale.ROOT, "  %-40s %10d  %6.3f%n", "total", total, total / (double) n));
    return b.toString();
  }
}
