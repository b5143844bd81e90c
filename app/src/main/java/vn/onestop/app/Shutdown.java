package vn.onestop.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what a long-running command started, in reverse order, exactly once: on Ctrl-C (a JVM
 * shutdown hook) or when the command returns. Waiting commands block in {@link #awaitSignal()}.
 */
public final class Shutdown implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch signal = new CountDownLatch(1);
  private final Thread hook;
  private boolean closed;

  /** Registers the JVM shutdown hook. */
  public Shutdown() {
    hook = new Thread(() -> {
      signal.countDown();
      closeAll();
    }, "onestop-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * @param resource something to close at shutdown (closed before everything registered earlier)
   * @param <T> its type
   * @return the resource
   */
  public synchronized <T extends AutoCloseable> T register(T resource) {
    if (closed) {
      throw new IllegalStateException("shutting down");
    }
    resources.push(resource);
    return resource;
  }

  /** Blocks until Ctrl-C (SIGINT/SIGTERM). */
  public void awaitSignal() throws InterruptedException {
    signal.await();
  }

  private synchronized void closeAll() {
    if (closed) {
      return;
    }
    closed = true;
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("error while stopping {}: {}", r, e.toString());
      }
    }
  }

  /** Closes everything now (the normal end of a command). */
  @Override
  public void close() {
    closeAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran: nothing left to do
    }
  }
}
