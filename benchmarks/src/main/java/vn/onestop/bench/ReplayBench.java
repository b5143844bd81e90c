package vn.onestop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import vn.onestop.infra.KafkaStack;
import vn.onestop.schema.OrgUnit;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaSerdes;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.SlaTopology;

/**
 * Item 5: offline replay of a recorded {@code case-events} topic (the one item 4 wrote: n
 * submissions and the ticks of the storm) through the engine's own topology ({@link
 * SlaTopology#build}, RocksDB stores, registry serdes, default punctuation) in a {@link
 * TopologyTestDriver}: no broker writes, the way an audit replay re-derives alerts. The records are
 * read from the broker ({@code read_committed}, raw bytes, as recorded) and piped in; derived
 * outputs are drained as they come.
 *
 * <p>The consumers module's {@code onestop audit replay} did not exist when this was written; this
 * measures the engine's processor over recorded events in-process, which is the cost such a replay
 * cannot avoid.
 */
final class ReplayBench {
  /** The size the replay target is stated for: the log of 10^6 cases. */
  static final long TARGET_CASES = 1_000_000;

  private ReplayBench() {}

  /**
   * Events the TopologyTestDriver variant replays (it commits and flushes RocksDB after every
   * record).
   */
  static final int TTD_EVENTS = 20_000;

  static void run(
      KafkaStack stack,
      SlaSerdes serdes,
      SlaTopics recorded,
      int partitions,
      int recordedCases,
      Path workDir,
      Report report)
      throws IOException {
    offlineReplay(stack, serdes, recorded, partitions, recordedCases, report);
    processorReplay(stack, serdes, recorded, partitions, workDir, report);
    ttdReplay(stack, serdes, recorded, partitions, workDir, report);
  }

  private static KafkaConsumer<byte[], byte[]> rawConsumer(KafkaStack stack) {
    Properties cprops = new Properties();
    cprops.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    cprops.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    cprops.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    cprops.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    cprops.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    cprops.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    return new KafkaConsumer<>(cprops, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** One stream task of the replay: a partition's processor, its stores and its stream time. */
  private static final class Task implements AutoCloseable {
    final ProcessorHarness harness;
    final org.apache.kafka.streams.processor.api.Processor<
            byte[], byte[], String, org.apache.avro.specific.SpecificRecord>
        processor;
    final org.apache.kafka.streams.processor.Punctuator punctuator;
    long streamTime = -1;
    long nextPunctuation; // STREAM_TIME schedules are aligned to 0: the first record punctuates
    long punctuations;

    Task(SlaSerdes serdes, Path dir) {
      harness = new ProcessorHarness(serdes, PolicyBook.defaults(), dir);
      processor = harness.newProcessor();
      punctuator = harness.lastPunctuator();
    }

    @Override
    public void close() {
      processor.close();
      harness.close();
    }
  }

  /**
   * The offline replay engine ({@link OfflineReplay}, what {@code onestop audit replay} and the KPI
   * reconciliation run): the recorded raw records are read from the broker into memory first, then
   * replayed in one bulk pass on this thread (one in-memory engine task per partition, KPI facts
   * and the KPI aggregator on, as live). The engine figure excludes the broker read.
   */
  private static void offlineReplay(
      KafkaStack stack,
      SlaSerdes serdes,
      SlaTopics topics,
      int partitions,
      int recordedCases,
      Report report) {
    java.util.Map<Integer, java.util.List<OfflineReplay.LogRecord>> log = new java.util.TreeMap<>();
    long r0 = System.nanoTime();
    long events = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(stack)) {
      var tps = Clients.partitions(topics.caseEvents(), partitions);
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      var end = consumer.endOffsets(tps);
      int idle = 0;
      while (idle < 20 && !caughtUp(consumer, end)) {
        ConsumerRecords<byte[], byte[]> rs = consumer.poll(Duration.ofMillis(200));
        if (rs.isEmpty()) {
          idle++;
          continue;
        }
        idle = 0;
        for (ConsumerRecord<byte[], byte[]> r : rs) {
          log.computeIfAbsent(r.partition(), p -> new java.util.ArrayList<>())
              .add(
                  new OfflineReplay.LogRecord(
                      r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers()));
          events++;
        }
      }
    }
    long r1 = System.nanoTime();
    long[] alerts = {0};
    OfflineReplay replay =
        new OfflineReplay(
            PolicyBook.defaults(),
            vn.onestop.sla.calendar.CalendarBook.standard(),
            PunctuationSettings.DEFAULT,
            partitions,
            topics.caseEvents(),
            serdes.caseEvents(),
            true,
            new OfflineReplay.Listener() {});
    for (OrgUnit u : Workload.units()) {
      replay.orgRecord(u.getUnitId(), u);
    }
    long t0 = System.nanoTime();
    replay.acceptAll(log);
    long t1 = System.nanoTime();
    alerts[0] = replay.alerts();
    double rate = events / ((t1 - t0) / 1e9);
    report.target(
        "5",
        String.format(
            Locale.ROOT,
            "offline replay (OfflineReplay, audit replay's engine) of %,d recorded events, one"
                + " thread, records in memory",
            events),
        Report.perSecond(rate),
        "≥ 1,000,000 events/s",
        rate >= 1_000_000,
        recordedCases,
        TARGET_CASES);
    report.figure(
        "5",
        "offline replay: read from the broker + replay",
        Report.perSecond(events / ((t1 - t0 + r1 - r0) / 1e9)));
    report.figure(
        "5",
        "offline replay: alerts derived / punctuations",
        String.format(Locale.ROOT, "%,d / %,d", alerts[0], replay.punctuations()));
  }

  /**
   * The engine's processor over the recorded events, in this thread, one task (processor + RocksDB
   * stores + stream time) per partition as Kafka Streams assigns them: each record is processed,
   * then the task's STREAM_TIME punctuator runs as Kafka Streams runs it (aligned to multiples of
   * the interval, given the current stream time), without Kafka Streams' commit machinery.
   */
  private static void processorReplay(
      KafkaStack stack,
      SlaSerdes serdes,
      SlaTopics topics,
      int partitions,
      Path workDir,
      Report report)
      throws IOException {
    Path dir = Files.createTempDirectory(workDir, "replay-processor-");
    long interval = PunctuationSettings.DEFAULT.interval().toMillis();
    long events = 0;
    long alerts = 0;
    long processNs = 0;
    long t0;
    long t1;
    java.util.List<Task> tasks = new java.util.ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer(stack)) {
      for (int p = 0; p < partitions; p++) {
        tasks.add(new Task(serdes, Files.createDirectory(dir.resolve("task-" + p))));
      }
      var tps = Clients.partitions(topics.caseEvents(), partitions);
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      var end = consumer.endOffsets(tps);
      t0 = System.nanoTime();
      int idle = 0;
      while (idle < 20 && !caughtUp(consumer, end)) {
        ConsumerRecords<byte[], byte[]> rs = consumer.poll(Duration.ofMillis(200));
        if (rs.isEmpty()) {
          idle++;
          continue;
        }
        idle = 0;
        long s = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : rs) {
          Task t = tasks.get(r.partition());
          t.streamTime = Math.max(t.streamTime, r.timestamp());
          t.harness.ctx.setRecordMetadata(r.topic(), r.partition(), r.offset());
          t.harness.ctx.setCurrentStreamTimeMs(t.streamTime);
          t.processor.process(
              new org.apache.kafka.streams.processor.api.Record<>(
                  r.key(), r.value(), r.timestamp(), r.headers()));
          if (t.streamTime >= t.nextPunctuation) {
            t.punctuator.punctuate(t.streamTime);
            t.punctuations++;
            t.nextPunctuation = (t.streamTime / interval + 1) * interval;
          }
        }
        events += rs.count();
        for (Task t : tasks) {
          for (var f : t.harness.ctx.forwarded()) {
            if (f.record().value() instanceof vn.onestop.schema.CaseAlert) {
              alerts++;
            }
          }
          t.harness.ctx.resetForwards();
        }
        processNs += System.nanoTime() - s;
      }
      t1 = System.nanoTime();
    } finally {
      tasks.forEach(Task::close);
      IndexBench.deleteTree(dir);
    }
    long punctuations = tasks.stream().mapToLong(t -> t.punctuations).sum();
    double rate = events / ((t1 - t0) / 1e9);
    report.figure(
        "5",
        String.format(
            Locale.ROOT,
            "for comparison: replay of %,d recorded events, read from the broker + the engine's"
                + " processor on RocksDB stores",
            events),
        Report.perSecond(rate));
    report.figure(
        "5",
        "of which the processor alone (process + punctuate)",
        Report.perSecond(events / (processNs / 1e9)));
    report.figure(
        "5",
        "alerts derived by the replay / punctuations",
        String.format(Locale.ROOT, "%,d / %,d", alerts, punctuations));
  }

  /**
   * The same through Kafka's TopologyTestDriver, over the first {@value #TTD_EVENTS} events only.
   */
  private static void ttdReplay(
      KafkaStack stack,
      SlaSerdes serdes,
      SlaTopics recorded,
      int partitions,
      Path workDir,
      Report report)
      throws IOException {
    Path stateDir = Files.createTempDirectory(workDir, "replay-state-");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-replay");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    SlaTopics topics = recorded;
    long events = 0;
    long alerts = 0;
    long processNs = 0;
    long t0;
    long t1;
    try (TopologyTestDriver driver =
            new TopologyTestDriver(
                SlaTopology.build(
                    topics, serdes, PolicyBook.defaults(), PunctuationSettings.DEFAULT),
                props);
        KafkaConsumer<byte[], byte[]> consumer = rawConsumer(stack)) {
      TestInputTopic<String, OrgUnit> org =
          driver.createInputTopic(
              topics.orgUnits(), new StringSerializer(), serdes.orgUnits().serializer());
      for (OrgUnit u : Workload.units()) {
        org.pipeInput(u.getUnitId(), u);
      }
      TestInputTopic<byte[], byte[]> in =
          driver.createInputTopic(
              topics.caseEvents(), new ByteArraySerializer(), new ByteArraySerializer());
      var tps = Clients.partitions(topics.caseEvents(), partitions);
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      var end = consumer.endOffsets(tps);
      t0 = System.nanoTime();
      int idle = 0;
      while (idle < 20 && events < TTD_EVENTS && !caughtUp(consumer, end)) {
        ConsumerRecords<byte[], byte[]> rs = consumer.poll(Duration.ofMillis(200));
        if (rs.isEmpty()) {
          idle++;
          continue;
        }
        idle = 0;
        long s = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : rs) {
          if (events++ >= TTD_EVENTS) {
            events--;
            break;
          }
          in.pipeInput(new TestRecord<>(r));
        }
        alerts += drain(driver, topics.caseAlerts());
        processNs += System.nanoTime() - s;
      }
      t1 = System.nanoTime();
    } finally {
      IndexBench.deleteTree(stateDir);
    }
    double rate = events / ((t1 - t0) / 1e9);
    report.figure(
        "5",
        String.format(
            Locale.ROOT,
            "for comparison: the first %,d events through the engine topology in TopologyTestDriver",
            events),
        Report.perSecond(rate));
    report.figure(
        "5",
        "of which inside TopologyTestDriver (pipeInput + draining outputs; %,d alerts)"
            .replace("%,d", Long.toString(alerts)),
        Report.perSecond(events / (processNs / 1e9)));
  }

  private static boolean caughtUp(
      KafkaConsumer<byte[], byte[]> c,
      java.util.Map<org.apache.kafka.common.TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Empties every output queue of the driver (alerts, rejected, changelogs); returns the alerts
   * drained.
   */
  private static long drain(TopologyTestDriver driver, String alertsTopic) {
    long alerts = 0;
    for (String t : List.copyOf(driver.producedTopicNames())) {
      var out =
          driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      long n = out.getQueueSize();
      if (n > 0) {
        out.readRecordsToList();
        if (t.equals(alertsTopic)) {
          alerts += n;
        }
      }
    }
    return alerts;
  }
}
