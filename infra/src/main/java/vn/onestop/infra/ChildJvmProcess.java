package vn.onestop.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that never outlives this one: started with the same {@code java} as this JVM, in a
 * session of its own ({@code setsid}, so a terminal's Ctrl-C reaches only this JVM, which stops its
 * children in order), carrying {@link ParentWatchAgent} (it halts itself if this JVM is killed with
 * SIGKILL), its stdout and stderr going to a log file, and registered with the shutdown hook that
 * destroys every child with its descendants. The one way the infrastructure (the Apicurio registry,
 * the brokers of a {@link KafkaCluster}) and the tests (engine instances) start child JVMs.
 *
 * <p>Besides a clean {@link #stop()}, a child can be killed with SIGKILL ({@link #kill()}) and
 * paused/resumed with SIGSTOP/SIGCONT ({@link #pause()}, {@link #resume()}), as fault tests need.
 */
public final class ChildJvmProcess {
  private static final int LOG_TAIL_LINES = 40;

  private final Process process;
  private final Path logFile;
  private final String name;

  private ChildJvmProcess(Process process, Path logFile, String name) {
    this.process = process;
    this.logFile = logFile;
    this.name = name;
  }

  /**
   * @param name what the child is, for messages (e.g. {@code kafka broker 2})
   * @return a builder of a child JVM
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Settings of a child JVM; {@link #start()} runs it. */
  public static final class Builder {
    private final String name;
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private String maxHeap = "256m";
    private String classPath = System.getProperty("java.class.path");
    private String mainClass;
    private Path jar;
    private Path workingDirectory;
    private Path logFile;
    private boolean appendLog;
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * @param value {@code -Xmx} value, e.g. {@code 256m} (default)
     * @return this builder
     */
    public Builder maxHeap(String value) {
      if (!value.matches("\\d+[kKmMgG]?")) {
        throw new IllegalArgumentException("maxHeap must look like 256m, got '" + value + "'");
      }
      this.maxHeap = value;
      return this;
    }

    /**
     * @param option a JVM option such as {@code -Dkey=value} or {@code -XX:+UseSerialGC}
     * @return this builder
     */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /**
     * Runs {@code main} of {@code className} on a class path (default: this JVM's).
     *
     * @param className fully qualified main class
     * @param path class path; null for this JVM's {@code java.class.path}
     * @return this builder
     */
    public Builder mainClass(String className, String path) {
      this.mainClass = className;
      this.jar = null;
      if (path != null) {
        this.classPath = path;
      }
      return this;
    }

    /**
     * Runs an executable jar ({@code -jar}).
     *
     * @param executableJar the jar
     * @return this builder
     */
    public Builder jar(Path executableJar) {
      this.jar = executableJar;
      this.mainClass = null;
      return this;
    }

    /**
     * @param args program arguments
     * @return this builder
     */
    public Builder arguments(List<String> args) {
      arguments.addAll(args);
      return this;
    }

    /**
     * Sets an environment variable of the child (a secret such as a shared key stays out of the
     * command line, which every local user sees in {@code ps}); the child inherits this JVM's
     * environment otherwise.
     *
     * @param name variable name
     * @param value its value
     * @return this builder
     */
    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /**
     * @param dir working directory of the child (default: this JVM's)
     * @return this builder
     */
    public Builder workingDirectory(Path dir) {
      this.workingDirectory = dir;
      return this;
    }

    /**
     * @param file where stdout and stderr go
     * @param append true to append (a restart keeps the earlier output), false to replace
     * @return this builder
     */
    public Builder logFile(Path file, boolean append) {
      this.logFile = file;
      this.appendLog = append;
      return this;
    }

    /**
     * Starts the child.
     *
     * @return the running child
     * @throws InfraException if the process cannot be started
     */
    public ChildJvmProcess start() {
      if (mainClass == null && jar == null) {
        throw new IllegalStateException("set a main class or a jar for " + name);
      }
      if (logFile == null) {
        throw new IllegalStateException("set a log file for " + name);
      }
      List<String> command = new ArrayList<>();
      setsid().ifPresent(command::add);
      command.add(javaExecutable());
      command.add("-Xmx" + maxHeap);
      command.add("-javaagent:" + AgentJar.locate() + "=" + ProcessHandle.current().pid());
      command.addAll(jvmOptions);
      if (jar != null) {
        command.add("-jar");
        command.add(jar.toString());
      } else {
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
      }
      command.addAll(arguments);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(environment);
      pb.redirectOutput(
          appendLog
              ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
              : ProcessBuilder.Redirect.to(logFile.toFile()));
      if (workingDirectory != null) {
        pb.directory(workingDirectory.toFile());
      }
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new InfraException("cannot start " + name + ": " + String.join(" ", command), e);
      }
      ChildProcesses.register(process);
      return new ChildJvmProcess(process, logFile, name);
    }
  }

  /**
   * @return the child's process id (setsid execs in place: the JVM's own pid)
   */
  public long pid() {
    return process.pid();
  }

  /**
   * @return true while the child runs (a paused child is alive)
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * @return the exit status
   * @throws IllegalThreadStateException if the child still runs
   */
  public int exitValue() {
    return process.exitValue();
  }

  /**
   * @return the file holding the child's stdout and stderr
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * Stops the child and its descendants: SIGTERM (the child's shutdown hooks run), up to 10 s
   * grace, then SIGKILL.
   *
   * @return true if everything exited
   */
  public boolean stop() {
    return ChildProcesses.destroyTree(process);
  }

  /**
   * Kills the child and its descendants with SIGKILL (no shutdown hook runs) and waits for them to
   * exit (up to 10 s).
   *
   * @throws InfraException if it is still alive afterwards
   */
  public void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new InfraException(name + " (pid " + pid() + ") survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("interrupted while killing " + name, e);
    } finally {
      ChildProcesses.destroyTree(process); // unregisters it; nothing left to signal
    }
  }

  /**
   * Pauses the child with SIGSTOP (it keeps its sockets open but answers nothing).
   *
   * @throws InfraException if {@code kill -STOP} fails
   */
  public void pause() {
    signal("STOP");
  }

  /**
   * Resumes a paused child with SIGCONT.
   *
   * @throws InfraException if {@code kill -CONT} fails
   */
  public void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new InfraException("kill -" + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new InfraException("cannot run kill -" + signal + " " + pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfraException("interrupted while signalling " + name, e);
    }
  }

  /**
   * @return up to the last 40 lines of the log file
   */
  public String logTail() {
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      long from = Math.max(0, length - 16_384);
      byte[] bytes = new byte[(int) (length - from)];
      file.seek(from);
      file.readFully(bytes);
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile + ": " + e.getMessage() + ")";
    }
  }

  /** setsid(1) when present (Linux), to start the child in a session of its own. */
  private static Optional<String> setsid() {
    for (String candidate : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The java of this JVM; java.home's when this JVM was started by a native launcher. */
  static String javaExecutable() {
    String fallback = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return ProcessHandle.current()
        .info()
        .command()
        .filter(command -> Path.of(command).getFileName().toString().matches("java(\\.exe)?"))
        .orElse(fallback);
  }

  @Override
  public String toString() {
    return name + "[pid " + process.pid() + "]";
  }
}
