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
 * <p>Start: with a position ({@code Last-Event-ID}), from the oldest entry of the window, skipping
 * what the client already had. Without one ({@code fresh}), first the latest alert of each case in
 * the window that the principal may see (the open-case summary, {@link AlertLog#snapshot()}), all
 * with the id of the live position, then live from there; with {@code ?from=now}, live only.
 *
 * <p>Rules, per log entry {@code (partition, offset)}: skipped if {@code offset <
 * position.next(partition)} (the client already had it before reconnecting), skipped if a duplicate
 * alertId, skipped if out of scope; in every case the position moves past it. If the window evicts
 * entries before this session has sent them (a client too slow for the window), one {@code gap}
 * event is sent ({@code {"reason":"window","missed":<entries>}}) and the session continues with the
 * oldest kept entry. A comment line is sent every {@code keepAliveMillis} so dead connections are
 * noticed. {@code onEnd} runs once when the session ends (it frees the connection slot).
 */
final class SseSession implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SseSession.class);

  /** How a session starts. */
  enum Start {
    /** After the given position (Last-Event-ID). */
    RESUME,
    /** Open-case summary, then live. */
    SUMMARY,
    /** Live only. */
    NOW
  }

  private final SseClient client;
  private final Principal principal;
  private final Start start;
  private final AlertLog log;
  private final AlertScope scope;
  private final OrgTree org;
  private final long keepAliveMillis;
  private final Runnable onEnd;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final AtomicBoolean ended = new AtomicBoolean();
  private FeedPosition position;

  SseSession(
      SseClient client,
      Principal principal,
      Start start,
      FeedPosition position,
      AlertLog log,
      AlertScope scope,
      OrgTree org,
      long keepAliveMillis,
      Runnable onEnd) {
    this.client = client;
    this.principal = principal;
    this.start = start;
    this.position = position;
    this.log = log;
    this.scope = scope;
    this.org = org;
    this.keepAliveMillis = keepAliveMillis;
    this.onEnd = onEnd;
  }

  void stop() {
    open.set(false);
    end();
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      onEnd.run();
    }
  }

  @Override
  public void run() {
    try {
      client.sendComment(
          "onestop alert feed for "
              + principal.id()
              + " ("
              + principal.scope().kind()
              + (principal.scope().unitId() == null ? "" : " " + principal.scope().unitId())
              + ")");
      long index;
      if (start == Start.RESUME) {
        index = log.firstIndex();
      } else {
        AlertLog.Snapshot s = log.snapshot();
        index = s.nextIndex();
        position = s.position();
        if (start == Start.SUMMARY) {
          for (AlertLog.Entry e : s.openCases()) {
            if (scope.visible(principal, e.alert())) {
              client.sendEvent("alert", AlertView.of(e.alert(), org).toJson(), position.toString());
            }
          }
        }
      }
      while (open.get() && !client.terminated()) {
        long first = log.firstIndex();
        if (index < first) {
          client.sendEvent("gap", "{\"reason\":\"window\",\"missed\":" + (first - index) + "}");
          index = first;
        }
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
      end();
      if (!client.terminated()) {
        client.close();
      }
    }
  }
}
