package vn.onestop.intake.importer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one import run.
 *
 * @param profile profile name
 * @param rowsRead data rows read (header lines not counted)
 * @param cases cases mapped (Submitted events)
 * @param resolutions Resolved events mapped
 * @param rejectedByReason rejected rows per reason
 * @param eventsWritten case events written now
 * @param eventsSkipped case events skipped because their id is already in case-events
 * @param ticksWritten ClockTicks written now
 * @param ticksSkipped ClockTicks already present
 * @param rejectFile path of the reject file
 * @param duration wall time of the run
 * @param asOf instant (UTC) stream time was advanced to: the as-of instant given, else the latest
 *     event time in the files; null when no row was importable
 */
public record ImportReport(
    String profile,
    long rowsRead,
    long cases,
    long resolutions,
    Map<String, Long> rejectedByReason,
    long eventsWritten,
    long eventsSkipped,
    long ticksWritten,
    long ticksSkipped,
    Path rejectFile,
    Duration duration,
    Instant asOf) {

  /**
   * Copies the map, sorted by reason.
   *
   * @param profile see the record component
   * @param rowsRead see the record component
   * @param cases see the record component
   * @param resolutions see the record component
   * @param rejectedByReason see the record component
   * @param eventsWritten see the record component
   * @param eventsSkipped see the record component
   * @param ticksWritten see the record component
   * @param ticksSkipped see the record component
   * @param rejectFile see the record component
   * @param duration see the record component
   * @param asOf see the record component
   */
  public ImportReport {
    rejectedByReason = Map.copyOf(new TreeMap<>(rejectedByReason));
  }

  /**
   * @return total rejected rows
   */
  public long rejected() {
    return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * @return a multi-line summary for the terminal
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("profile:          ").append(profile).append('\n');
    sb.append("rows read:        ").append(rowsRead).append('\n');
    sb.append("cases:            ").append(cases).append('\n');
    sb.append("resolutions:      ").append(resolutions).append('\n');
    sb.append("rejected rows:    ")
        .append(rejected())
        .append(rejected() > 0 ? " (see " + rejectFile + ")" : "")
        .append('\n');
    new TreeMap<>(rejectedByReason)
        .forEach((r, n) -> sb.append("  ").append(r).append(": ").append(n).append('\n'));
    sb.append("events written:   ").append(eventsWritten).append('\n');
    sb.append("events skipped (already present): ").append(eventsSkipped).append('\n');
    sb.append("clock ticks:      ")
        .append(ticksWritten)
        .append(" written, ")
        .append(ticksSkipped)
        .append(" already present\n");
    sb.append("as of:            ")
        .append(asOf == null ? "-" : asOf + " (stream time advanced to it)")
        .append('\n');
    sb.append("duration:         ").append(duration.toMillis() / 1000.0).append(" s");
    return sb.toString();
  }
}
