package vn.onestop.feed;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.OrgUnit;

/**
 * Routes each alert to the webhooks of the units that see it under {@link Scope#UNIT}: the handling
 * unit ({@code alert.unitId}) and the recipient unit ({@code alert.recipientUnitId}), using their
 * {@code OrgUnit.webhookUrl}. Units sharing one URL share one {@link WebhookReceiver}, so such a
 * receiver gets each alert once.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final OrgTree org;
  private final WebhookSigner signer;
  private final RetryPolicy retry;
  private final Map<String, WebhookReceiver> receivers = new ConcurrentHashMap<>();

  /**
   * @param org org-units directory holding the webhook URLs
   * @param signer signs bodies
   * @param retry retry policy of every receiver
   */
  public WebhookDispatcher(OrgTree org, WebhookSigner signer, RetryPolicy retry) {
    this.org = org;
    this.signer = signer;
    this.retry = retry;
  }

  /**
   * Queues an alert at every receiver it goes to; returns at once.
   *
   * @param alert the alert
   * @param allDone run once, on some receiver thread (or this thread if there is no receiver), when
   *     every receiver has delivered or given up
   * @return the number of receivers
   */
  public int dispatch(CaseAlert alert, Runnable allDone) {
    Set<String> urls = new LinkedHashSet<>();
    for (String unitId :
        new String[] {alert.getUnitId().toString(), alert.getRecipientUnitId().toString()}) {
      org.unit(unitId)
          .map(OrgUnit::getWebhookUrl)
          .map(CharSequence::toString)
          .filter(u -> !u.isBlank())
          .ifPresent(urls::add);
    }
    AtomicInteger pending = new AtomicInteger(urls.size());
    if (urls.isEmpty()) {
      allDone.run();
      return 0;
    }
    AlertView view = AlertView.of(alert, org);
    int n = 0;
    for (String url : urls) {
      WebhookReceiver r;
      try {
        r = receivers.computeIfAbsent(url, u -> new WebhookReceiver(URI.create(u), signer, retry));
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "alert {}: skipping bad webhook URL of unit: {}", alert.getAlertId(), e.getMessage());
        if (pending.decrementAndGet() == 0) {
          allDone.run();
        }
        continue;
      }
      n++;
      r.submit(
          view,
          outcome -> {
            if (pending.decrementAndGet() == 0) {
              allDone.run();
            }
          });
    }
    return n;
  }

  /** Stops every receiver thread. */
  @Override
  public void close() {
    receivers.values().forEach(WebhookReceiver::close);
  }
}
