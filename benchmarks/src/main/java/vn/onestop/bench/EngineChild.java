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
 * <p>Arguments: bootstrap servers, registry URL, application id, state directory, topic prefix.
 */
public final class EngineChild {
  private EngineChild() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println(
          "usage: EngineChild <bootstrap> <registry-url> <application-id> <state-dir> <topic-prefix>");
      System.exit(2);
    }
    SlaEngineConfig config =
        SlaEngineConfig.builder(args[0], args[1])
            .applicationId(args[2])
            .stateDir(Path.of(args[3]))
            .topics(SlaTopics.DEFAULT.withPrefix(args[4]))
            .build();
    SlaEngine engine = new SlaEngine(config, PolicyBook.defaults());
    EngineRun.Rebalances rebalances = EngineRun.watch(engine);
    engine.start();
    long pid = ProcessHandle.current().pid();
    Thread status =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                System.out.println(status(engine, rebalances, pid));
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
    System.out.println(status(engine, rebalances, pid));
    status.interrupt();
    engine.close(Duration.ofSeconds(60));
    System.out.println("STOPPED " + status(engine, rebalances, pid));
    System.exit(0);
  }

  private static String status(SlaEngine engine, EngineRun.Rebalances rebalances, long pid) {
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
        "STATUS state=%s rebalances=%d punctMaxMs=%.3f punctTotal=%.0f heapUsed=%d rss=%d hwm=%d",
        rebalances.state(),
        rebalances.count(),
        punctMax,
        punctTotal,
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
        Machine.procStatusBytes(pid, "VmRSS"),
        Machine.procStatusBytes(pid, "VmHWM"));
  }
}
