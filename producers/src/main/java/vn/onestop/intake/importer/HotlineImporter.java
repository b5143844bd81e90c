package vn.onestop.intake.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.onestop.intake.ids.EventIds;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.intake.kafka.ProducerSettings;
import vn.onestop.intake.readmodel.OrgUnitsView;
import vn.onestop.intake.ticker.ClockTicks;
import vn.onestop.intake.ticker.EventTimeTicks;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Hotline import: the library entry point behind {@code onestop import FILE... --profile P}.
 *
 * <ol>
 *   <li>Reads every file (CSV or JSON Lines, {@link RowSource}) and maps each row with the profile;
 *       impossible rows go to the reject file with file, line and reason, and are counted. A
 *       malformed file stops the import before anything is written.
 *   <li>Builds the events: Submitted at the opening time and Resolved at the closing time, with ids
 *       derived from (profile, source id, event kind), so a re-import produces the same ids.
 *   <li>Sorts all events of all files by occurredAt (ties: Submitted before Resolved, then case
 *       id).
 *   <li>Reads the ids this profile already wrote ({@link ImportLedger}) and skips them, so
 *       importing again leaves the number of events in case-events unchanged.
 *   <li>Writes in that order with record timestamp = occurredAt, and before an event a round of
 *       ClockTicks to every partition whenever event time crossed a tick boundary ({@link
 *       EventTimeTicks}), then rounds up to the as-of instant ({@link ImportOptions#asOf}, default
 *       the last event time; {@link EventTimeTicks#closingRounds}), so the open cases are judged at
 *       the export's own time. Tick ids are derived from (profile, partition, time) and skipped
 *       when present too.
 * </ol>
 *
 * <p>All or nothing: rows are checked before anything is written (a bad row, including an event
 * time outside {@link EventTimeBounds}, is rejected by line and the others are imported), and the
 * events and ticks of a run are written in one Kafka transaction (transactional id {@code
 * onestop-import-<profile>}, timeout {@link #TRANSACTION_TIMEOUT}): a failure while writing aborts
 * it, so read_committed readers (the SLA engine, the audit, the next import's ledger) see none of
 * the run, and running the same import again writes it whole. The transactional id also fences an
 * earlier run of the same profile that died mid-write, aborting its open transaction at once. While
 * a run writes, read_committed readers of case-events wait at its first record (an import of 10^5
 * rows takes seconds).
 *
 * <p>Memory: all events of one run are held (about 1 KB each; 10^5–10^6 rows per run are fine).
 */
public final class HotlineImporter {
  /**
   * Longest write of one run: the brokers' default {@code transaction.max.timeout.ms} (a broker
   * with a lower maximum refuses the import at its start, naming the setting).
   */
  public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

  private final ImportOptions options;
  private final OrgUnitsView units;

  /**
   * @param options settings
   */
  public HotlineImporter(ImportOptions options) {
    this(options, new OrgUnitsView());
  }

  /**
   * @param options settings
   * @param units the org-unit directory on the cluster: when it holds a unit, a row whose unit is
   *     not in it is rejected by line ({@code unknown unit})
   */
  public HotlineImporter(ImportOptions options, OrgUnitsView units) {
    this.options = options;
    this.units = units;
  }

  private record Pending(Instant at, int kind, String caseId, CaseEvent event, String where) {}

  /** What the files hold: the sorted events, the counts (rows, cases, resolutions), rejects. */
  private record Read(List<Pending> events, long[] counts, Map<String, Long> rejected) {}

  /**
   * Reads and maps every file, writes the reject file, and sorts the events into write order.
   *
   * @throws IOException when a file or the reject file cannot be read or written
   */
  private Read read(List<Path> files, ImportProfile profile, Instant recordedAt)
      throws IOException {
    Map<String, Long> rejected = new HashMap<>();
    List<Pending> events = new ArrayList<>();
    long[] counts = new long[3]; // rows, cases, resolutions
    try (RejectFile rejects = new RejectFile(options.rejectFile())) {
      Map<String, String> seen = new HashMap<>();
      for (Path file : files) {
        long rowsBefore = counts[0];
        RowSource.read(
            file,
            profile.requiredColumns(),
            new RowSource.Sink() {
              @Override
              public void row(SourceRow row) {
                counts[0]++;
                try {
                  MappedCase m = profile.map(row);
                  String unitId = m.submitted().getUnitId();
                  if (!vn.onestop.ids.UnitIds.valid(unitId)) {
                    throw new RowRejected(
                        "invalid field",
                        "unit_id is not a valid unit id (" + vn.onestop.ids.UnitIds.EXPECTED + ")");
                  }
                  if (!units.accepts(unitId)) {
                    throw new RowRejected(
                        "unknown unit",
                        "unit_id "
                            + RowRejected.quotedId(unitId)
                            + " is not in the org-unit directory (onestop units list)");
                  }
                  String first = seen.putIfAbsent(m.sourceId(), row.where());
                  if (first != null) {
                    throw new RowRejected(
                        "duplicate id", "source id " + m.sourceId() + " already read at " + first);
                  }
                  events.add(
                      new Pending(
                          m.openedAt(),
                          0,
                          m.caseId(),
                          event(profile, m, "Submitted", m.openedAt(), m.submitted(), recordedAt),
                          row.where()));
                  counts[1]++;
                  if (m.resolved() != null) {
                    events.add(
                        new Pending(
                            m.closedAt(),
                            1,
                            m.caseId(),
                            event(profile, m, "Resolved", m.closedAt(), m.resolved(), recordedAt),
                            row.where()));
                    counts[2]++;
                  }
                } catch (RowRejected e) {
                  rejected.merge(e.reason(), 1L, Long::sum);
                  rejects.write(
                      row.file(),
                      row.line(),
                      row.get(sourceIdColumn(profile)),
                      e.reason(),
                      e.getMessage());
                }
              }

              @Override
              public void unreadable(String name, long line, String detail) {
                counts[0]++;
                rejected.merge("unreadable row", 1L, Long::sum);
                rejects.write(name, line, null, "unreadable row", detail);
              }
            });
        if (counts[0] == rowsBefore) {
          throw new IOException(
              file.getFileName() + ": no data rows (empty file or header only); nothing imported");
        }
      }
    }
    events.sort(
        Comparator.comparing(Pending::at)
            .thenComparingInt(Pending::kind)
            .thenComparing(Pending::caseId));
    return new Read(events, counts, rejected);
  }

  /**
   * One record of a run, as {@link #run} would write it to an empty {@code case-events} topic.
   *
   * @param event a case event (Submitted, Resolved) or a ClockTick
   * @param partition the partition a tick is sent to; null for a case event (keyed by case id)
   */
  public record Planned(CaseEvent event, Integer partition) {}

  /**
   * The records one run writes, in write order, without Kafka: the events of {@link #run} (rows
   * rejected the same way, the reject file written) and the tick rounds before them and up to the
   * as-of instant, for a topic of {@code partitions} partitions, as on an empty topic (no ledger:
   * nothing is skipped). For offline replays of an import (tests, what-if on bundled data).
   *
   * @param files input files
   * @param profile mapping profile
   * @param partitions partitions of the case-events topic the ticks go to (ticks numbered
   *     0..partitions-1)
   * @return the records; each record's timestamp is its event's occurredAt
   * @throws IOException when a file or the reject file cannot be read or written
   * @throws IllegalArgumentException as {@link #run} for a bad as-of instant
   */
  public List<Planned> plan(List<Path> files, ImportProfile profile, int partitions)
      throws IOException {
    Instant recordedAt = options.clock().instant();
    List<Pending> events = read(files, profile, recordedAt).events();
    Instant asOf = asOf(events);
    String tickerId = "import:" + profile.name();
    EventTimeTicks ticks = new EventTimeTicks(options.tickInterval());
    List<Planned> out = new ArrayList<>();
    java.util.function.Consumer<Instant> round =
        at -> {
          for (int p = 0; p < partitions; p++) {
            out.add(
                new Planned(
                    ClockTicks.tick(profile.sourceSystem(), tickerId, p, at, recordedAt), p));
          }
        };
    for (Pending p : events) {
      ticks.before(p.at()).ifPresent(round);
      out.add(new Planned(p.event(), null));
    }
    if (!events.isEmpty()) {
      ticks.closingRounds(asOf).forEach(round);
    }
    return out;
  }

  /**
   * Runs one import.
   *
   * @param files input files
   * @param profile mapping profile
   * @return the counts (also printed as a summary)
   * @throws IOException when a file or the reject file cannot be read or written (nothing written
   *     to Kafka)
   * @throws ImportFailedException when Kafka did not take the run's transaction; nothing of the run
   *     is visible, re-run to import it
   * @throws IllegalArgumentException when the as-of instant is before the latest event time in the
   *     files (the message names that row's file and line) or more than {@link
   *     EventTimeBounds#MAX_AHEAD} after the wall clock; nothing written
   */
  public ImportReport run(List<Path> files, ImportProfile profile)
      throws IOException, ImportFailedException {
    long start = System.nanoTime();
    Instant recordedAt = options.clock().instant();
    Read read = read(files, profile, recordedAt);
    List<Pending> events = read.events();
    long[] counts = read.counts();
    Map<String, Long> rejected = read.rejected();
    Instant asOf = asOf(events);
    long[] written = write(profile, events, asOf, recordedAt);
    ImportReport report =
        new ImportReport(
            profile.name(),
            counts[0],
            counts[1],
            counts[2],
            rejected,
            written[0],
            written[1],
            written[2],
            written[3],
            options.rejectFile(),
            Duration.ofNanos(System.nanoTime() - start),
            asOf);
    options.out().println(report.summary());
    return report;
  }

  /**
   * @return the as-of instant of the run: the option, checked against the events and the wall
   *     clock, else the last event time; null without events
   */
  private Instant asOf(List<Pending> events) {
    Instant given = options.asOf();
    if (events.isEmpty()) {
      return given;
    }
    Pending last = events.get(events.size() - 1);
    if (given == null) {
      return last.at();
    }
    if (given.isBefore(last.at())) {
      throw new IllegalArgumentException(
          "as-of "
              + given
              + " is before the latest event time in the files, "
              + last.at()
              + " ("
              + last.where()
              + "); an export cannot contain events after it was taken");
    }
    Instant latest = new EventTimeBounds(options.clock()).latest();
    if (given.isAfter(latest)) {
      throw new IllegalArgumentException(
          "as-of "
              + given
              + " is more than "
              + EventTimeBounds.MAX_AHEAD.toHours()
              + " h after the wall clock; Kafka refuses clock ticks in the future");
    }
    return given;
  }

  private static String sourceIdColumn(ImportProfile profile) {
    return switch (profile.name()) {
      case "boston311" -> "CASE_ENQUIRY_ID";
      case "nyc311" -> "Unique Key";
      default -> "source_id";
    };
  }

  private static CaseEvent event(
      ImportProfile profile,
      MappedCase m,
      String kind,
      Instant at,
      Object payload,
      Instant recordedAt) {
    return CaseEvent.newBuilder()
        .setEventId(EventIds.derived(profile.name(), m.sourceId(), kind))
        .setCaseId(m.caseId())
        .setOccurredAt(at)
        .setRecordedAt(recordedAt)
        .setSourceSystem(profile.sourceSystem())
        .setActor(null)
        .setPayload(payload)
        .build();
  }

  /**
   * @return events written, events skipped, ticks written, ticks skipped
   */
  private long[] write(
      ImportProfile profile, List<Pending> events, Instant asOf, Instant recordedAt)
      throws ImportFailedException {
    SchemaRegistryClient registry = new SchemaRegistryClient(options.schemaRegistryUrl());
    Set<String> present =
        ImportLedger.existingIds(
            options.bootstrapServers(), registry, profile.sourceSystem(), options.ledgerTimeout());
    ProducerSettings settings =
        ProducerSettings.defaults(options.bootstrapServers(), "onestop-import-" + profile.name())
            .withTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(1))
            .withLinger(Duration.ofMillis(20));
    long[] out = new long[4];
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> firstError = new AtomicReference<>();
    String tickerId = "import:" + profile.name();
    Properties props = settings.toProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "onestop-import-" + profile.name());
    props.put(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
    KafkaProducer<String, CaseEvent> producer =
        new KafkaProducer<>(
            props,
            new StringSerializer(),
            Topics.CASE_EVENTS.valueSerde(registry, true).serializer());
    boolean committed = false;
    try (CaseEventPublisher publisher =
            new CaseEventPublisher(producer, Long.MAX_VALUE, Topics.CASE_EVENTS.name());
        ImportProgress progress =
            ImportProgress.create(events.size(), options.out(), options.progressBar())) {
      List<PartitionInfo> partitions = publisher.partitions();
      EventTimeTicks ticks = new EventTimeTicks(options.tickInterval());
      org.apache.kafka.clients.producer.Callback callback =
          (meta, ex) -> {
            if (ex != null) {
              failed.incrementAndGet();
              firstError.compareAndSet(null, ex);
            }
          };
      try {
        producer.initTransactions();
        producer.beginTransaction();
        for (Pending p : events) {
          if (failed.get() > 0) {
            break;
          }
          var round = ticks.before(p.at());
          if (round.isPresent()) {
            tickRound(
                publisher,
                partitions,
                profile,
                tickerId,
                round.get(),
                recordedAt,
                present,
                out,
                callback);
          }
          if (present.contains(p.event().getEventId())) {
            out[1]++;
          } else {
            publisher.send(p.event(), null, callback);
            out[0]++;
          }
          progress.step(1);
        }
        if (!events.isEmpty() && failed.get() == 0) {
          for (Instant at : ticks.closingRounds(asOf)) {
            tickRound(
                publisher, partitions, profile, tickerId, at, recordedAt, present, out, callback);
          }
        }
        if (failed.get() == 0) {
          producer.commitTransaction(); // flushes; throws if a send failed
          committed = true;
        }
      } catch (RuntimeException e) {
        // KafkaException, or a record the client refuses: either way the run must not be half-seen
        failed.incrementAndGet();
        firstError.compareAndSet(null, e);
      }
      if (!committed) {
        abort(producer);
      }
    }
    if (!committed) {
      throw new ImportFailedException(
          "Kafka did not take the import (first error: "
              + firstError.get()
              + "); its transaction was aborted and nothing of this run is visible; run the same"
              + " import again",
          firstError.get());
    }
    return out;
  }

  private static void abort(KafkaProducer<String, CaseEvent> producer) {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      // fenced or never initialised: the coordinator aborts the open transaction by its timeout,
      // or at once when the next run of this profile initialises the same transactional id
    }
  }

  private static void tickRound(
      CaseEventPublisher publisher,
      List<PartitionInfo> partitions,
      ImportProfile profile,
      String tickerId,
      Instant at,
      Instant recordedAt,
      Set<String> present,
      long[] out,
      org.apache.kafka.clients.producer.Callback callback) {
    for (PartitionInfo part : partitions) {
      CaseEvent tick =
          ClockTicks.tick(profile.sourceSystem(), tickerId, part.partition(), at, recordedAt);
      if (present.contains(tick.getEventId())) {
        out[3]++;
      } else {
        publisher.send(tick, part.partition(), callback);
        out[2]++;
      }
    }
  }
}
