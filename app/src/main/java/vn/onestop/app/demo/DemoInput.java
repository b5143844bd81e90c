package vn.onestop.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The demo's input files and what the demo needs to know of them besides the import itself: the
 * handling units (to publish an org directory first) and the source system's on-time labels.
 *
 * <p>The bundled data is the Boston 311 2015 export (app resources {@code /boston311-2015/}, gzip);
 * it is extracted into a temporary directory the caller deletes.
 */
public final class DemoInput {
  /** Bundled file names, in a fixed order so two runs read the same sequence. */
  public static final List<String> BUNDLED =
      List.of(
          "Abandoned_Vehicles",
          "Building_Inspection_Request",
          "Electrical",
          "Empty_Litter_Basket",
          "Graffiti_Removal",
          "Missing_Sign",
          "Pick_up_Dead_Animal",
          "Rodent_Activity",
          "Sidewalk_Repair_Make_Safe",
          "Sign_Repair",
          "Street_Light_Outages",
          "Unsatisfactory_Living_Conditions");

  private static final DateTimeFormatter BOSTON_TIME =
      DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
  private static final ZoneId BOSTON = ZoneId.of("America/New_York");

  /**
   * A source record's label: the source system's own on-time verdict.
   *
   * @param sourceId source record id (Boston CASE_ENQUIRY_ID)
   * @param label ONTIME, OVERDUE, or empty when unlabelled
   * @param status the source's case status (Open/Closed)
   * @param openedAt OPEN_DT as a UTC instant, or null if unreadable
   * @param dueAt TARGET_DT, or null
   * @param closedAt CLOSED_DT, or null
   */
  public record Label(
      String sourceId,
      String label,
      String status,
      Instant openedAt,
      Instant dueAt,
      Instant closedAt) {}

  private DemoInput() {}

  /**
   * Extracts the bundled Boston files into {@code dir}.
   *
   * @return the extracted CSV files, in {@link #BUNDLED} order
   * @throws IOException if a resource is missing or the directory cannot be written
   */
  public static List<Path> extractBundled(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String name : BUNDLED) {
      try (InputStream in =
          DemoInput.class.getResourceAsStream("/boston311-2015/" + name + ".csv.gz")) {
        if (in == null) {
          throw new IOException(
              "bundled data file missing from the jar: /boston311-2015/" + name + ".csv.gz");
        }
        Path out = dir.resolve(name + ".csv");
        Files.copy(new GZIPInputStream(in), out, StandardCopyOption.REPLACE_EXISTING);
        files.add(out);
      }
    }
    return files;
  }

  /**
   * @param files CSV files with a header row
   * @param columns candidate unit columns, first non-empty wins (Boston: Department, QUEUE; NYC:
   *     Agency)
   * @return the distinct unit ids, sorted
   */
  public static TreeSet<String> units(List<Path> files, List<String> columns) throws IOException {
    TreeSet<String> units = new TreeSet<>();
    for (Path f : files) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
          CSVParser p =
              CSVFormat.DEFAULT
                  .builder()
                  .setHeader()
                  .setSkipHeaderRecord(true)
                  .setAllowMissingColumnNames(true)
                  .get()
                  .parse(r)) {
        for (CSVRecord rec : p) {
          for (String c : columns) {
            if (rec.isMapped(c) && rec.isSet(c) && !rec.get(c).isBlank()) {
              units.add(rec.get(c).trim());
              break;
            }
          }
        }
      }
    }
    return units;
  }

  /**
   * Reads the Boston on-time labels ({@code OnTime_Status}).
   *
   * @return source id to label, in file order; empty when the files carry no such column
   */
  public static Map<String, Label> bostonLabels(List<Path> files) throws IOException {
    Map<String, Label> labels = new LinkedHashMap<>();
    for (Path f : files) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
          CSVParser p =
              CSVFormat.DEFAULT
                  .builder()
                  .setHeader()
                  .setSkipHeaderRecord(true)
                  .setAllowMissingColumnNames(true)
                  .get()
                  .parse(r)) {
        if (!p.getHeaderMap().containsKey("OnTime_Status")) {
          continue;
        }
        for (CSVRecord rec : p) {
          String id = rec.get("CASE_ENQUIRY_ID").trim();
          labels.put(
              id,
              new Label(
                  id,
                  rec.get("OnTime_Status").trim(),
                  rec.get("CASE_STATUS").trim(),
                  time(rec.get("OPEN_DT")),
                  time(rec.get("TARGET_DT")),
                  time(rec.get("CLOSED_DT"))));
        }
      }
    }
    return labels;
  }

  private static Instant time(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(raw.trim(), BOSTON_TIME).atZone(BOSTON).toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
