package vn.onestop.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * {@code onestop audit export --from T --to T --format jsonl|csv [--include-personal-data]}: the
 * case events (occurredAt in [from, to)) and alerts (decidedAt in [from, to)) of a period, in time
 * order, clock ticks excluded.
 *
 * <p>Personal data (docs/design.md, Personal data): an export is an audit artefact, so plain
 * complainant fields, description and location of non-denunciation submissions are included ONLY
 * with the explicit {@code includePersonalData} flag; a denouncer's identity (tố cáo) is never
 * included, encrypted or not, and nothing is decrypted. See {@link RecordJson}.
 */
public final class AuditExport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CaseHistory.ZONE);

  /**
   * Counts of an export.
   *
   * @param events events written
   * @param alerts alerts written
   * @param unreadable records skipped as unreadable
   */
  public record Result(long events, long alerts, long unreadable) {
    /**
     * @return a one-line summary
     */
    @Override
    public String toString() {
      return "exported "
          + events
          + " events and "
          + alerts
          + " alerts"
          + (unreadable > 0 ? " (" + unreadable + " unreadable records skipped)" : "");
    }
  }

  private record Row(
      Instant at, String record, int partition, long offset, Map<String, Object> fields) {}

  private AuditExport() {}

  /**
   * Writes the export to a file atomically (temporary file in the same folder, then moved), so a
   * failure never leaves a half-written export.
   *
   * @param source cluster, registry and topics
   * @param from start of the period, inclusive (UTC)
   * @param to end of the period, exclusive (UTC)
   * @param format JSONL or CSV
   * @param includePersonalData include plain complainant data of non-denunciation cases
   * @param file destination
   * @return counts
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public static Result toFile(
      PipelineSource source,
      Instant from,
      Instant to,
      ExportFormat format,
      boolean includePersonalData,
      Path file)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".export-", ".tmp");
    try {
      Result r;
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        r = write(source, from, to, format, includePersonalData, w);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return r;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes the export to a writer.
   *
   * @param source cluster, registry and topics
   * @param from start, inclusive (UTC)
   * @param to end, exclusive (UTC)
   * @param format JSONL or CSV
   * @param includePersonalData include plain complainant data of non-denunciation cases
   * @param out destination (UTF-8)
   * @return counts
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if {@code to} is not after {@code from}
   */
  public static Result write(
      PipelineSource source,
      Instant from,
      Instant to,
      ExportFormat format,
      boolean includePersonalData,
      Writer out)
      throws IOException {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("--to must be after --from");
    }
    SchemaRegistryClient registry = source.registry();
    List<Row> rows = new ArrayList<>();
    long[] counts = new long[2];
    TopicScan.Counts ev =
        TopicScan.scan(
            source.bootstrapServers(),
            source.caseEventsTopic(),
            Topics.CASE_EVENTS.valueSerde(registry, false).deserializer(),
            r -> {
              CaseEvent e = r.value();
              if (e != null
                  && !(e.getPayload() instanceof ClockTick)
                  && within(e.getOccurredAt(), from, to)) {
                rows.add(
                    new Row(
                        e.getOccurredAt(),
                        "event",
                        r.partition(),
                        r.offset(),
                        RecordJson.event(e, includePersonalData)));
                counts[0]++;
              }
            });
    TopicScan.Counts al =
        TopicScan.scan(
            source.bootstrapServers(),
            source.caseAlertsTopic(),
            Topics.CASE_ALERTS.valueSerde(registry, false).deserializer(),
            r -> {
              CaseAlert a = r.value();
              if (a != null && within(a.getDecidedAt(), from, to)) {
                rows.add(
                    new Row(
                        a.getDecidedAt(), "alert", r.partition(), r.offset(), RecordJson.alert(a)));
                counts[1]++;
              }
            });
    rows.sort(
        Comparator.comparing(Row::at)
            .thenComparing(Row::record, Comparator.reverseOrder())
            .thenComparingInt(Row::partition)
            .thenComparingLong(Row::offset));
    BufferedWriter w = new BufferedWriter(out);
    if (format == ExportFormat.JSONL) {
      for (Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("record", r.record());
        m.putAll(r.fields());
        w.write(JSON.writeValueAsString(m));
        w.write('\n');
      }
      w.flush();
    } else {
      CSVPrinter csv =
          new CSVPrinter(
              w,
              CSVFormat.DEFAULT
                  .builder()
                  .setHeader("record", "at", "atLocal", "caseId", "id", "type", "unitId", "details")
                  .get());
      for (Row r : rows) {
        Map<String, Object> f = new LinkedHashMap<>(r.fields());
        String caseId = (String) f.remove("caseId");
        String id =
            (String) (r.record().equals("event") ? f.remove("eventId") : f.remove("alertId"));
        String type = (String) (r.record().equals("event") ? f.remove("type") : f.remove("kind"));
        Object unit = f.get("unitId");
        csv.printRecord(
            r.record(),
            r.at().toString(),
            LOCAL.format(r.at()),
            caseId,
            id,
            type,
            unit == null ? "" : unit.toString(),
            JSON.writeValueAsString(f));
      }
      csv.flush();
    }
    return new Result(counts[0], counts[1], ev.unreadable() + al.unreadable());
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && t.isBefore(to);
  }
}
