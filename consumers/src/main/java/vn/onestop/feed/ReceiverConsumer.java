package vn.onestop.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.CaseAlert;

/**
 * The position of one webhook receiver: its own consumer group ({@code <prefix>-<receiverId>},
 * {@code read_committed}) on {@code case-alerts}, delivering the alerts routed to it ({@link
 * WebhookRoutes}) one at a time, in partition order, and committing each partition's offset right
 * after the receiver's own delivery (or give-up). Receivers therefore never wait for each other,
 * and after a restart each resumes after its last delivered alert: only the alert in flight when
 * the process stopped can be sent again (at-least-once; receivers de-duplicate by {@code
 * X-OneStop-Alert-Id}). While it waits between attempts it keeps polling with its partitions
 * paused, so a long backoff does not cost its group membership. A group first seen starts at the
 * topic's beginning.
 *
 * <p>A WARNING that falls outside the receiving unit's working hours ({@link NoticeHours}) is held
 * and sent at the next opening; the records after it are delivered meanwhile, so a BREACH or
 * ESCALATION is never delayed behind it. The committed offset stays at the earliest held warning
 * and its metadata lists what after it was already finished ({@link DeliveryLedger}): after a
 * restart held warnings are read again and held or sent, and what was sent is not sent again.
 */
final class ReceiverConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiverConsumer.class);

  /** Alert ids remembered per receiver to skip duplicate copies within one process. */
  static final int RECENT_IDS = 10_000;

  private final WebhookReceiver receiver;
  private final OrgTree org;
  private final String topic;
  private final String groupId;
  private final KafkaConsumer<String, CaseAlert> consumer;
  private final Thread thread;
  private final NoticeHours hours;
  private final Clock clock;
  private final Map<TopicPartition, DeliveryLedger> ledgers = new HashMap<>();
  private final Set<TopicPartition> dirty = new HashSet<>();
  private final Set<TopicPartition> owned = new HashSet<>();
  private final Map<String, Boolean> recent =
      new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
          return size() > RECENT_IDS;
        }
      };
  private volatile boolean running = true;
  private boolean waiting;
  private boolean rebalanced;

  /**
   * Creates and starts the receiver's consumer thread.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param groupId the receiver's consumer group
   * @param topic the alerts topic
   * @param valueDeserializer CaseAlert deserializer
   * @param receiver the receiver
   * @param org the directory that routes alerts
   * @param hours when warnings may be sent
   * @param clock the current time (for working hours)
   */
  ReceiverConsumer(
      String bootstrapServers,
      String groupId,
      String topic,
      Deserializer<CaseAlert> valueDeserializer,
      WebhookReceiver receiver,
      OrgTree org,
      NoticeHours hours,
      Clock clock) {
    this.receiver = receiver;
    this.org = org;
    this.hours = hours;
    this.clock = clock;
    this.topic = topic;
    this.groupId = groupId;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // Topics come from TopicAdmin with the product settings, never the broker defaults.
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // A batch is delivered one alert at a time; keep it small so a rebalance is not held up long.
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), valueDeserializer);
    this.thread = new Thread(this::run, "webhook-" + receiver.id());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * @return the receiver
   */
  WebhookReceiver receiver() {
    return receiver;
  }

  private void run() {
    LOG.info(
        "webhook receiver {} ({}): consumer group {}", receiver.id(), receiver.origin(), groupId);
    try {
      consumer.subscribe(List.of(topic), new Listener());
      while (running) {
        ConsumerRecords<String, CaseAlert> batch;
        try {
          batch = consumer.poll(Duration.ofMillis(200));
        } catch (RecordDeserializationException e) {
          LOG.warn(
              "webhook receiver {}: skipping unreadable record at {}@{}",
              receiver.id(),
              e.topicPartition(),
              e.offset());
          consumer.seek(e.topicPartition(), e.offset() + 1);
          DeliveryLedger l = ledgers.get(e.topicPartition());
          if (l != null) {
            l.finished(e.offset());
            dirty.add(e.topicPartition());
          }
          continue;
        }
        rebalanced = false;
        deliver(batch);
        consumer.resume(consumer.paused());
        releaseDue();
        commit();
      }
    } catch (WakeupException | InterruptException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("webhook receiver {}: consumer stopped: {}", receiver.id(), e.toString());
    } finally {
      Thread.interrupted(); // the final commit must not see a pending interrupt
      try {
        commit();
      } catch (RuntimeException e) {
        LOG.debug("webhook receiver {}: final commit failed: {}", receiver.id(), e.toString());
      }
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Delivers a batch in partition order. Stops early on close, or after a rebalance: then every
   * partition still owned is sought back to its first unhandled record, so nothing fetched is
   * skipped.
   */
  private void deliver(ConsumerRecords<String, CaseAlert> batch) throws InterruptedException {
    Map<TopicPartition, Long> next = new HashMap<>();
    for (TopicPartition tp : batch.partitions()) {
      next.put(tp, batch.records(tp).get(0).offset());
    }
    try {
      for (TopicPartition tp : batch.partitions()) {
        for (ConsumerRecord<String, CaseAlert> r : batch.records(tp)) {
          if (!running || rebalanced || !owned.contains(tp)) {
            return;
          }
          if (handle(tp, r)) {
            next.put(tp, r.offset() + 1);
          } else {
            return;
          }
        }
      }
    } finally {
      if (running && rebalanced) {
        next.forEach(
            (tp, offset) -> {
              DeliveryLedger l = ledgers.get(tp);
              if (owned.contains(tp)) {
                // from the committed offset: held warnings before the batch are read again
                consumer.seek(tp, l == null ? offset : Math.min(offset, l.commitOffset()));
              }
            });
      }
    }
  }

  /**
   * @return true when the record is finished here (delivered, given up, held for working hours or
   *     not for this receiver), false when it is still in flight (stopping, or its partition moved
   *     to another member)
   */
  private boolean handle(TopicPartition tp, ConsumerRecord<String, CaseAlert> r)
      throws InterruptedException {
    DeliveryLedger ledger = ledgers.get(tp);
    if (ledger == null) {
      return false; // not ours any more
    }
    CaseAlert alert = r.value();
    if (ledger.finishedBefore(r.offset())
        || alert == null
        || !WebhookRoutes.urls(alert, org).contains(receiver.url().toString())
        || recent.containsKey(alert.getAlertId().toString())) {
      ledger.finished(r.offset());
      dirty.add(tp);
      return true;
    }
    Instant now = clock.instant();
    Instant release =
        hours.releaseAt(
            alert.getKind(),
            hours.calendarOf(NoticeHours.receivingUnit(alert, receiver.url().toString(), org)),
            now);
    if (release.isAfter(now)) {
      ledger.hold(r.offset(), alert, release);
      dirty.add(tp);
      LOG.debug(
          "webhook receiver {}: warning {} held until {} (outside working hours)",
          receiver.id(),
          alert.getAlertId(),
          release);
      commit();
      return true;
    }
    if (!send(tp, alert)) {
      return false;
    }
    ledger.finished(r.offset());
    dirty.add(tp);
    commit();
    return true;
  }

  /**
   * Sends one alert now.
   *
   * @return false when it is still in flight (stopping, or its partition moved to another member)
   */
  private boolean send(TopicPartition tp, CaseAlert alert) throws InterruptedException {
    WebhookReceiver.Result result = receiver.deliver(AlertView.of(alert, org), this::pause);
    if (result.outcome() == WebhookReceiver.Outcome.STOPPED) {
      return false; // in flight: sent again after the restart
    }
    recent.put(alert.getAlertId().toString(), Boolean.TRUE);
    return owned.contains(tp); // else its new owner sends it again (at-least-once)
  }

  /** Sends the held warnings whose working hours have come, partition by partition. */
  private void releaseDue() throws InterruptedException {
    Instant now = clock.instant();
    for (TopicPartition tp : List.copyOf(ledgers.keySet())) {
      DeliveryLedger ledger = ledgers.get(tp);
      if (ledger == null) {
        continue;
      }
      for (DeliveryLedger.Held h : ledger.due(now)) {
        if (!running || rebalanced || !owned.contains(tp)) {
          return;
        }
        if (!send(tp, h.alert())) {
          return;
        }
        ledger.release(h.offset());
        dirty.add(tp);
        commit();
      }
    }
  }

  /**
   * @return the warnings held for working hours, over the partitions this member owns
   */
  int heldCount() {
    int n = 0;
    for (DeliveryLedger l : ledgers.values()) {
      n += l.heldCount();
    }
    return n;
  }

  /** Backoff: polls with every partition paused, so the group keeps this member. */
  private boolean pause(Duration delay) {
    long until = System.nanoTime() + delay.toNanos();
    waiting = true;
    try {
      while (running) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        consumer.pause(consumer.assignment());
        ConsumerRecords<String, CaseAlert> stray =
            consumer.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(100).toNanos())));
        for (TopicPartition tp : stray.partitions()) {
          consumer.seek(tp, stray.records(tp).get(0).offset()); // fetched again after the wait
        }
      }
      return false;
    } catch (WakeupException e) {
      return false;
    } finally {
      waiting = false;
    }
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : dirty) {
      DeliveryLedger l = ledgers.get(tp);
      if (l != null && owned.contains(tp)) {
        offsets.put(tp, new OffsetAndMetadata(l.commitOffset(), l.metadata()));
      }
    }
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
    }
    dirty.clear();
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        commit();
      } catch (KafkaException e) {
        LOG.debug("webhook receiver {}: commit on revoke failed: {}", receiver.id(), e.toString());
      }
      owned.removeAll(partitions);
      ledgers.keySet().removeAll(partitions); // held warnings: the committed offset keeps them
      rebalanced = true;
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      owned.removeAll(partitions);
      ledgers.keySet().removeAll(partitions);
      rebalanced = true;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata c = committed.get(tp);
        // a group first seen starts at the beginning (auto.offset.reset=earliest)
        long from = c != null ? c.offset() : consumer.beginningOffsets(List.of(tp)).get(tp);
        ledgers.put(tp, DeliveryLedger.resume(from, c == null ? null : c.metadata()));
      }
      owned.addAll(partitions);
      if (waiting) {
        consumer.pause(partitions);
      }
    }
  }

  /** Asks the thread to stop, without waiting ({@link #close()} waits). */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  /**
   * Stops the thread: the alert in flight finishes its current attempt (at most the attempt
   * timeout), then what was delivered is committed.
   */
  @Override
  public void close() {
    stop();
    try {
      thread.join(receiver.attemptTimeoutMillis() + 2_000);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(10_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
