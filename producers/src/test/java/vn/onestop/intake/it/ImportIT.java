package vn.onestop.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.intake.importer.Boston311Profile;
import vn.onestop.intake.importer.HotlineImporter;
import vn.onestop.intake.importer.ImportOptions;
import vn.onestop.intake.importer.ImportReport;
import vn.onestop.intake.kafka.CaseEventPublisher;
import vn.onestop.intake.kafka.ProducerSettings;
import vn.onestop.intake.ticker.ClockTicker;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * Imports two real Boston 311 files (Electrical: 1,357 rows; Pick up Dead Animal: 2,247 rows, 3 of
 * them closed before opened) into the real broker, twice, and runs the live ticker once.
 */
@WithKafkaStack
class ImportIT {
  /**
   * The project's bundled copy of the data (gzip), so the test needs nothing outside the
   * repository.
   */
  static final Path DATA =
      Path.of(
          System.getProperty("onestop.boston311.dir", "../app/src/main/resources/boston311-2015"));

  /** Decompresses a bundled file under its original name (the reject file names it). */
  static Path bundled(String gzName, String originalName, Path dir) throws java.io.IOException {
    Path out = dir.resolve(originalName);
    try (java.io.InputStream in =
        new java.util.zip.GZIPInputStream(Files.newInputStream(DATA.resolve(gzName)))) {
      Files.copy(in, out);
    }
    return out;
  }

  @Test
  void importingTwiceLeavesTheEventCountUnchanged(KafkaStack stack, @TempDir Path tmp)
      throws Exception {
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
    CaseEventsLog log = new CaseEventsLog(stack.bootstrapServers(), stack.schemaRegistryUrl());
    Path data = Files.createDirectories(tmp.resolve("data"));
    List<Path> files =
        List.of(
            bundled("Electrical.csv.gz", "Electrical.csv", data),
            bundled("Pick_up_Dead_Animal.csv.gz", "Pick up Dead Animal.csv", data));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImportOptions options =
        ImportOptions.defaults(
                stack.bootstrapServers(), stack.schemaRegistryUrl(), tmp.resolve("rejects.csv"))
            .withOutput(new PrintStream(out, true, StandardCharsets.UTF_8), false);

    long before = log.count();
    ImportReport first = new HotlineImporter(options).run(files, new Boston311Profile());
    assertThat(first.rowsRead()).isEqualTo(1357 + 2247);
    assertThat(first.rejectedByReason()).containsExactly(Map.entry("closed before opened", 3L));
    assertThat(first.cases()).isEqualTo(1357 + 2247 - 3);
    assertThat(first.eventsWritten()).isEqualTo(first.cases() + first.resolutions());
    assertThat(first.eventsSkipped()).isZero();
    assertThat(first.ticksWritten()).isPositive();
    long afterFirst = log.count();
    assertThat(afterFirst - before).isEqualTo(first.eventsWritten() + first.ticksWritten());
    List<String> rejects = Files.readAllLines(tmp.resolve("rejects.csv"));
    assertThat(rejects).hasSize(4);
    assertThat(rejects.get(0)).isEqualTo("file,line,source_id,reason,detail");
    assertThat(rejects.subList(1, 4))
        .allMatch(l -> l.startsWith("Pick up Dead Animal.csv,"))
        .allMatch(l -> l.contains("closed before opened"));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("cases:", "resolutions:", "rejected rows:    3");

    ImportReport second = new HotlineImporter(options).run(files, new Boston311Profile());
    assertThat(second.eventsWritten()).isZero();
    assertThat(second.ticksWritten()).isZero();
    assertThat(second.eventsSkipped()).isEqualTo(first.eventsWritten());
    assertThat(log.count()).isEqualTo(afterFirst);

    List<ConsumerRecord<String, CaseEvent>> all = log.all();
    Map<Integer, Long> lastTimestamp = new HashMap<>();
    Set<Integer> tickedPartitions = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<String, CaseEvent> r : all) {
      CaseEvent e = r.value();
      if (!e.getSourceSystem().equals("hotline-import:boston311")) {
        continue;
      }
      assertThat(ids.add(e.getEventId())).as("duplicate event id %s", e.getEventId()).isTrue();
      assertThat(r.timestamp()).isEqualTo(e.getOccurredAt().toEpochMilli());
      Long last = lastTimestamp.put(r.partition(), r.timestamp());
      assertThat(last == null || last <= r.timestamp())
          .as("event time order in partition %d", r.partition())
          .isTrue();
      if (e.getPayload() instanceof ClockTick t) {
        assertThat(t.getPartition()).isEqualTo(r.partition());
        assertThat(r.key()).isEqualTo(Topics.CLOCK_KEY);
        tickedPartitions.add(r.partition());
      }
      if (e.getPayload() instanceof Submitted s && e.getCaseId().equals("boston311-101001241454")) {
        assertThat(e.getOccurredAt()).isEqualTo(Instant.parse("2015-01-02T20:14:47Z"));
        assertThat(s.getSourceDueAt()).isEqualTo(Instant.parse("2015-01-09T20:14:47Z"));
      }
    }
    assertThat(tickedPartitions).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void liveTickerWritesOneTickToEveryPartitionWithWallClockTime(KafkaStack stack) {
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
    CaseEventsLog log = new CaseEventsLog(stack.bootstrapServers(), stack.schemaRegistryUrl());
    Instant before = Instant.now();
    try (CaseEventPublisher publisher =
            new CaseEventPublisher(
                ProducerSettings.defaults(stack.bootstrapServers(), "ticker-it"),
                new SchemaRegistryClient(stack.schemaRegistryUrl()),
                true);
        ClockTicker ticker =
            new ClockTicker(
                publisher, java.time.Clock.systemUTC(), Duration.ofSeconds(30), "it-ticker")) {
      assertThat(ticker.round()).isEqualTo(3);
    }
    Set<Integer> partitions = new HashSet<>();
    for (ConsumerRecord<String, CaseEvent> r : log.all()) {
      if (r.value().getPayload() instanceof ClockTick t && t.getTickerId().equals("it-ticker")) {
        partitions.add(r.partition());
        assertThat(r.timestamp()).isGreaterThanOrEqualTo(before.toEpochMilli());
        assertThat(r.value().getSourceSystem()).isEqualTo(ClockTicker.SOURCE);
      }
    }
    assertThat(partitions).containsExactlyInAnyOrder(0, 1, 2);
  }

  /** A native export: two good rows around a year typo (line 3) and a date before 1970 (line 4). */
  private static Path nativeExport(Path dir, String prefix) throws java.io.IOException {
    Path f = dir.resolve("native-" + prefix + ".csv");
    Files.writeString(
        f,
        String.join(
            "\n",
            "source_id,category,submitted_at,unit_id,description,due_at,resolved_at",
            prefix
                + "-open,PHAN_ANH,2026-01-05T09:00:00+07:00,ubnd-phuong-1,Phản ánh nhũng nhiễu,"
                + "2026-01-10T17:00:00+07:00,",
            prefix + "-typo,PHAN_ANH,2206-01-06T09:00:00+07:00,ubnd-phuong-1,Năm gõ nhầm,,",
            prefix + "-old,PHAN_ANH,1969-12-31T09:00:00+07:00,ubnd-phuong-1,Trước 1970,,",
            prefix
                + "-done,PHAN_ANH,2026-01-07T09:00:00+07:00,ubnd-phuong-1,Đã xử lý,,"
                + "2026-01-08T09:00:00+07:00",
            ""),
        StandardCharsets.UTF_8);
    return f;
  }

  private static List<ConsumerRecord<String, CaseEvent>> ofCases(CaseEventsLog log, String prefix) {
    return log.all().stream()
        .filter(r -> r.value().getCaseId().startsWith("native-" + prefix))
        .toList();
  }

  @Test
  void rowsWithDatesOutsideKafkasRangeAreRejectedByLineTheOthersWrittenUpToTheAsOfInstant(
      KafkaStack stack, @TempDir Path tmp) throws Exception {
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
    CaseEventsLog log = new CaseEventsLog(stack.bootstrapServers(), stack.schemaRegistryUrl());
    String prefix = "R" + Long.toHexString(System.nanoTime());
    Path file = nativeExport(tmp, prefix);
    Instant asOf = Instant.parse("2026-01-12T00:00:00Z");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImportOptions options =
        ImportOptions.defaults(
                stack.bootstrapServers(), stack.schemaRegistryUrl(), tmp.resolve("rejects.csv"))
            .withOutput(new PrintStream(out, true, StandardCharsets.UTF_8), false)
            .withAsOf(asOf);
    ImportReport report =
        new HotlineImporter(options)
            .run(
                List.of(file),
                new vn.onestop.intake.importer.NativeProfile(java.util.Optional.empty()));

    assertThat(report.rejectedByReason()).containsExactly(Map.entry("date out of range", 2L));
    assertThat(report.eventsWritten()).isEqualTo(3); // two Submitted, one Resolved
    assertThat(report.asOf()).isEqualTo(asOf);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("as of:            " + asOf);
    List<String> rejects = Files.readAllLines(tmp.resolve("rejects.csv"));
    String name = file.getFileName().toString();
    assertThat(rejects)
        .anySatisfy(l -> assertThat(l).startsWith(name + ",3,").contains("submitted_at='2206"))
        .anySatisfy(l -> assertThat(l).startsWith(name + ",4,").contains("before 1970-01-01"));
    assertThat(ofCases(log, prefix))
        .extracting(r -> r.value().getCaseId())
        .containsExactlyInAnyOrder(
            "native-" + prefix + "-open",
            "native-" + prefix + "-done",
            "native-" + prefix + "-done");
    // Stream time reaches the as-of instant on every partition, and never the year 2206.
    Map<Integer, Long> lastTick = new HashMap<>();
    for (ConsumerRecord<String, CaseEvent> r : log.all()) {
      if (r.value().getPayload() instanceof ClockTick t
          && t.getTickerId().equals("import:native")) {
        lastTick.merge(r.partition(), r.timestamp(), Math::max);
      }
    }
    assertThat(lastTick)
        .containsOnlyKeys(0, 1, 2)
        .allSatisfy((p, ts) -> assertThat(ts).isEqualTo(asOf.toEpochMilli()));

    ImportReport again =
        new HotlineImporter(options)
            .run(
                List.of(file),
                new vn.onestop.intake.importer.NativeProfile(java.util.Optional.empty()));
    assertThat(again.eventsWritten()).isZero();
    assertThat(again.eventsSkipped()).isEqualTo(3);
  }

  @Test
  void aRunKafkaRefusesLeavesNothingVisibleAndARerunWritesItWhole(
      KafkaStack stack, @TempDir Path tmp) throws Exception {
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
    CaseEventsLog log = new CaseEventsLog(stack.bootstrapServers(), stack.schemaRegistryUrl());
    String prefix = "K" + Long.toHexString(System.nanoTime());
    Path file = nativeExport(tmp, prefix);
    ImportOptions options =
        ImportOptions.defaults(
                stack.bootstrapServers(), stack.schemaRegistryUrl(), tmp.resolve("rejects.csv"))
            .withOutput(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
    // A profile whose clock says 2300 lets the 2206 row through: the broker refuses its timestamp
    // (message.timestamp.after.max.ms) after the good rows were sent in the same transaction.
    var lenient =
        new vn.onestop.intake.importer.NativeProfile(
            java.util.Optional.empty(),
            new vn.onestop.intake.importer.EventTimeBounds(
                java.time.Clock.fixed(
                    Instant.parse("2300-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new HotlineImporter(options).run(List.of(file), lenient))
        .isInstanceOf(vn.onestop.intake.importer.ImportFailedException.class)
        .hasMessageContaining("nothing of this run is visible");
    assertThat(ofCases(log, prefix)).as("the aborted run left nothing behind").isEmpty();

    ImportReport rerun =
        new HotlineImporter(options)
            .run(
                List.of(file),
                new vn.onestop.intake.importer.NativeProfile(java.util.Optional.empty()));
    assertThat(rerun.eventsWritten()).isEqualTo(3);
    assertThat(ofCases(log, prefix)).hasSize(3);
  }

  @Test
  void anAsOfBeforeTheLatestEventIsRefusedNamingTheRowAndNothingIsWritten(
      KafkaStack stack, @TempDir Path tmp) throws Exception {
    TopicAdmin.create(
        stack.bootstrapServers(), Topics.CASE_EVENTS, 3, (short) 1, Topics.CASE_EVENTS.name());
    CaseEventsLog log = new CaseEventsLog(stack.bootstrapServers(), stack.schemaRegistryUrl());
    String prefix = "A" + Long.toHexString(System.nanoTime());
    Path file = nativeExport(tmp, prefix);
    ImportOptions options =
        ImportOptions.defaults(
                stack.bootstrapServers(), stack.schemaRegistryUrl(), tmp.resolve("rejects.csv"))
            .withOutput(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false)
            .withAsOf(Instant.parse("2026-01-06T00:00:00Z"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new HotlineImporter(options)
                    .run(
                        List.of(file),
                        new vn.onestop.intake.importer.NativeProfile(java.util.Optional.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the latest event time in the files, 2026-01-08T02:00:00Z")
        .hasMessageContaining(file.getFileName() + ":5");
    assertThat(ofCases(log, prefix)).isEmpty();
  }
}
