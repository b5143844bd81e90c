package vn.onestop.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.SlaTopics;

/**
 * The SLA engine alone in a JVM (items 4 and 6: started by the driver with {@code -Xmx512m}), with
 * the engine's default settings. Every 250 ms it prints a line {@code STATUS state=.. rebalances=..
 * punctMaxMs=.. punctTotal=.. heapUsed=.. rss=.. hwm=..} on stdout: the Kafka Streams thread
 * metrics {@code punctuate-latency-max} (ms, over the metrics window) and {@code punctuate-total},
 * the heap in use, and {@code VmRSS}/{@code VmHWM} of this process. Reads commands on stdin: {@code
 * GC} (full GC, then {@code GCDONE heapUsed=..}), {@code STOP} or end of input (closes the engine
 * and exits).
 *
 * <p>The STATUS line ends with {@code active=0,3}: the {@code case-events} partitions of this
 * instance's active tasks (empty while none are assigned), so the driver knows which partitions a
 * killed instance held.
 *
 * <p>Arguments: bootstrap servers, registry URL, application id, state directory, topic prefix,
 * then optionally Kafka Streams properties as {@code key=value} (e.g. {@code
 * num.standby.replicas=1}).
 */
public final class EngineChild {
  private EngineChild() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println(
          "usage: EngineChild <bootstrap> <registry-url> <application-id> <state-dir> <topic-prefix>"
              + " [streams-key=value ...]");
      System.exit(2);
    }
    SlaTopics topics = SlaTopics.DEFAULT.withPrefix(args[4]);
    SlaEngineConfig.Builder builder =
        SlaEngineConfig.builder(args[0], args[1])
            .applicationId(args[2])
            .stateDir(Path.of(args[3]))
            .topics(topics);
    for (int i = 5; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        System.err.println("a Kafka Streams property must be key=value, got '" + args[i] + "'");
        System.exit(2);
      }
      builder.override(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    SlaEngine engine = new SlaEngine(builder.build(), PolicyBook.defaults());
    String input = topics.caseEvents();
    EngineRun.Rebalances rebalances = EngineRun.watch(engine);
    engine.start();
    long pid = ProcessHandle.current().pid();
    watchParent();
    Thread status =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                System.out.println(status(engine, rebalances, pid, input));
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "status");
    status.setDaemon(true);
    status.start();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null && !line.equals("STOP")) {
        if (line.equals("GC")) {
          System.gc();
          System.out.println(
              "GCDONE heapUsed="
                  + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                  + " rss="
                  + Machine.procStatusBytes(pid, "VmRSS")
                  + " hwm="
                  + Machine.procStatusBytes(pid, "VmHWM"));
        }
      }
    }
    System.out.println(status(engine, rebalances, pid, input));
    status.interrupt();
    engine.close(Duration.ofSeconds(60));
    System.out.println("STOPPED " + status(engine, rebalances, pid, input));
    System.exit(0);
  }

  /**
   * Halts this JVM when the driver that started it is gone (killed with SIGKILL, or its shutdown
   * hooks did not reach this child): no engine outlives the benchmark.
   */
  private static void watchParent() {
    ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
    if (parent == null) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              while (parent.isAlive()) {
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
              Runtime.getRuntime().halt(3);
            },
            "parent-watch");
    t.setDaemon(true);
    t.start();
  }

  private static String status(
      SlaEngine engine, EngineRun.Rebalances rebalances, long pid, String input) {
    double punctMax = Double.NaN;
    double punctTotal = 0;
    for (Map.Entry<MetricName, ? extends Metric> e : engine.streams().metrics().entrySet()) {
      MetricName n = e.getKey();
      if (!n.group().equals("stream-thread-metrics")) {
        continue;
      }
      Object v = e.getValue().metricValue();
      if (!(v instanceof Double d) || d.isNaN()) {
        continue;
      }
      if (n.name().equals("punctuate-latency-max")) {
        punctMax = Double.isNaN(punctMax) ? d : Math.max(punctMax, d);
      } else if (n.name().equals("punctuate-total")) {
        punctTotal += d;
      }
    }
    return String.format(
        Locale.ROOT,
        "STATUS state=%s rebalances=%d punctMaxMs=%.3f punctTotal=%.0f heapUsed=%d rss=%d hwm=%d"
            + " active=%s",
        rebalances.state(),
        rebalances.count(),
        punctMax,
        punctTotal,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
        Machine.procStatusBytes(pid, "VmRSS"),
        Machine.procStatusBytes(pid, "VmHWM"),
        activePartitions(engine, input));
  }

  /** The input partitions of this instance's active tasks, comma-separated and sorted. */
  private static String activePartitions(SlaEngine engine, String input) {
    try {
      java.util.TreeSet<Integer> parts = new java.util.TreeSet<>();
      for (var thread : engine.streams().metadataForLocalThreads()) {
        for (var task : thread.activeTasks()) {
          for (var tp : task.topicPartitions()) {
            if (tp.topic().equals(input)) {
              parts.add(tp.partition());
            }
          }
        }
      }
      return parts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    } catch (RuntimeException e) {
      return ""; // not started yet, or closing
    }
  }
}
