package vn.onestop.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.onestop.audit.PipelineSource;
import vn.onestop.report.whatif.WhatIf;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.calendar.HolidayCalendarData;
import vn.onestop.sla.calendar.HolidayEntry;
import vn.onestop.sla.calendar.LunarCalendar;
import vn.onestop.sla.policy.PolicyBook;

/**
 * {@code onestop audit what-if --policies DRAFT.json [--calendar DIR] --from --to}: what a draft
 * rule set would have done to the recorded history ({@link WhatIf}). Reads {@code case-events} and
 * {@code org-units} only; writes nothing to Kafka.
 */
@Command(
    name = "what-if",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the recorded case-events and org-units twice with the offline engine - under the"
          + " rules in force (bundled policies and calendars, or --in-force) and under a draft -"
          + " and report, per unit and month, the cases whose alerts (case, rule, level,"
          + " decided-at) or on-time verdicts change, and the KPI deltas. Read only: no topic is"
          + " written. Exit status 0 whether or not anything changes; 2 on bad input."
    })
final class WhatIfCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--policies",
      required = true,
      paramLabel = "DRAFT.json",
      description = "The draft SLA policy file (JSON, the format of the bundled policies).")
  Path draftPolicies;

  @Option(
      names = "--calendar",
      paramLabel = "DIR",
      description =
          "Draft holiday data: a directory of year files (vn-civil-service-YYYY.json format);"
              + " a year there replaces the bundled year, other years stay bundled. Default: the"
              + " bundled calendars.")
  Path draftCalendar;

  @Option(
      names = "--in-force",
      paramLabel = "POLICIES.json",
      description = "The policies in force, if not the bundled ones (the engine's --policies).")
  Path inForcePolicies;

  @Option(
      names = "--from",
      required = true,
      converter = AuditCommand.InstantConverter.class,
      description =
          "Window start (inclusive). Date or time: 2026-01-01, 2026-01-01T08:00"
              + " (Asia/Ho_Chi_Minh) or 2026-01-01T01:00:00Z.")
  Instant from;

  @Option(
      names = "--to",
      required = true,
      converter = AuditCommand.InstantConverter.class,
      description = "Window end (exclusive); stream time is moved there so its months close.")
  Instant to;

  @Override
  public Integer call() throws Exception {
    if (!to.isAfter(from)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--to (" + to + ") must be after --from (" + from + ")");
    }
    WhatIf.Rules inForce =
        new WhatIf.Rules(
            "in force", ServeCommands.policies(inForcePolicies), CalendarBook.standard());
    WhatIf.Rules draft =
        new WhatIf.Rules("draft", PolicyBook.load(draftPolicies), calendars(draftCalendar));
    try (Cluster c = cluster.external()) {
      WhatIf.Result r =
          WhatIf.run(
              PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl()),
              inForce,
              draft,
              from,
              to);
      r.print(System.out);
      return 0;
    }
  }

  /**
   * @param dir a directory of holiday year files, or null
   * @return the bundled calendars with the years in {@code dir} replaced
   * @throws IllegalArgumentException if {@code dir} is not a directory
   * @throws vn.onestop.sla.calendar.HolidayDataException naming the file and field of bad data
   */
  static CalendarBook calendars(Path dir) {
    if (dir == null) {
      return CalendarBook.standard();
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--calendar " + dir + ": not a directory");
    }
    Map<Integer, List<HolidayEntry>> years = new HashMap<>();
    ClassLoader cl = HolidayCalendarData.class.getClassLoader();
    for (int y = LunarCalendar.MIN_YEAR; y <= LunarCalendar.MAX_YEAR; y++) {
      String name = "calendar/vn-civil-service-" + y + ".json";
      try (InputStream in = cl.getResourceAsStream(name)) {
        if (in != null) {
          var year = HolidayCalendarData.parse(in, "classpath:" + name);
          years.put(year.year(), year.entries());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          var year = HolidayCalendarData.parse(in, f.toString());
          years.put(year.year(), year.entries());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --calendar " + dir, e);
    }
    return new CalendarBook(Calendars.standardCalendars(HolidayCalendarData.of(years)));
  }
}
