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
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import vn.onestop.intake.ids.EventIds;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.intake.kafka.ProducerSettings;
import vn.onestop.intake.readmodel.OrgUnitsView;
import vn.onestop.intake.ticker.ClockTicks;
import vn.onestop.intake.ticker.EventTimeTicks;
import vn.onestop.schema.CaseEvent;
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
 *       EventTimeTicks}), plus a final round at the last event time. Tick ids are derived from
 *       (profile, partition, time) and skipped when present too.
 * </ol>
 *
 * Memory: all events of one run are held (about 1 KB each; 10^5–10^6 rows per run are fine).
 */
public final class HotlineImporter {
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

  private record Pending(Instant at, int kind, String caseId, CaseEvent event) {}

  /**
   * Runs one import.
   *
   * @param files input files
   * @param profile mapping profile
   * @return the counts (also printed as a summary)
   * @throws IOException when a file or the reject file cannot be read or written (nothing written
   *     to Kafka)
   * @throws ImportFailedException when Kafka did not acknowledge every event; re-run to complete
   */
  public ImportReport run(List<Path> files, ImportProfile profile)
      throws IOException, ImportFailedException {
    long start = System.nanoTime();
    Instant recordedAt = options.clock().instant();
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
                  if (!units.accepts(unitId)) {
                    throw new RowRejected(
                        "unknown unit",
                        "'" + unitId + "' is not in the org-unit directory (onestop units list)");
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
                          event(profile, m, "Submitted", m.openedAt(), m.submitted(), recordedAt)));
                  counts[1]++;
                  if (m.resolved() != null) {
                    events.add(
                        new Pending(
                            m.closedAt(),
                            1,
                            m.caseId(),
                            event(profile, m, "Resolved", m.closedAt(), m.resolved(), recordedAt)));
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
    long[] written = write(profile, events, recordedAt);
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
            Duration.ofNanos(System.nanoTime() - start));
    options.out().println(report.summary());
    return report;
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
  private long[] write(ImportProfile profile, List<Pending> events, Instant recordedAt)
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
    try (CaseEventPublisher publisher = new CaseEventPublisher(settings, registry, true);
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
          var last = ticks.finalRound(events.get(events.size() - 1).at());
          if (last.isPresent()) {
            tickRound(
                publisher,
                partitions,
                profile,
                tickerId,
                last.get(),
                recordedAt,
                present,
                out,
                callback);
          }
        }
      } catch (KafkaException e) {
        failed.incrementAndGet();
        firstError.compareAndSet(null, e);
      }
      publisher.flush();
    }
    if (failed.get() > 0) {
      throw new ImportFailedException(
          failed.get()
              + " event(s) not acknowledged by Kafka (first: "
              + firstError.get()
              + "); run the same import again to complete it: written events are skipped",
          firstError.get());
    }
    return out;
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
