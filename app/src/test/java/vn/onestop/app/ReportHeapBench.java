package vn.onestop.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import vn.onestop.app.demo.DemoDirectory;
import vn.onestop.app.demo.DemoInput;
import vn.onestop.intake.importer.Boston311Profile;
import vn.onestop.intake.importer.HotlineImporter;
import vn.onestop.intake.importer.ImportOptions;
import vn.onestop.report.publish.EventLog;
import vn.onestop.report.publish.ScorecardPublisher;
import vn.onestop.report.publish.SigningKey;
import vn.onestop.report.whatif.WhatIf;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Heap benchmark of {@code kpi publish} and {@code audit what-if} on the bundled Boston 311 year
 * (docs/benchmarks.md, Report heap). Not a test: a main run by hand.
 *
 * <pre>
 * plan EVENTS.avro            the importer's events of the year (HotlineImporter.plan, sorted by
 *                             occurredAt as a one-partition topic gives them), one Avro file
 * list EVENTS.avro OUT        reads the file into a list (what EventLog.load held), then publishes
 *                             2015-12 and runs the example what-if over 2015
 * stream EVENTS.avro OUT      the same reading the file record by record on each pass
 * </pre>
 *
 * An optional fourth argument {@code publish} or {@code what-if} runs only that one.
 *
 * <p>Prints the peak heap used after a collection (MemoryPoolMXBean collection usage of the heap
 * pools, summed: the live set at its largest) and the peak used at any time.
 */
public final class ReportHeapBench {
  private ReportHeapBench() {}

  /**
   * @param args see the class comment
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("heap-bench");
    List<Path> files = DemoInput.extractBundled(tmp);
    List<OrgUnit> directory =
        DemoDirectory.units(DemoInput.units(files, List.of("Department", "QUEUE")));
    Map<String, OrgUnit> org = new HashMap<>();
    directory.forEach(u -> org.put(OrgUnitKeys.key(u), u));
    Path events = Path.of(args[1]);
    if (args[0].equals("plan")) {
      List<CaseEvent> planned =
          new HotlineImporter(
                  ImportOptions.defaults(
                      "127.0.0.1:9", "http://127.0.0.1:9", tmp.resolve("rejects.csv")))
              .plan(files, new Boston311Profile(), 1).stream()
                  .map(HotlineImporter.Planned::event)
                  .sorted(Comparator.comparing(CaseEvent::getOccurredAt))
                  .toList();
      try (DataFileWriter<CaseEvent> w =
          new DataFileWriter<>(new SpecificDatumWriter<>(CaseEvent.class))) {
        w.create(CaseEvent.getClassSchema(), events.toFile());
        for (CaseEvent e : planned) {
          w.append(e);
        }
      }
      System.out.println("wrote " + planned.size() + " events to " + events);
      return;
    }
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
    long t0 = System.nanoTime();
    EventLog log = log(args[0], events, org);
    Path out = Path.of(args[2]);
    String what = args.length > 3 ? args[3] : "both";
    if (!what.equals("what-if")) {
      ScorecardPublisher.publish(
          log, PolicyBook.defaults(), YearMonth.of(2015, 12), out, SigningKey.generate("bench"));
    }
    WhatIf.Result r =
        what.equals("publish")
            ? null
            : WhatIf.compare(
                log,
                new WhatIf.Rules("in force", PolicyBook.defaults(), CalendarBook.standard()),
                new WhatIf.Rules(
                    "draft",
                    PolicyBook.load(Path.of("examples", "what-if-draft-escalation-2wd.json")),
                    CalendarBook.standard()),
                local("2015-01-01"),
                local("2016-01-01"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long live = 0;
    long any = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        if (p.getCollectionUsage() != null) {
          live += p.getCollectionUsage().getUsed();
        }
        any += p.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "%s %s: publish 2015-12 and/or what-if 2015 (%d case(s) change) in %d ms; heap after GC at"
            + " last collection %d MiB, peak used per pool summed %d MiB, -Xmx %d MiB%n",
        args[0],
        what,
        r == null ? -1 : r.changedCaseIds().size(),
        ms,
        live >> 20,
        any >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  static EventLog log(String mode, Path events, Map<String, OrgUnit> org) throws IOException {
    if (mode.equals("stream")) {
      return new EventLog(
          each -> {
            try (DataFileReader<CaseEvent> r =
                new DataFileReader<>(events.toFile(), new SpecificDatumReader<>(CaseEvent.class))) {
              for (CaseEvent e : r) {
                each.accept(e);
              }
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          },
          org);
    }
    List<CaseEvent> all = new java.util.ArrayList<>();
    try (DataFileReader<CaseEvent> r =
        new DataFileReader<>(events.toFile(), new SpecificDatumReader<>(CaseEvent.class))) {
      for (CaseEvent e : r) {
        all.add(e);
      }
    }
    return new EventLog(all, org);
  }

  static Instant local(String day) {
    return LocalDate.parse(day).atStartOfDay(Calendars.ZONE).toInstant();
  }
}
