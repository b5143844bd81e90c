package vn.onestop.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAcknowledgement;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Reopened;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Topics;
import vn.onestop.schema.Withdrawn;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * The supervisors' alert feed service: tails {@code org-units} (loaded fully before anything else,
 * so scopes and webhook URLs are known) and {@code case-alerts} into an {@link AlertLog}, serves
 * SSE and the supervisor page ({@link FeedServer}), writes and tails the cockpit's acknowledgements
 * ({@code case-acknowledgements}, {@link AckRoutes}), and sends webhooks ({@link WebhookService})
 * when a secret is configured. Start with {@link #start(FeedConfig)}, stop with {@link #close()}.
 *
 * <p>Meters ({@link #start(FeedConfig, MeterRegistry)}): the tailers' Kafka consumer metrics, and
 * {@value #ALERTS_METER}{@code {kind, level}} (Prometheus {@code onestop_alerts_total}), the alerts
 * of {@code case-alerts} as this feed reads them: committed alerts only ({@code read_committed}),
 * each alert id counted once while its first copy is in the recent window (a copy re-emitted after
 * an engine restart is not), from the start of the window at start.
 *
 * <p>Bounded ({@link FeedLimits}): {@code case-alerts} is read from the start of the recent window,
 * not from the beginning: per partition, the first offset at or after {@code now − windowAge}
 * ({@code offsetsForTimes}, record timestamps are the alerts' {@code decidedAt}), but never more
 * than the last {@code windowAlerts} records; a partition with no record that recent (imported
 * history) starts at its last {@code windowAlerts} records. The {@link AlertLog} then keeps the
 * window bounded as alerts arrive. That is the truthful count of alerts the engine decided:
 * counting where the engine emits them would also count alerts of transactions that were aborted
 * and replayed.
 */
public final class AlertFeedService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertFeedService.class);

  private final OrgTree org = new OrgTree();
  private AlertLog log = new AlertLog();
  private TopicTailer<OrgUnit> orgTailer;
  private TopicTailer<CaseAlert> alertTailer;
  private TopicTailer<CaseEvent> caseTailer;
  private TopicTailer<CaseAcknowledgement> ackTailer;
  private KafkaAckWriter ackWriter;
  private WebhookService webhooks;
  private FeedServer server;
  private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

  /** Counter of alerts read from case-alerts, tags {@code kind} and {@code level}. */
  public static final String ALERTS_METER = "onestop.alerts";

  private AlertFeedService() {}

  /**
   * Starts everything; waits up to 60 s for the org-units directory to load.
   *
   * @param config settings
   * @return the running service
   * @throws IllegalStateException if org-units cannot be loaded in time
   * @throws IllegalArgumentException if the webhook secret is too short
   */
  public static AlertFeedService start(FeedConfig config) {
    return start(config, new CompositeMeterRegistry());
  }

  /**
   * Starts everything, with meters (see the class comment).
   *
   * @param config settings
   * @param meters where the feed's meters go
   * @return the running service
   * @throws IllegalStateException if org-units cannot be loaded in time
   * @throws IllegalArgumentException if the webhook secret is too short
   */
  public static AlertFeedService start(FeedConfig config, MeterRegistry meters) {
    AlertFeedService s = new AlertFeedService();
    try {
      s.startAll(config, meters);
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void startAll(FeedConfig c, MeterRegistry meters) {
    FeedLimits limits = c.limits();
    log = new AlertLog(limits.windowAlerts(), limits.windowAge());
    SchemaRegistryClient registry = new SchemaRegistryClient(c.schemaRegistryUrl());
    WebhookSigner signer = c.webhookSecret() == null ? null : new WebhookSigner(c.webhookSecret());
    orgTailer =
        new TopicTailer<>(
            c.bootstrapServers(),
            c.orgUnitsTopic(),
            Topics.ORG_UNITS.valueSerde(registry, false).deserializer(),
            (r, live) -> org.apply(r.key(), r.value()));
    clientMetrics.add(orgTailer.bindMetrics(meters));
    orgTailer.start();
    try {
      if (!orgTailer.awaitCaughtUp(Duration.ofSeconds(60))) {
        throw new IllegalStateException(
            "org-units topic '" + c.orgUnitsTopic() + "' not loaded within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading org-units", e);
    }
    alertTailer =
        new TopicTailer<>(
            c.bootstrapServers(),
            c.alertsTopic(),
            Topics.CASE_ALERTS.valueSerde(registry, false).deserializer(),
            (r, live) -> {
              CaseAlert a = r.value();
              boolean first = a != null && !log.contains(a.getAlertId().toString());
              if (log.append(r.partition(), r.offset(), a) && first) {
                Counter.builder(ALERTS_METER)
                    .description(
                        "Alerts in case-alerts (committed, one per alert id) by kind, level")
                    .tags("kind", a.getKind().name(), "level", Integer.toString(a.getLevel()))
                    .register(meters)
                    .increment();
              }
            },
            (consumer, partitions) -> windowStart(consumer, partitions, limits, true));
    clientMetrics.add(alertTailer.bindMetrics(meters));
    alertTailer.start();
    if (signer != null) {
      webhooks =
          new WebhookService(
              c.bootstrapServers(),
              c.webhookGroupId(),
              c.alertsTopic(),
              () -> Topics.CASE_ALERTS.valueSerde(registry, false).deserializer(),
              org,
              signer,
              c.retry());
    } else {
      LOG.info("no webhook secret configured: webhooks disabled");
    }
    server =
        new FeedServer(
            c.host(), c.port(), c.authenticator(), log, org, c.keepAlive().toMillis(), limits);
    server.readiness(this::notReady);
    if (c.caseEventsTopic() != null) {
      CaseBoard board = server.board();
      caseTailer =
          new TopicTailer<>(
              c.bootstrapServers(),
              c.caseEventsTopic(),
              Topics.CASE_EVENTS.valueSerde(registry, false).deserializer(),
              (r, live) -> {
                CaseEvent e = r.value();
                if (e == null) {
                  return;
                }
                Object payload = e.getPayload();
                if (payload instanceof Resolved || payload instanceof Withdrawn) {
                  board.closed(e.getCaseId().toString(), e.getOccurredAt());
                } else if (payload instanceof Reopened) {
                  board.reopened(e.getCaseId().toString());
                }
              },
              (consumer, partitions) -> windowStart(consumer, partitions, limits, false));
      clientMetrics.add(caseTailer.bindMetrics(meters));
      caseTailer.start();
    }
    if (c.acknowledgementsTopic() != null) {
      // The cockpit's acknowledgements: written here, read back so that every feed instance
      // (and this one after a restart) shows them; from the recent window only, as case-events.
      Acknowledgements acks = server.board().acknowledgements();
      ackWriter = new KafkaAckWriter(c.bootstrapServers(), registry, c.acknowledgementsTopic());
      server.acknowledgements().writer(ackWriter);
      ackTailer =
          new TopicTailer<>(
              c.bootstrapServers(),
              c.acknowledgementsTopic(),
              Topics.CASE_ACKNOWLEDGEMENTS.valueSerde(registry, false).deserializer(),
              (r, live) -> acks.apply(r.value()),
              (consumer, partitions) -> windowStart(consumer, partitions, limits, false));
      clientMetrics.add(ackTailer.bindMetrics(meters));
      ackTailer.start();
    }
    LOG.info(
        "alert feed on http://{}:{}/supervisor ({} API keys, JWTs {})",
        c.host(),
        server.port(),
        c.principals().size(),
        c.jwt() == null ? "refused: no issuer" : "from " + c.jwt().issuer());
  }

  private Map<TopicPartition, Long> windowStart(
      Consumer<?, ?> consumer, Set<TopicPartition> partitions, FeedLimits limits, boolean alerts) {
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    long since = System.currentTimeMillis() - limits.windowAge().toMillis();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, since));
    Map<TopicPartition, OffsetAndTimestamp> byTime = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> start = new HashMap<>();
    for (TopicPartition tp : partitions) {
      long first = begin.getOrDefault(tp, 0L);
      // case-events: up to 4 records per kept alert (closures of cases not in the window are
      // harmless)
      long count = (alerts ? 1L : 4L) * limits.windowAlerts();
      long byCount = Math.max(first, end.getOrDefault(tp, 0L) - count);
      OffsetAndTimestamp t = byTime.get(tp);
      long offset = t == null ? byCount : Math.max(byCount, t.offset());
      start.put(tp, offset);
      if (alerts && offset > first) {
        log.startAt(tp.partition(), offset);
      }
    }
    LOG.info("{}: reading the recent window from {}", alertsTopicName(partitions), start);
    return start;
  }

  private static String alertsTopicName(Set<TopicPartition> partitions) {
    return partitions.isEmpty() ? "?" : partitions.iterator().next().topic();
  }

  /**
   * @return one line per tailer that is down (topic missing, broker unreachable, not caught up);
   *     empty when the feed serves complete data
   */
  public List<String> notReady() {
    List<String> down = new ArrayList<>();
    List<TopicTailer<?>> tailers = new ArrayList<>(List.of(orgTailer, alertTailer));
    if (caseTailer != null) {
      tailers.add(caseTailer);
    }
    if (ackTailer != null) {
      tailers.add(ackTailer);
    }
    for (TopicTailer<?> t : tailers) {
      if (!t.isUp()) {
        down.add("tailer " + t.topic() + " down");
      }
    }
    return down;
  }

  /**
   * Makes the cockpit's rows follow an SLA engine of this process (docs/design.md, Open cases from
   * the engine's state); without it they are built from the latest alerts.
   *
   * @param source the engine's open cases ({@code SlaEngine.openCasesQuery()::page})
   */
  public void openCases(OpenCasesSource source) {
    server.board().openCases(source);
  }

  /**
   * @return the bound HTTP port
   */
  public int port() {
    return server.port();
  }

  /**
   * @return the in-memory recent window of alerts (for status output)
   */
  public AlertLog alerts() {
    return log;
  }

  /**
   * @return the org-units directory
   */
  public OrgTree org() {
    return org;
  }

  /**
   * @param timeout longest wait
   * @return true once the alerts present at start are loaded
   * @throws InterruptedException if interrupted
   */
  public boolean awaitAlertsLoaded(Duration timeout) throws InterruptedException {
    return alertTailer.awaitCaughtUp(timeout);
  }

  /** Stops server, webhooks and consumers, in that order. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (webhooks != null) {
      webhooks.close();
    }
    if (alertTailer != null) {
      alertTailer.close();
    }
    if (caseTailer != null) {
      caseTailer.close();
    }
    if (ackTailer != null) {
      ackTailer.close();
    }
    if (ackWriter != null) {
      ackWriter.close();
    }
    if (orgTailer != null) {
      orgTailer.close();
    }
    clientMetrics.forEach(KafkaClientMetrics::close);
  }

  /**
   * Sets what {@code GET /health/ready} checks (see {@link FeedServer#readiness}); the default is
   * {@link #notReady()}.
   *
   * @param problems one short text per reason the feed cannot serve; empty when ready
   */
  public void readiness(Supplier<List<String>> problems) {
    server.readiness(problems);
  }

  /**
   * Sets what {@code GET /metrics} answers (see {@link FeedServer#metrics}).
   *
   * @param prometheusText the Prometheus text of the process's meters
   */
  public void metrics(Supplier<String> prometheusText) {
    server.metrics(prometheusText);
  }
}
