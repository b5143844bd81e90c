package vn.onestop.feed;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAlert;
import vn.onestop.sla.calendar.CalendarBook;

/**
 * Sends {@code case-alerts} to the units' webhooks: one {@link ReceiverConsumer} per distinct
 * {@code OrgUnit.webhookUrl} of the directory, each with its own consumer group {@code
 * <groupPrefix>-<receiverId>} ({@link WebhookReceiver#idOf}) and so its own committed position. A
 * slow or failing receiver delays and re-sends only its own alerts; a restart re-sends at most the
 * alert each receiver had in flight. The directory is checked every second: a URL that appears gets
 * its receiver (starting at its group's committed offsets, or at the topic's beginning for a new
 * group), one that no unit uses any more is stopped (its position is kept in its group).
 *
 * <p>Warnings go only within the receiving unit's working hours, breaches and escalations at once
 * ({@link NoticeHours}; a held warning is kept in the receiver's committed position, see {@link
 * ReceiverConsumer}).
 */
public final class WebhookService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookService.class);

  private final String bootstrapServers;
  private final String groupPrefix;
  private final String topic;
  private final Supplier<Deserializer<CaseAlert>> deserializers;
  private final OrgTree org;
  private final WebhookSigner signer;
  private final RetryPolicy retry;
  private final NoticeHours hours;
  private final Clock clock;
  private final Map<String, ReceiverConsumer> receivers = new ConcurrentHashMap<>();
  private final Set<String> badUrls = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watcher;

  /**
   * Creates the service and starts the receivers of the directory's current URLs.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param groupPrefix prefix of the receivers' consumer groups, e.g. {@code onestop-webhook}
   * @param topic the alerts topic
   * @param deserializers makes a CaseAlert deserializer for each receiver's consumer
   * @param org the directory holding the webhook URLs (kept up to date by its tailer)
   * @param signer signs bodies
   * @param retry retry policy of every receiver
   */
  public WebhookService(
      String bootstrapServers,
      String groupPrefix,
      String topic,
      Supplier<Deserializer<CaseAlert>> deserializers,
      OrgTree org,
      WebhookSigner signer,
      RetryPolicy retry) {
    this(
        bootstrapServers,
        groupPrefix,
        topic,
        deserializers,
        org,
        signer,
        retry,
        CalendarBook.standard(),
        Clock.systemUTC());
  }

  /**
   * Creates the service with the working calendars and clock that decide when warnings may go.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param groupPrefix prefix of the receivers' consumer groups
   * @param topic the alerts topic
   * @param deserializers makes a CaseAlert deserializer for each receiver's consumer
   * @param org the directory holding the webhook URLs
   * @param signer signs bodies
   * @param retry retry policy of every receiver
   * @param calendars working calendars by id ({@code OrgUnit.calendarId})
   * @param clock the current time (tests fix it)
   */
  public WebhookService(
      String bootstrapServers,
      String groupPrefix,
      String topic,
      Supplier<Deserializer<CaseAlert>> deserializers,
      OrgTree org,
      WebhookSigner signer,
      RetryPolicy retry,
      CalendarBook calendars,
      Clock clock) {
    this.hours = new NoticeHours(calendars);
    this.clock = clock;
    this.bootstrapServers = bootstrapServers;
    this.groupPrefix = groupPrefix;
    this.topic = topic;
    this.deserializers = deserializers;
    this.org = org;
    this.signer = signer;
    this.retry = retry;
    refresh();
    this.watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "webhooks-" + topic);
              t.setDaemon(true);
              return t;
            });
    watcher.scheduleWithFixedDelay(this::refreshQuietly, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * @param url a webhook URL
   * @return the consumer group that holds the position of its receiver
   */
  public String groupOf(String url) {
    return groupPrefix + "-" + WebhookReceiver.idOf(url);
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("webhooks: directory check failed: {}", e.toString());
    }
  }

  private synchronized void refresh() {
    Set<String> urls = WebhookRoutes.inUse(org);
    for (String url : urls) {
      if (receivers.containsKey(url) || badUrls.contains(url)) {
        continue;
      }
      WebhookReceiver receiver;
      try {
        receiver = new WebhookReceiver(URI.create(url), signer, retry);
      } catch (IllegalArgumentException e) {
        badUrls.add(url);
        LOG.warn(
            "webhooks: skipping receiver {}: not an absolute http(s) URL",
            WebhookReceiver.idOf(url));
        continue;
      }
      receivers.put(
          url,
          new ReceiverConsumer(
              bootstrapServers,
              groupOf(url),
              topic,
              deserializers.get(),
              receiver,
              org,
              hours,
              clock));
    }
    for (String url : Set.copyOf(receivers.keySet())) {
      if (!urls.contains(url)) {
        ReceiverConsumer gone = receivers.remove(url);
        LOG.info("webhook receiver {}: no unit uses it any more, stopped", gone.receiver().id());
        gone.close();
      }
    }
  }

  /**
   * Stops every receiver; each commits what it delivered. The alert a receiver has in flight
   * finishes its current attempt first (at most the attempt timeout).
   */
  @Override
  public void close() {
    watcher.shutdownNow();
    try {
      watcher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      receivers.values().forEach(ReceiverConsumer::stop); // all at once, then wait for each
      receivers.values().forEach(ReceiverConsumer::close);
      receivers.clear();
    }
  }
}
