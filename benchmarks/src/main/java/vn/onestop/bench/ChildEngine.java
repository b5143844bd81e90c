package vn.onestop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver's handle on an {@link EngineChild} process: starts it with {@code -Xmx512m}, a GC log
 * and optionally JFR, follows its STATUS lines (keeping the maxima), sends commands, stops it, or
 * kills it with SIGKILL ({@link #kill()}). The process is always destroyed by {@link #close()}; it
 * also stops by itself when the driver dies (its stdin, read by the child, then ends).
 */
final class ChildEngine implements AutoCloseable {
  private static final Pattern STATUS =
      Pattern.compile(
          "state=(\\S+) rebalances=(\\d+) punctMaxMs=(\\S+) punctTotal=(\\d+) heapUsed=(\\d+) rss=(-?\\d+) hwm=(-?\\d+)");
  private static final Pattern ACTIVE = Pattern.compile(" active=(\\S*)");
  private static final Pattern GCDONE =
      Pattern.compile("GCDONE heapUsed=(\\d+) rss=(-?\\d+) hwm=(-?\\d+)");

  private final Process process;
  private final Writer commands;
  private final Path gcLog;
  private final Path jfr;
  private volatile String state = "CREATED";
  private volatile int rebalances;
  private volatile double punctMaxMs;
  private volatile long punctTotal;
  private volatile long heapUsedMax;
  private volatile long rss;
  private volatile long hwm;
  private volatile long[] gcDone;
  private volatile java.util.Set<Integer> active = java.util.Set.of();
  private final Object gcLock = new Object();
  // the driver ends (Ctrl-C, SIGTERM) before close(): the child goes with it
  private final Thread killAtExit = new Thread(this::destroyNow, "bench-child-kill-at-exit");

  ChildEngine(
      String bootstrap,
      String registryUrl,
      String appId,
      Path stateDir,
      String topicPrefix,
      Path workDir,
      boolean profile)
      throws IOException {
    this(
        bootstrap,
        registryUrl,
        appId,
        stateDir,
        topicPrefix,
        workDir,
        profile,
        "engine-child",
        List.of());
  }

  /**
   * @param name file name prefix of the child's logs in {@code workDir} ({@code <name>.log}, {@code
   *     .stderr}, {@code -gc.log}); distinct per instance when several run
   * @param streamsProperties Kafka Streams properties for the child, {@code key=value}
   */
  ChildEngine(
      String bootstrap,
      String registryUrl,
      String appId,
      Path stateDir,
      String topicPrefix,
      Path workDir,
      boolean profile,
      String name,
      List<String> streamsProperties)
      throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    gcLog = workDir.resolve(name + "-gc.log").toAbsolutePath();
    jfr = profile ? workDir.resolve("jfr").resolve("4-6-" + name + ".jfr").toAbsolutePath() : null;
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin,
                "-Xmx512m",
                "-Xlog:gc:file=" + gcLog + "::filecount=0",
                "-Dbench.log=" + workDir.resolve(name + ".log").toAbsolutePath(),
                "-Dfile.encoding=UTF-8"));
    if (jfr != null) {
      java.nio.file.Files.createDirectories(jfr.getParent());
      cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            EngineChild.class.getName(),
            bootstrap,
            registryUrl,
            appId,
            stateDir.toString(),
            topicPrefix));
    cmd.addAll(streamsProperties);
    process =
        new ProcessBuilder(cmd).redirectError(workDir.resolve(name + ".stderr").toFile()).start();
    commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Runtime.getRuntime().addShutdownHook(killAtExit);
    Thread reader = new Thread(this::follow, "bench-child-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void follow() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        Matcher m = STATUS.matcher(line);
        if (m.find()) {
          state = m.group(1);
          rebalances = Integer.parseInt(m.group(2));
          double p = Double.parseDouble(m.group(3));
          if (!Double.isNaN(p)) {
            punctMaxMs = Math.max(punctMaxMs, p);
          }
          punctTotal = Long.parseLong(m.group(4));
          heapUsedMax = Math.max(heapUsedMax, Long.parseLong(m.group(5)));
          rss = Long.parseLong(m.group(6));
          hwm = Math.max(hwm, Long.parseLong(m.group(7)));
          Matcher a = ACTIVE.matcher(line);
          if (a.find()) {
            java.util.Set<Integer> parts = new java.util.TreeSet<>();
            for (String part : a.group(1).split(",")) {
              if (!part.isEmpty()) {
                parts.add(Integer.parseInt(part));
              }
            }
            active = java.util.Set.copyOf(parts);
          }
        }
        Matcher g = GCDONE.matcher(line);
        if (g.find()) {
          synchronized (gcLock) {
            gcDone =
                new long[] {
                  Long.parseLong(g.group(1)), Long.parseLong(g.group(2)), Long.parseLong(g.group(3))
                };
            gcLock.notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // process ended
    }
  }

  long pid() {
    return process.pid();
  }

  void awaitRunning(Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (!state.equals("RUNNING")) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "engine child exited with "
                + process.exitValue()
                + " before RUNNING (see engine-child.stderr/.log)");
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            "engine child not RUNNING after " + limit + " (state " + state + ")");
      }
      EngineRun.sleep(50);
    }
  }

  /** Asks for a full GC; returns {heap used after it, VmRSS, VmHWM} in bytes. */
  long[] fullGc() throws IOException, InterruptedException {
    synchronized (gcLock) {
      gcDone = null;
      send("GC");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (gcDone == null && System.nanoTime() < end) {
        gcLock.wait(1000);
      }
      if (gcDone == null) {
        throw new IllegalStateException("engine child did not answer GC");
      }
      return gcDone;
    }
  }

  private void send(String command) throws IOException {
    commands.write(command + "\n");
    commands.flush();
  }

  /**
   * @return the input partitions of the child's active tasks, as of its last STATUS line (250 ms)
   */
  java.util.Set<Integer> activePartitions() {
    return active;
  }

  /**
   * @return the Kafka Streams state of the child's last STATUS line
   */
  String state() {
    return state;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the child with SIGKILL (no shutdown hook, no clean close of stores or transaction) and
   * waits for it to exit.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("engine child " + process.pid() + " survived SIGKILL");
    }
  }

  int rebalances() {
    return rebalances;
  }

  double punctuationMaxMs() {
    return punctMaxMs;
  }

  long punctuations() {
    return punctTotal;
  }

  long heapUsedMaxSampled() {
    return heapUsedMax;
  }

  long hwm() {
    return hwm;
  }

  long rss() {
    return rss;
  }

  Path gcLog() {
    return gcLog;
  }

  Path jfr() {
    return jfr;
  }

  /** Resets the punctuation maximum (e.g. after the load phase). */
  void resetPunctuationMax() {
    punctMaxMs = 0;
  }

  private void destroyNow() {
    process.destroyForcibly();
  }

  /** Stops the engine (STOP), waits up to 90 s, then destroys the process. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(killAtExit);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook kills the child
    }
    try {
      send("STOP");
      commands.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
