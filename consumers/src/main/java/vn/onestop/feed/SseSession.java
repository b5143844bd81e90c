package vn.onestop.feed;

import io.javalin.http.sse.SseClient;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.access.Principal;

/**
 * One connected SSE client: walks the shared {@link AlertLog} in order and sends the alerts its
 * principal may see, each with the SSE id = the client's {@link FeedPosition} after that alert.
 *
 * <p>Rules, per log entry {@code (partition, offset)}: skipped if {@code offset <
 * position.next(partition)} (the client already had it before reconnecting), skipped if a duplicate
 * alertId, skipped if out of scope; in every case the position moves past it. Because positions are
 * per partition and a partition's records stay in offset order, a client that reconnects with
 * {@code Last-Event-ID} misses nothing and receives nothing twice, also after a feed restart. A
 * comment line is sent every {@code keepAliveMillis} so dead connections are noticed.
 */
final class SseSession implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SseSession.class);

  private final SseClient client;
  private final Principal principal;
  private final AlertLog log;
  private final AlertScope scope;
  private final OrgTree org;
  private final long keepAliveMillis;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private FeedPosition position;

  SseSession(
      SseClient client,
      Principal principal,
      FeedPosition start,
      AlertLog log,
      AlertScope scope,
      OrgTree org,
      long keepAliveMillis) {
    this.client = client;
    this.principal = principal;
    this.position = start;
    this.log = log;
    this.scope = scope;
    this.org = org;
    this.keepAliveMillis = keepAliveMillis;
  }

  void stop() {
    open.set(false);
  }

  @Override
  public void run() {
    int index = 0;
    try {
      client.sendComment(
          "onestop alert feed for "
              + principal.id()
              + " ("
              + principal.scope().kind()
              + (principal.scope().unitId() == null ? "" : " " + principal.scope().unitId())
              + ")");
      while (open.get() && !client.terminated()) {
        for (AlertLog.Entry e : log.since(index)) {
          index = e.index() + 1;
          if (e.offset() < position.next(e.partition())) {
            continue;
          }
          position = position.after(e.partition(), e.offset());
          if (e.duplicate() || !scope.visible(principal, e.alert())) {
            continue;
          }
          client.sendEvent("alert", AlertView.of(e.alert(), org).toJson(), position.toString());
        }
        if (!log.awaitGrowth(index, keepAliveMillis)) {
          client.sendComment("keep-alive");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("SSE session of {} ended: {}", principal.id(), e.toString());
    } finally {
      if (!client.terminated()) {
        client.close();
      }
    }
  }
}
