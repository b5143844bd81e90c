package vn.onestop.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.onestop.infra.ChildJvmProcess;
import vn.onestop.infra.KafkaStack;

/**
 * One {@code onestop engine} instance in a child JVM of its own (started with infra's {@link
 * ChildJvmProcess}, so it never outlives the test JVM), with its own state directory and HTTP port
 * (its {@code application.server}); it can be killed with SIGKILL, paused with SIGSTOP and started
 * again on the same state directory, port and arguments.
 */
final class EngineInstanceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final List<String> args;
  private final Path log;
  private final int port;
  private ChildJvmProcess process;

  private EngineInstanceProcess(String name, List<String> args, Path log, int port) {
    this.name = name;
    this.args = args;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts an instance (does not wait; see {@link #awaitRunning}).
   *
   * @param name e.g. {@code engine-1}
   * @param stack the cluster and registry
   * @param work directory for the instance's state dir and log
   * @param instances planned instance count
   * @param standbys num.standby.replicas
   * @param policies SLA policy file
   * @param streamsProperties further Kafka Streams properties, {@code key=value}
   */
  static EngineInstanceProcess start(
      String name,
      KafkaStack stack,
      Path work,
      int instances,
      int standbys,
      Path policies,
      List<String> streamsProperties)
      throws IOException {
    int port = freePort();
    Path state = Files.createDirectories(work.resolve(name + "-state"));
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "engine",
            "--bootstrap-servers",
            stack.bootstrapServers(),
            "--schema-registry-url",
            stack.schemaRegistryUrl(),
            "--partitions",
            "6",
            "--replication-factor",
            "3",
            "--http-port",
            Integer.toString(port),
            "--state-dir",
            state.toString(),
            "--instances",
            Integer.toString(instances),
            "--standby-replicas",
            Integer.toString(standbys),
            "--policies",
            policies.toString()));
    for (String p : streamsProperties) {
      args.add("--streams-property");
      args.add(p);
    }
    EngineInstanceProcess e =
        new EngineInstanceProcess(name, List.copyOf(args), work.resolve(name + ".log"), port);
    e.launch();
    return e;
  }

  private void launch() {
    process =
        ChildJvmProcess.builder("SLA engine " + name)
            .maxHeap("384m")
            .jvmOption("-XX:+UseSerialGC")
            .jvmOption("-Dfile.encoding=UTF-8")
            .mainClass(Main.class.getName(), null)
            .arguments(args)
            .environment(InternalKey.ENV, EngineFailoverFaults.INTERNAL_KEY)
            .logFile(log, true)
            .start();
  }

  /** Waits until {@code /health/ready} answers 200 (Kafka Streams RUNNING). */
  void awaitRunning(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited (" + process.exitValue() + "):\n" + process.logTail());
      }
      if (get("/health/ready") == 200) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        name + " not ready within " + limit + ":\n" + process.logTail());
  }

  /**
   * @return the HTTP status of GET {@code path} on the instance, or -1 if it does not answer
   */
  int get(String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url() + path))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * @return {@code http://127.0.0.1:<port>}
   */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no clean close of the stores or the transaction. */
  void kill() {
    process.kill();
  }

  void pause() {
    process.pause();
  }

  void resume() {
    process.resume();
  }

  /** Starts the instance again on its state directory, port and arguments. */
  void restart() {
    if (process.isAlive()) {
      process.stop();
    }
    launch();
  }

  String logTail() {
    return process.logTail();
  }

  /** Kills the instance (the test is over; its state directory is the test's to delete). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.kill();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
