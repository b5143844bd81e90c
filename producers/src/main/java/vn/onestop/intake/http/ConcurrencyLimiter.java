package vn.onestop.intake.http;

import io.javalin.http.Context;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the requests in progress: at most {@code total} at once and {@code perClient} per remote
 * address. Acquired in a before-handler, released in the after-handler (which Javalin runs after
 * the handler and its exception mapping); a request over a cap is answered 503 problem+json with
 * Retry-After and releases nothing.
 */
final class ConcurrencyLimiter {
  private static final String HELD = "onestop.limiter.held";

  private final int total;
  private final int perClient;
  private final int retryAfter;
  private final AtomicInteger inProgress = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> byClient = new ConcurrentHashMap<>();

  ConcurrencyLimiter(int total, int perClient, int retryAfter) {
    this.total = total;
    this.perClient = perClient;
    this.retryAfter = retryAfter;
  }

  void acquire(Context ctx) {
    String client = ctx.ip();
    if (inProgress.incrementAndGet() > total) {
      inProgress.decrementAndGet();
      throw Problem.unavailable("too many requests in progress; retry later", retryAfter)
          .toException();
    }
    AtomicInteger mine = byClient.computeIfAbsent(client, k -> new AtomicInteger());
    if (mine.incrementAndGet() > perClient) {
      mine.decrementAndGet();
      inProgress.decrementAndGet();
      throw Problem.unavailable(
              "too many requests in progress from this client; retry later", retryAfter)
          .toException();
    }
    ctx.attribute(HELD, client);
  }

  void release(Context ctx) {
    String client = ctx.attribute(HELD);
    if (client == null) {
      return;
    }
    ctx.attribute(HELD, null);
    inProgress.decrementAndGet();
    AtomicInteger mine = byClient.get(client);
    if (mine != null && mine.decrementAndGet() <= 0) {
      byClient.remove(client, mine);
    }
  }

  int inProgress() {
    return inProgress.get();
  }
}
