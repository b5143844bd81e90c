package vn.onestop.app;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.onestop.audit.AuditExport;
import vn.onestop.audit.AuditReplay;
import vn.onestop.audit.CaseHistory;
import vn.onestop.audit.ExportFormat;
import vn.onestop.audit.PipelineSource;
import vn.onestop.audit.ReplayResult;
import vn.onestop.sla.topology.PunctuationSettings;

/** {@code onestop audit history|replay|export|what-if}: what inspectors and auditors use. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Case history, replay with diff against the recorded alerts, export, what-if of a draft"
            + " rule set.",
    subcommands = {
      AuditCommand.History.class,
      AuditCommand.Replay.class,
      AuditCommand.Export.class,
      WhatIfCommand.class
    })
final class AuditCommand {

  /**
   * Parses an instant: ISO-8601 with offset ({@code 2015-03-01T00:00:00+07:00}), a UTC instant
   * ({@code ...Z}), or a local date/date-time read in Asia/Ho_Chi_Minh ({@code 2015-03-01}).
   */
  static final class InstantConverter implements ITypeConverter<Instant> {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** What the converter accepts, for the error line of a value it cannot read. */
    static final String EXPECTED =
        "expected an ISO-8601 instant (2015-03-01T00:00:00Z, 2015-03-01T07:00+07:00) or a local"
            + " date or date-time in Asia/Ho_Chi_Minh (2015-03-01, 2015-03-01T07:00)";

    /**
     * @throws CommandLine.TypeConversionException naming the accepted formats
     */
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(value).atZone(ZONE).toInstant();
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(value).atStartOfDay(ZONE).toInstant();
          } catch (DateTimeParseException notDate) {
            throw new CommandLine.TypeConversionException(EXPECTED + ", got '" + value + "'");
          }
        }
      }
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "A case's events and alerts in order, times in Asia/Ho_Chi_Minh.")
  static final class History implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Parameters(paramLabel = "CASE_ID", description = "Case id.")
    String caseId;

    @Override
    public Integer call() {
      try (Cluster c = cluster.external()) {
        CaseHistory history =
            CaseHistory.load(
                PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl()), caseId);
        history.print(System.out);
        return history.entries().isEmpty() ? 1 : 0;
      }
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Re-run the SLA engine offline (in memory, per partition) over the recorded case-events and org-units and compare the "
              + "derived alerts with the recorded case-alerts. Exit status 1 on any difference. Writes nothing to Kafka topics.")
  static final class Replay implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Option(
        names = "--from",
        converter = InstantConverter.class,
        description =
            "Start of the compared window (decided-at, inclusive; default: the beginning)."
                + "%nDate or time: 2026-11-01, 2026-11-01T08:00 (Asia/Ho_Chi_Minh) or 2026-11-01T01:00:00Z.")
    Instant from;

    @Option(
        names = "--to",
        converter = InstantConverter.class,
        description = "End of the compared window (decided-at, exclusive; default: now).")
    Instant to;

    @Option(
        names = "--policies",
        description = "SLA policy file (JSON); default: the bundled policies.")
    Path policies;

    @Override
    public Integer call() throws Exception {
      try (Cluster c = cluster.external()) {
        ReplayResult result =
            AuditReplay.run(
                PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl()),
                ServeCommands.policies(policies),
                PunctuationSettings.DEFAULT,
                from,
                to);
        result.print(System.out);
        return result.exitCode();
      }
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Export the events and alerts of a period as JSON Lines or CSV. Personal data only with "
              + "--include-personal-data, never a denouncer's identity.")
  static final class Export implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Option(
        names = "--from",
        required = true,
        converter = InstantConverter.class,
        description =
            "Start (inclusive). Date or time: 2026-11-01, 2026-11-01T08:00 (Asia/Ho_Chi_Minh) or 2026-11-01T01:00:00Z.")
    Instant from;

    @Option(
        names = "--to",
        required = true,
        converter = InstantConverter.class,
        description = "End (exclusive), same formats.")
    Instant to;

    @Option(
        names = "--format",
        defaultValue = "jsonl",
        description = "jsonl or csv (default ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--include-personal-data",
        description =
            "Include complainant fields of non-denunciation cases (audit artefact; handle accordingly).")
    boolean includePersonalData;

    @Option(
        names = {"-o", "--output"},
        required = true,
        description = "Output file.")
    Path output;

    @Override
    public Integer call() throws Exception {
      try (Cluster c = cluster.external()) {
        AuditExport.Result r =
            AuditExport.toFile(
                PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl()),
                from,
                to,
                ExportFormat.parse(format),
                includePersonalData,
                output);
        System.out.println("Wrote " + output + ": " + r);
        return 0;
      }
    }
  }
}
