package vn.onestop.intake.importer;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Settings of a hotline import.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistryUrl registry URL
 * @param rejectFile where rejected rows are listed
 * @param tickInterval event-time distance between ClockTick rounds (default 1 h)
 * @param out where the progress and summary go
 * @param progressBar true for a terminal progress bar, false for plain lines
 * @param clock wall clock (recordedAt)
 * @param ledgerTimeout longest time to read the ids already present
 * @param asOf the moment the source system produced the export (UTC instant): stream time is
 *     advanced to it with clock ticks after the last event, so open cases are judged at the
 *     export's own time; null = the latest event time in the files
 */
public record ImportOptions(
    String bootstrapServers,
    String schemaRegistryUrl,
    Path rejectFile,
    Duration tickInterval,
    PrintStream out,
    boolean progressBar,
    Clock clock,
    Duration ledgerTimeout,
    Instant asOf) {

  /**
   * Checks the mandatory fields.
   *
   * @param bootstrapServers see the record component
   * @param schemaRegistryUrl see the record component
   * @param rejectFile see the record component
   * @param tickInterval see the record component
   * @param out see the record component
   * @param progressBar see the record component
   * @param clock see the record component
   * @param ledgerTimeout see the record component
   * @param asOf see the record component
   */
  public ImportOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    Objects.requireNonNull(rejectFile, "rejectFile");
  }

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param schemaRegistryUrl registry URL
   * @param rejectFile reject file path
   * @return 1 h ticks, System.out, progress bar when a console is attached
   */
  public static ImportOptions defaults(
      String bootstrapServers, String schemaRegistryUrl, Path rejectFile) {
    return new ImportOptions(
        bootstrapServers,
        schemaRegistryUrl,
        rejectFile,
        Duration.ofHours(1),
        System.out,
        System.console() != null,
        Clock.systemUTC(),
        Duration.ofMinutes(10),
        null);
  }

  /**
   * @param stream output stream
   * @param bar progress bar or plain lines
   * @return a copy printing there
   */
  public ImportOptions withOutput(PrintStream stream, boolean bar) {
    return new ImportOptions(
        bootstrapServers,
        schemaRegistryUrl,
        rejectFile,
        tickInterval,
        stream,
        bar,
        clock,
        ledgerTimeout,
        asOf);
  }

  /**
   * @param instant as-of instant (UTC), or null for the latest event time in the files
   * @return a copy with that as-of instant
   */
  public ImportOptions withAsOf(Instant instant) {
    return new ImportOptions(
        bootstrapServers,
        schemaRegistryUrl,
        rejectFile,
        tickInterval,
        out,
        progressBar,
        clock,
        ledgerTimeout,
        instant);
  }
}
