package vn.onestop.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka 4.4 cluster of several KRaft nodes (default three), each a combined broker + controller
 * in a child JVM of its own ({@link ChildJvmProcess}: never outlives this JVM), bound to 127.0.0.1,
 * with its data in {@code <dir>/broker-<id>/} of one pid-stamped temporary directory ({@link
 * ProcessTempFiles}; deleted by {@link #close()}, swept after a SIGKILL of this JVM).
 *
 * <p>Durability settings, for every topic the product creates and the internal ones: {@code
 * default.replication.factor=3} (so Kafka Streams' changelog and repartition topics, created with
 * the broker default, get 3 replicas), {@code min.insync.replicas=2} (an {@code acks=all} write is
 * acknowledged by at least two brokers, so losing any one broker loses no acknowledged record),
 * offsets and transaction state with 3 replicas and min ISR 2, no unclean leader election. With
 * fewer brokers than three the factors shrink to the broker count and min ISR to {@code max(1,
 * brokers - 1)}.
 *
 * <p>Faults: {@link Broker#kill()} (SIGKILL), {@link Broker#stop()} (clean), {@link
 * Broker#restart()} (same node id, ports and data), {@link Broker#pause()}/{@link Broker#resume()}
 * (SIGSTOP/SIGCONT). The controller quorum is static ({@code controller.quorum.voters}): a majority
 * of the nodes must run for metadata changes (topic creation, leader election).
 *
 * <p>Measured on a 2-core machine (Java 17, -Xmx256m each): the three nodes are ready in about 6-10
 * s, a restarted node in 3-5 s; about 300 MB RSS per node.
 */
public final class KafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

  private final Builder settings;
  private final Path directory;
  private final List<Broker> brokers = new ArrayList<>();
  private boolean closed;

  private KafkaCluster(Builder settings, Path directory) {
    this.settings = settings;
    this.directory = directory;
  }

  /**
   * Starts three brokers with default settings.
   *
   * @return the running cluster; close it when done
   * @throws InfraException if a node cannot be formatted or started, or the cluster does not report
   *     all nodes within the limit (the message quotes the failing node's log tail)
   */
  public static KafkaCluster start() {
    return builder().start();
  }

  /**
   * @return a builder for a cluster with non-default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a {@link KafkaCluster}; {@link #start()} runs one. */
  public static final class Builder {
    private int size = 3;
    private int defaultPartitions = 6;
    private String maxHeap = "256m";
    private Duration startTimeout = Duration.ofSeconds(120);
    private final Map<String, String> overrides = new HashMap<>();

    private Builder() {}

    /**
     * @param brokers number of nodes, 1 to 5 (default 3)
     * @return this builder
     */
    public Builder brokers(int brokers) {
      if (brokers < 1 || brokers > 5) {
        throw new IllegalArgumentException("brokers must be 1..5, got " + brokers);
      }
      this.size = brokers;
      return this;
    }

    /**
     * @param partitions {@code num.partitions} of topics created without a count (default 6)
     * @return this builder
     */
    public Builder defaultPartitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("defaultPartitions must be >= 1, got " + partitions);
      }
      this.defaultPartitions = partitions;
      return this;
    }

    /**
     * @param value {@code -Xmx} of each node, e.g. {@code 256m} (default)
     * @return this builder
     */
    public Builder maxHeap(String value) {
      this.maxHeap = value;
      return this;
    }

    /**
     * @param timeout how long a start or restart waits for the cluster (default 120 s)
     * @return this builder
     */
    public Builder startTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, got " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    /**
     * @param key a broker configuration key
     * @param value its value; overrides this class's defaults (not listeners, node id or dirs)
     * @return this builder
     */
    public Builder brokerProperty(String key, String value) {
      overrides.put(key, value);
      return this;
    }

    /**
     * Formats the nodes' directories with one cluster id and starts them all.
     *
     * @return the running cluster
     * @throws InfraException as {@link KafkaCluster#start()}
     */
    public KafkaCluster start() {
      Path dir;
      try {
        dir = ProcessTempFiles.createDirectory("kafkacluster");
      } catch (IOException e) {
        throw new InfraException("cannot create a directory for the Kafka cluster: " + e, e);
      }
      KafkaCluster cluster = new KafkaCluster(this, dir);
      JvmExit.closeOnExit(cluster);
      try {
        cluster.firstStart();
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
      return cluster;
    }
  }

  /** One node of the cluster: a child JVM on fixed ports with its own data directory. */
  public final class Broker {
    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final Path home;
    private ChildJvmProcess process;

    private Broker(int nodeId, int port, int controllerPort, Path home) {
      this.nodeId = nodeId;
      this.port = port;
      this.controllerPort = controllerPort;
      this.home = home;
    }

    /**
     * @return the KRaft node id, 1 to the cluster size
     */
    public int nodeId() {
      return nodeId;
    }

    /**
     * @return {@code 127.0.0.1:<port>} of this node's client listener (the same across restarts)
     */
    public String address() {
      return "127.0.0.1:" + port;
    }

    /**
     * @return the node's directory ({@code server.properties}, {@code data/}, {@code metadata/},
     *     {@code broker.log})
     */
    public Path home() {
      return home;
    }

    /**
     * @return the process id of the node's JVM, or -1 when it is not running
     */
    public synchronized long pid() {
      return process == null || !process.isAlive() ? -1 : process.pid();
    }

    /**
     * @return true while the node's JVM runs (paused included)
     */
    public synchronized boolean isRunning() {
      return process != null && process.isAlive();
    }

    /**
     * Kills the node's JVM with SIGKILL: no clean shutdown, its data stays as the crash left it.
     */
    public synchronized void kill() {
      if (isRunning()) {
        process.kill();
        LOG.info("Kafka node {} ({}) killed with SIGKILL", nodeId, address());
      }
    }

    /** Stops the node cleanly (SIGTERM: controlled shutdown, leaders moved away). */
    public synchronized void stop() {
      if (isRunning()) {
        process.stop();
        LOG.info("Kafka node {} ({}) stopped", nodeId, address());
      }
    }

    /** Pauses the node's JVM with SIGSTOP. */
    public synchronized void pause() {
      process.pause();
    }

    /** Resumes a paused node with SIGCONT. */
    public synchronized void resume() {
      process.resume();
    }

    /**
     * Starts the node again (after {@link #kill()} or {@link #stop()}; a running one is stopped
     * first) on its ports and data, and waits until the cluster lists it again.
     *
     * @throws InfraException if it does not rejoin within the start limit
     */
    public void restart() {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("cluster is closed");
        }
        stop();
        launch();
      }
      awaitNodes(Set.of(nodeId));
    }

    private synchronized void launch() {
      process =
          ChildJvmProcess.builder("Kafka node " + nodeId)
              .maxHeap(settings.maxHeap)
              .jvmOption("-XX:+UseSerialGC")
              .jvmOption("-XX:TieredStopAtLevel=1")
              .jvmOption("-Dfile.encoding=UTF-8")
              .mainClass(KafkaClusterNode.class.getName(), null)
              .arguments(List.of(home.resolve("server.properties").toString()))
              .logFile(home.resolve("broker.log"), true)
              .start();
    }

    /** At close: SIGKILL, since the data is deleted anyway (a clean stop takes up to 10 s). */
    private synchronized void terminate() {
      if (process != null && process.isAlive()) {
        process.kill();
      }
    }

    @Override
    public String toString() {
      return "Kafka node " + nodeId + " " + address();
    }
  }

  private void firstStart() {
    long t0 = System.nanoTime();
    int n = settings.size;
    StringBuilder voters = new StringBuilder();
    for (int id = 1; id <= n; id++) {
      Broker b =
          new Broker(id, FreePorts.pick(), FreePorts.pick(), directory.resolve("broker-" + id));
      brokers.add(b);
      voters.append(voters.length() == 0 ? "" : ",");
      voters.append(id).append("@127.0.0.1:").append(b.controllerPort);
    }
    String clusterId = Uuid.randomUuid().toString();
    for (Broker b : brokers) {
      format(b, nodeConfig(b, voters.toString()), clusterId);
    }
    brokers.forEach(Broker::launch);
    awaitNodes(brokers.stream().map(Broker::nodeId).collect(Collectors.toSet()));
    LOG.info(
        "Kafka cluster of {} nodes ready on {} in {} ms (data {})",
        n,
        bootstrapServers(),
        (System.nanoTime() - t0) / 1_000_000,
        directory);
  }

  private Properties nodeConfig(Broker b, String voters) {
    int n = settings.size;
    String replicas = String.valueOf(Math.min(3, n));
    String minIsr = String.valueOf(Math.max(1, Math.min(3, n) - 1));
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(b.nodeId));
    p.put("controller.quorum.voters", voters);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + b.port + ",CONTROLLER://127.0.0.1:" + b.controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + b.port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("num.partitions", String.valueOf(settings.defaultPartitions));
    p.put("auto.create.topics.enable", "false");
    p.put("default.replication.factor", replicas);
    p.put("min.insync.replicas", minIsr);
    p.put("unclean.leader.election.enable", "false");
    p.put("offsets.topic.replication.factor", replicas);
    p.put("offsets.topic.num.partitions", "6");
    p.put("transaction.state.log.replication.factor", replicas);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "6");
    p.put("share.coordinator.state.topic.replication.factor", replicas);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("share.coordinator.state.topic.num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // A killed node is fenced (and dropped from the ISRs) after 6 s instead of 9 s.
    p.put("broker.heartbeat.interval.ms", "1000");
    p.put("broker.session.timeout.ms", "6000");
    // Small machine: fewer threads and a small log-cleaner buffer (default 128 MB of heap).
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.replica.fetchers", "1");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    p.putAll(settings.overrides);
    p.put("log.dirs", b.home.resolve("data").toString());
    p.put("metadata.log.dir", b.home.resolve("metadata").toString());
    return p;
  }

  private static void format(Broker b, Properties config, String clusterId) {
    Path file = b.home.resolve("server.properties");
    try {
      Files.createDirectories(b.home);
      try (OutputStream out = Files.newOutputStream(file)) {
        config.store(out, "onestop Kafka cluster node " + b.nodeId);
      }
    } catch (IOException e) {
      throw new InfraException("cannot write " + file, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {"format", "-t", clusterId, "-c", file.toString()}, print);
    } catch (Exception e) {
      throw new InfraException("cannot format " + b + ": " + e.getMessage(), e);
    }
    if (rc != 0) {
      throw new InfraException(
          "formatting "
              + b
              + " failed (exit "
              + rc
              + "): "
              + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** Waits until the cluster metadata lists every node of {@code wanted} and each one answers. */
  private void awaitNodes(Set<Integer> wanted) {
    long deadline = System.nanoTime() + settings.startTimeout.toNanos();
    Exception last = null;
    for (Broker b : brokers) {
      if (!wanted.contains(b.nodeId)) {
        continue;
      }
      try (Admin admin = admin(b.address())) {
        while (true) {
          if (!b.isRunning()) {
            throw new InfraException(
                b + " exited before it was ready; last log lines:\n" + b.process.logTail());
          }
          try {
            Set<Integer> nodes =
                admin
                    .describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                    .nodes()
                    .get(4, TimeUnit.SECONDS)
                    .stream()
                    .map(Node::id)
                    .collect(Collectors.toSet());
            if (nodes.containsAll(wanted)) {
              break;
            }
          } catch (ExecutionException | TimeoutException e) {
            last = e;
          }
          if (System.nanoTime() > deadline) {
            throw new InfraException(
                b
                    + " not ready within "
                    + settings.startTimeout.toSeconds()
                    + " s"
                    + (last == null ? "" : " (" + last.getMessage() + ")")
                    + "; last log lines:\n"
                    + b.process.logTail(),
                last);
          }
          Thread.sleep(200);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InfraException("interrupted while waiting for " + b, e);
      }
    }
  }

  private static Admin admin(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    return Admin.create(props);
  }

  /**
   * @return every node's {@code 127.0.0.1:<port>}, comma-separated: the value for a client's {@code
   *     bootstrap.servers} (the same across restarts)
   */
  public String bootstrapServers() {
    return brokers.stream().map(Broker::address).collect(Collectors.joining(","));
  }

  /**
   * @return the number of nodes
   */
  public int size() {
    return brokers.size();
  }

  /**
   * @param nodeId 1 to {@link #size()}
   * @return that node
   * @throws IllegalArgumentException for another id
   */
  public Broker broker(int nodeId) {
    if (nodeId < 1 || nodeId > brokers.size()) {
      throw new IllegalArgumentException(
          "node id must be 1.." + brokers.size() + ", got " + nodeId);
    }
    return brokers.get(nodeId - 1);
  }

  /**
   * @return the nodes, by node id
   */
  public List<Broker> brokers() {
    return Collections.unmodifiableList(brokers);
  }

  /**
   * @return the cluster's directory (one {@code broker-<id>} per node), deleted by {@link #close()}
   */
  public Path directory() {
    return directory;
  }

  /**
   * Kills every node (in parallel, SIGKILL: the data is deleted next, so a clean shutdown would
   * only take time) and deletes the directory. Idempotent; also runs at JVM exit for a cluster that
   * was not closed.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    JvmExit.forget(this);
    long t0 = System.nanoTime();
    List<Thread> stoppers = new ArrayList<>();
    for (Broker b : brokers) {
      Thread t = new Thread(b::terminate, "onestop-stop-node-" + b.nodeId);
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Utils.delete(directory.toFile());
    } catch (IOException e) {
      LOG.warn("could not delete Kafka cluster directory {}: {}", directory, e.getMessage());
    }
    LOG.info(
        "Kafka cluster {} stopped in {} ms",
        bootstrapServers(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public String toString() {
    return "KafkaCluster[" + bootstrapServers() + ", " + directory + "]";
  }
}
