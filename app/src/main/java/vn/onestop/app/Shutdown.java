package vn.onestop.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.infra.InfraExit;

/**
 * Closes what a long-running command started, in reverse order, exactly once: on Ctrl-C / SIGTERM
 * or when the command returns. Waiting commands block in {@link #awaitSignal()}. At JVM exit it
 * runs from the infrastructure's exit hook ({@link InfraExit}), before the embedded broker and
 * registry stop, so the SLA engine can commit and close against a live broker.
 */
public final class Shutdown implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch signal = new CountDownLatch(1);
  private final AutoCloseable atExit;
  private boolean closed;

  /** Registers with the exit hook. */
  public Shutdown() {
    atExit =
        () -> {
          signal.countDown();
          closeAll();
        };
    InfraExit.closeBeforeInfrastructure(atExit);
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
    InfraExit.forget(atExit);
  }
}
