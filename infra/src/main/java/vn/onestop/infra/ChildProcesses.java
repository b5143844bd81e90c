package vn.onestop.infra;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps track of the child processes this JVM started and destroys them (with their descendants) on
 * request and from a JVM shutdown hook, so none outlives a normal exit. A SIGKILL of this JVM is
 * covered separately by {@link ParentWatchAgent} inside the child.
 */
final class ChildProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcesses.class);
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Duration GRACE = Duration.ofSeconds(10);

  /**
   * Bound on the wait for {@link JvmExit}'s ordered close (the engine's own close waits up to 30
   * s).
   */
  private static final Duration ORDERED_EXIT_WAIT = Duration.ofSeconds(45);

  private static final CountDownLatch ORDERED_EXIT_DONE = new CountDownLatch(1);
  private static volatile boolean orderedExit;

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ChildProcesses::destroyAll, "onestop-child-reaper"));
  }

  private ChildProcesses() {}

  /**
   * Called once {@link JvmExit} has its shutdown hook: the reaper then waits for it (see below).
   */
  static void orderedExitRegistered() {
    orderedExit = true;
  }

  /** Called by {@link JvmExit}'s hook when it has closed the services, brokers and registries. */
  static void orderedExitDone() {
    ORDERED_EXIT_DONE.countDown();
  }

  /** Registers a started child so the shutdown hook destroys it. */
  static void register(Process process) {
    LIVE.add(process);
  }

  /**
   * Destroys a child and its descendants: SIGTERM, up to 10 s grace, then SIGKILL; waits for them
   * to exit and unregisters the child.
   *
   * @return true if everything exited
   */
  static boolean destroyTree(Process process) {
    try {
      List<ProcessHandle> descendants = process.descendants().toList();
      descendants.forEach(ProcessHandle::destroy);
      process.destroy();
      if (!awaitExit(process.toHandle(), descendants, GRACE)) {
        LOG.warn(
            "child process {} did not stop within {} s; killing it",
            process.pid(),
            GRACE.toSeconds());
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return awaitExit(process.toHandle(), descendants, Duration.ofSeconds(5));
      }
      return true;
    } finally {
      LIVE.remove(process);
    }
  }

  private static boolean awaitExit(
      ProcessHandle process, List<ProcessHandle> descendants, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      for (ProcessHandle d : descendants) {
        long left = Math.max(1, deadline - System.nanoTime());
        d.onExit().get(left, TimeUnit.NANOSECONDS);
      }
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void destroyAll() {
    // Shutdown hooks run concurrently: without this wait the reaper stopped the registry at the
    // start
    // of a Ctrl-C/SIGTERM exit while the engine, still stopping, needed it. Children the ordered
    // exit
    // closed are gone from LIVE by then; the rest are destroyed here.
    if (orderedExit && !LIVE.isEmpty()) {
      try {
        ORDERED_EXIT_DONE.await(ORDERED_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Process process : List.copyOf(LIVE)) {
      destroyTree(process);
    }
  }
}
