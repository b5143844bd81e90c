package vn.onestop.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry {@value ApicurioDistribution#VERSION} running as a child JVM bound to 127.0.0.1
 * on a free port, with global BACKWARD compatibility (Confluent's default), serving the Confluent
 * Schema Registry API at {@link #confluentApiUrl()}. Storage: in memory (the distribution's
 * default), or an H2 database file in a persistent directory ({@link
 * Builder#persistentDirectory(Path)}) that keeps every schema with its id across restarts.
 *
 * <p>The child uses the same {@code java} as this JVM, {@code -Xmx256m}, and logs to a temporary
 * file (deleted on a clean close; its tail is quoted in start errors), or to {@code registry.log}
 * in the persistent directory (kept). It never outlives this JVM: {@link #close()} and a JVM
 * shutdown hook destroy it with its descendants, and the child carries {@link ParentWatchAgent},
 * which halts it if this JVM is killed with SIGKILL.
 *
 * <p>Measured on a 2-core machine (Java 17, -Xmx256m, serial GC, C1 only): ready in 2.3-3.6 s (up
 * to 7 s when the cores are busy; the first start also unpacks the distribution, about 2 s), stops
 * in 60-700 ms, about 215-220 MB RSS.
 */
public final class ApicurioRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
  private static final int BIND_ATTEMPTS = 3;

  private final ChildJvmProcess process;
  private final int port;
  private final Path logFile;
  private final boolean keepLog;
  private boolean closed;

  private ApicurioRegistry(ChildJvmProcess process, int port, Path logFile, boolean keepLog) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.keepLog = keepLog;
  }

  /**
   * Starts a registry with default settings (256 MB heap, 60 s readiness limit).
   *
   * @return the running registry; close it when done
   * @throws InfraException if the distribution is missing, the process cannot start, or it does not
   *     answer {@code GET /apis/ccompat/v7/subjects} with 200 within the limit (the message quotes
   *     the tail of its log)
   */
  public static ApicurioRegistry start() {
    return builder().start();
  }

  /**
   * @return a builder for a registry with non-default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of an {@link ApicurioRegistry}; call {@link #start()} to run one. */
  public static final class Builder {
    private String maxHeap = "256m";
    private Duration startTimeout = Duration.ofSeconds(60);
    private Path persistentDirectory;

    private Builder() {}

    /**
     * Stores the schemas in {@code directory} instead of memory: the registry's SQL storage on an
     * H2 database file {@code registry.mv.db}, written through on every commit ({@code
     * WRITE_DELAY=0}, so a schema answered with its id is still there after a SIGKILL), so every
     * schema keeps its id across restarts. The log goes to {@code registry.log} there, replaced at
     * each start. (The distribution has no Kafka-backed {@code kafkasql} storage; {@code
     * docker-compose.yml} uses the image that has it.) One registry at a time may use a directory:
     * H2 locks the file.
     *
     * @param directory created if missing; its path must not contain {@code ;}
     * @return this builder
     * @throws IllegalArgumentException if the path contains {@code ;} (H2's URL separator)
     */
    public Builder persistentDirectory(Path directory) {
      Path absolute = directory.toAbsolutePath();
      if (absolute.toString().contains(";")) {
        throw new IllegalArgumentException("registry directory must not contain ';': " + absolute);
      }
      this.persistentDirectory = absolute;
      return this;
    }

    /**
     * @param maxHeap the child's {@code -Xmx} value, e.g. {@code 256m} (default; 192m also works)
     * @return this builder
     */
    public Builder maxHeap(String maxHeap) {
      if (!maxHeap.matches("\\d+[kKmMgG]?")) {
        throw new IllegalArgumentException("maxHeap must look like 256m, got '" + maxHeap + "'");
      }
      this.maxHeap = maxHeap;
      return this;
    }

    /**
     * @param timeout how long {@link #start()} waits for the registry to answer (default 60 s)
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
     * Unpacks the distribution if needed and starts the registry.
     *
     * @return the running registry
     * @throws InfraException as {@link ApicurioRegistry#start()}
     */
    public ApicurioRegistry start() {
      Path runner = ApicurioDistribution.runnerJar();
      InfraException last = null;
      for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
        try {
          return launch(runner, FreePorts.pick());
        } catch (PortTakenException e) {
          last = e;
          LOG.warn("Apicurio could not bind its port (attempt {}), retrying on another", attempt);
        }
      }
      throw last;
    }

    private ApicurioRegistry launch(Path runner, int port) {
      long t0 = System.nanoTime();
      Path log;
      try {
        if (persistentDirectory == null) {
          log = ProcessTempFiles.createFile("apicurio", ".log");
        } else {
          log = Files.createDirectories(persistentDirectory).resolve("registry.log");
        }
      } catch (IOException e) {
        throw new InfraException("cannot create a log file for Apicurio Registry: " + e, e);
      }
      // In a session of its own (see ChildJvmProcess), so Ctrl-C in a terminal does not stop the
      // registry before this JVM's exit hook has stopped the services that still use it.
      ChildJvmProcess.Builder child =
          ChildJvmProcess.builder("Apicurio Registry")
              .maxHeap(maxHeap)
              .jvmOption("-XX:+UseSerialGC")
              .jvmOption("-XX:TieredStopAtLevel=1") // faster start, less CPU on small machines
              .jvmOption("-Dquarkus.http.host=127.0.0.1")
              .jvmOption("-Dquarkus.http.port=" + port)
              .jvmOption("-Dregistry.rules.global.compatibility=BACKWARD") // 2.x name
              .jvmOption("-Dapicurio.rules.global.compatibility=BACKWARD"); // 3.x name
      if (persistentDirectory != null) {
        child.jvmOption(
            "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:"
                + persistentDirectory.resolve("registry")
                + ";WRITE_DELAY=0");
      }
      ChildJvmProcess process =
          child.jar(runner).workingDirectory(runner.getParent()).logFile(log, false).start();
      ApicurioRegistry registry =
          new ApicurioRegistry(process, port, log, persistentDirectory != null);
      // Registered before waiting: a JVM stopped (Ctrl-C) during the start still removes the log.
      JvmExit.closeOnExit(registry);
      try {
        registry.awaitReady(startTimeout);
        RegistryCompatibility.ensureBackward(registry.confluentApiUrl());
      } catch (RuntimeException e) {
        registry.close();
        throw e;
      }
      LOG.info(
          "Apicurio Registry ready at {} in {} ms (pid {}, log {})",
          registry.confluentApiUrl(),
          (System.nanoTime() - t0) / 1_000_000,
          process.pid(),
          log);
      return registry;
    }
  }

  /**
   * @return the Confluent Schema Registry API base URL, {@code
   *     http://127.0.0.1:<port>/apis/ccompat/v7}, without a trailing slash
   */
  public String confluentApiUrl() {
    return baseUrl() + "/apis/ccompat/v7";
  }

  /**
   * @return the registry's root URL, {@code http://127.0.0.1:<port>}
   */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * @return the process id of the registry JVM
   */
  public long pid() {
    return process.pid();
  }

  /**
   * @return the registry's log file (stdout and stderr); deleted by a clean {@link #close()} unless
   *     it is in a persistent directory
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * @return true while the registry process runs
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Stops the registry process and its descendants (SIGTERM, then SIGKILL after 10 s) and deletes
   * the log file (a temporary one only). Idempotent. Also runs at JVM exit for a registry that was
   * not closed.
   *
   * @throws InfraException if the process is still alive after being killed
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    JvmExit.forget(this);
    long t0 = System.nanoTime();
    if (!process.stop()) {
      throw new InfraException(
          "Apicurio Registry process " + process.pid() + " did not exit; log: " + logFile);
    }
    try {
      if (!keepLog) {
        Files.deleteIfExists(logFile);
      }
    } catch (IOException e) {
      LOG.debug("cannot delete {}", logFile, e);
    }
    LOG.info(
        "Apicurio Registry {} stopped in {} ms", baseUrl(), (System.nanoTime() - t0) / 1_000_000);
  }

  private void awaitReady(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/subjects"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    String lastAnswer = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String tail = logTail();
        if (tail.contains("Address already in use") || tail.contains("Port already bound")) {
          throw new PortTakenException(port);
        }
        throw new InfraException(
            "Apicurio Registry exited with code "
                + process.exitValue()
                + " before it was ready; last log lines ("
                + logFile
                + "):\n"
                + tail);
      }
      try {
        HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        lastAnswer = "HTTP " + response.statusCode();
      } catch (IOException e) {
        lastAnswer = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InfraException(
            "interrupted while waiting for Apicurio Registry on port " + port, e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InfraException(
            "interrupted while waiting for Apicurio Registry on port " + port, e);
      }
    }
    throw new InfraException(
        "Apicurio Registry did not answer GET "
            + confluentApiUrl()
            + "/subjects with 200 within "
            + limit.toSeconds()
            + " s (last: "
            + lastAnswer
            + "); last log lines ("
            + logFile
            + "):\n"
            + logTail());
  }

  /**
   * @return up to the last 40 lines of the log file
   */
  String logTail() {
    return process.logTail();
  }

  @Override
  public String toString() {
    return "ApicurioRegistry[" + confluentApiUrl() + ", pid " + process.pid() + "]";
  }

  /** The chosen port was taken between picking and binding. */
  private static final class PortTakenException extends InfraException {
    private static final long serialVersionUID = 1L;

    PortTakenException(int port) {
      super("port " + port + " on 127.0.0.1 was taken before Apicurio Registry could bind it");
    }
  }
}
