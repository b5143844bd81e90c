package vn.onestop.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Closes still-open infrastructure (brokers, registries) from one JVM shutdown hook, newest first,
 * so a JVM that exits or gets SIGTERM without closing them leaves no data directory or log behind.
 */
final class JvmExit {
  private static final Set<AutoCloseable> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

  /** Users of the infrastructure (streams apps, producers) closed before it, so they can flush. */
  private static final Set<AutoCloseable> CLIENTS =
      Collections.synchronizedSet(new LinkedHashSet<>());

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(JvmExit::closeAll, "onestop-infra-exit"));
    ChildProcesses.orderedExitRegistered();
  }

  private JvmExit() {}

  /** Closes {@code resource} at JVM exit unless {@link #forget} was called first. */
  static void closeOnExit(AutoCloseable resource) {
    OPEN.add(resource);
  }

  /** Closes {@code client} at JVM exit before any broker or registry, unless forgotten first. */
  static void closeBeforeInfrastructure(AutoCloseable client) {
    CLIENTS.add(client);
  }

  /** Forgets a client registered with {@link #closeBeforeInfrastructure}. */
  static void forgetClient(AutoCloseable client) {
    CLIENTS.remove(client);
  }

  /** Called by a resource's own close(). */
  static void forget(AutoCloseable resource) {
    OPEN.remove(resource);
  }

  private static void closeAll() {
    try {
      closeNewestFirst(CLIENTS);
      closeNewestFirst(OPEN);
    } finally {
      ChildProcesses.orderedExitDone();
    }
  }

  private static void closeNewestFirst(Set<AutoCloseable> set) {
    List<AutoCloseable> open;
    synchronized (set) {
      open = new ArrayList<>(set);
    }
    Collections.reverse(open);
    for (AutoCloseable resource : open) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("[onestop] could not close " + resource + " at exit: " + e);
      }
    }
  }
}
