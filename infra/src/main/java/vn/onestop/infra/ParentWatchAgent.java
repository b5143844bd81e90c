package vn.onestop.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Java agent loaded into child JVMs (the Apicurio Registry) as {@code -javaagent:<agent
 * jar>=<parent pid>}: a daemon thread halts the child as soon as the parent process is gone, so a
 * child never outlives a parent that was killed with SIGKILL (where shutdown hooks do not run).
 *
 * <p>This class must stay self-contained (JDK classes only): it is also copied alone into a tiny
 * agent jar when the infra classes are not packaged in a jar.
 */
public final class ParentWatchAgent {
  /** How often the parent is checked, in milliseconds. */
  static final long POLL_MILLIS = 250;

  private ParentWatchAgent() {}

  /**
   * Agent entry point.
   *
   * @param args the parent's process id (decimal)
   * @throws IllegalArgumentException if {@code args} is not a process id
   */
  public static void premain(String args) {
    long parentPid;
    try {
      parentPid = Long.parseLong(args == null ? "" : args.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "ParentWatchAgent needs the parent pid as argument, got '" + args + "'");
    }
    Optional<Instant> started = ProcessHandle.of(parentPid).flatMap(p -> p.info().startInstant());
    if (!isAlive(parentPid, started)) {
      halt(parentPid);
    }
    Thread watcher =
        new Thread(
            () -> {
              while (isAlive(parentPid, started)) {
                try {
                  Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
              halt(parentPid);
            },
            "onestop-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void halt(long parentPid) {
    System.err.println("[onestop] parent process " + parentPid + " is gone; halting");
    Runtime.getRuntime().halt(0);
  }

  /** Alive = exists, same start time (no pid reuse), and not a zombie waiting to be reaped. */
  private static boolean isAlive(long pid, Optional<Instant> started) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    if (started.isPresent()) {
      Optional<Instant> now = handle.get().info().startInstant();
      if (now.isPresent() && !now.get().equals(started.get())) {
        return false;
      }
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String text = Files.readString(stat, StandardCharsets.US_ASCII);
      int close = text.lastIndexOf(')');
      return close < 0 || close + 2 >= text.length() || text.charAt(close + 2) != 'Z';
    } catch (IOException e) {
      return !Files.isDirectory(Path.of("/proc")) || Files.exists(stat);
    }
  }
}
