package vn.onestop.sla.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yearly holiday data for civil servants (cán bộ, công chức, viên chức) on a Monday–Friday week:
 * public holidays, compensatory days off, swapped days off and make-up working Saturdays, each with
 * its legal basis and source status.
 *
 * <p>Announced years come from JSON files (bundled: {@code calendar/vn-civil-service-YYYY.json} for
 * 2024–2027). File format:
 *
 * <pre>{@code
 * { "calendarId": "vn-civil-service", "year": 2026,
 *   "entries": [ { "date": "2026-01-01", "kind": "HOLIDAY", "name": "Tết Dương lịch",
 *                  "legalBasis": "BLLĐ 2019 Điều 112(1)(a); VPCP 12729/VPCP-KGVX, 25/12/2025",
 *                  "status": "V" } ] }
 * }</pre>
 *
 * A year without a file is computed by the Labour Code rules (see {@code ComputedHolidays}: fixed
 * dates, Tết = last day of the old lunar year + first four days, Hùng Kings' day, compensatory days
 * per Art 111(3)) and logged once per year as "holiday year YYYY computed, no announced data".
 *
 * <p>Instances are immutable apart from an internal cache and are thread-safe.
 */
public final class HolidayCalendarData {

  private static final Logger LOG = LoggerFactory.getLogger(HolidayCalendarData.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Resource name pattern of the bundled data. */
  static final String RESOURCE_PATTERN = "calendar/vn-civil-service-%d.json";

  private final Map<Integer, List<HolidayEntry>> announced;
  private final Map<Integer, Map<LocalDate, HolidayEntry>> byYear = new ConcurrentHashMap<>();

  private HolidayCalendarData(Map<Integer, List<HolidayEntry>> announced) {
    this.announced = Map.copyOf(announced);
  }

  /**
   * The bundled data (announced years 2024–2027; other years computed).
   *
   * @return the data
   * @throws HolidayDataException if a bundled file is invalid (a build defect)
   */
  public static HolidayCalendarData standard() {
    Map<Integer, List<HolidayEntry>> years = new HashMap<>();
    ClassLoader cl = HolidayCalendarData.class.getClassLoader();
    for (int y = LunarCalendar.MIN_YEAR; y <= LunarCalendar.MAX_YEAR; y++) {
      String name = String.format(RESOURCE_PATTERN, y);
      try (InputStream in = cl.getResourceAsStream(name)) {
        if (in != null) {
          putYear(years, parse(in, "classpath:" + name));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + name, e);
      }
    }
    return new HolidayCalendarData(years);
  }

  /**
   * Data read from files (one year per file), for deployments that ship newer notices.
   *
   * @param files JSON files in the format above
   * @return the data; years not covered are computed
   * @throws HolidayDataException naming the file and JSON path of a bad field, or a duplicate year
   * @throws UncheckedIOException if a file cannot be read
   */
  public static HolidayCalendarData fromFiles(List<Path> files) {
    Map<Integer, List<HolidayEntry>> years = new HashMap<>();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        putYear(years, parse(in, f.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read holiday file " + f, e);
      }
    }
    return new HolidayCalendarData(years);
  }

  /**
   * Data from already-parsed years (tests, or data assembled elsewhere).
   *
   * @param years announced entries by Gregorian year
   * @return the data
   */
  public static HolidayCalendarData of(Map<Integer, List<HolidayEntry>> years) {
    Map<Integer, List<HolidayEntry>> copy = new HashMap<>();
    years.forEach((y, l) -> copy.put(y, List.copyOf(l)));
    return new HolidayCalendarData(copy);
  }

  /**
   * Parses one year file.
   *
   * @param in JSON, UTF-8
   * @param sourceName file or resource name used in error messages
   * @return the year and its entries sorted by date
   * @throws HolidayDataException with "sourceName: $.entries[i].field: problem" or the line and
   *     column of a syntax error
   */
  public static YearData parse(InputStream in, String sourceName) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new HolidayDataException(
          sourceName
              + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
              + ": invalid JSON: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName, e);
    }
    if (root == null || !root.isObject()) {
      throw error(sourceName, "$", "expected a JSON object");
    }
    JsonNode yearNode = root.get("year");
    if (yearNode == null || !yearNode.canConvertToInt()) {
      throw error(sourceName, "$.year", "missing or not an integer");
    }
    int year = yearNode.asInt();
    JsonNode entries = root.get("entries");
    if (entries == null || !entries.isArray()) {
      throw error(sourceName, "$.entries", "missing or not an array");
    }
    List<HolidayEntry> list = new ArrayList<>();
    Map<LocalDate, String> seen = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = "$.entries[" + i + "]";
      JsonNode e = entries.get(i);
      LocalDate date;
      try {
        date = LocalDate.parse(text(e, "date", sourceName, path));
      } catch (DateTimeParseException ex) {
        throw error(
            sourceName, path + ".date", "not an ISO date (yyyy-MM-dd): " + e.get("date").asText());
      }
      if (date.getYear() != year) {
        throw error(sourceName, path + ".date", date + " is not in year " + year);
      }
      String kindText = text(e, "kind", sourceName, path);
      HolidayKind kind;
      try {
        kind = HolidayKind.valueOf(kindText);
      } catch (IllegalArgumentException ex) {
        throw error(
            sourceName,
            path + ".kind",
            "unknown kind '"
                + kindText
                + "', expected one of "
                + Arrays.toString(HolidayKind.values()));
      }
      boolean weekend =
          date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (kind == HolidayKind.MAKEUP_WORKING_DAY && !weekend) {
        throw error(
            sourceName,
            path + ".kind",
            "a make-up working day must be a Saturday or Sunday, "
                + date
                + " is a "
                + date.getDayOfWeek());
      }
      if ((kind == HolidayKind.COMPENSATORY_DAY_OFF || kind == HolidayKind.SWAPPED_DAY_OFF)
          && weekend) {
        throw error(
            sourceName,
            path + ".kind",
            kind + " must be a weekday, " + date + " is a " + date.getDayOfWeek());
      }
      SourceStatus status;
      try {
        status = SourceStatus.ofCode(text(e, "status", sourceName, path));
      } catch (IllegalArgumentException ex) {
        throw error(sourceName, path + ".status", ex.getMessage());
      }
      String name = text(e, "name", sourceName, path);
      String basis = text(e, "legalBasis", sourceName, path);
      String previous = seen.put(date, path);
      if (previous != null) {
        throw error(
            sourceName, path + ".date", "duplicate date " + date + " (also at " + previous + ")");
      }
      list.add(new HolidayEntry(date, kind, name, basis, status));
    }
    list.sort(Comparator.comparing(HolidayEntry::date));
    return new YearData(year, List.copyOf(list));
  }

  /**
   * @param year Gregorian year
   * @return true if the year comes from announced data (a file), false if it is computed
   */
  public boolean isAnnounced(int year) {
    return announced.containsKey(year);
  }

  /**
   * @return the announced years, ascending
   */
  public List<Integer> announcedYears() {
    List<Integer> years = new ArrayList<>(announced.keySet());
    Collections.sort(years);
    return years;
  }

  /**
   * All entries of a year, announced or (otherwise) computed.
   *
   * @param year Gregorian year; computed years must be within the {@link LunarCalendar} range
   * @return entries sorted by date
   * @throws IllegalArgumentException if the year must be computed but is outside the lunar range
   */
  public List<HolidayEntry> entries(int year) {
    return List.copyOf(index(year).values());
  }

  /**
   * @param date a civil date in Asia/Ho_Chi_Minh
   * @return the entry on that date, if any
   * @throws IllegalArgumentException if the year must be computed but is outside the lunar range
   */
  public Optional<HolidayEntry> entryOn(LocalDate date) {
    return Optional.ofNullable(index(date.getYear()).get(date));
  }

  private Map<LocalDate, HolidayEntry> index(int year) {
    return byYear.computeIfAbsent(
        year,
        y -> {
          List<HolidayEntry> entries = announced.get(y);
          if (entries == null) {
            entries = ComputedHolidays.forYear(y);
            LOG.info("holiday year {} computed, no announced data", y);
          }
          Map<LocalDate, HolidayEntry> m = new TreeMap<>();
          entries.forEach(e -> m.put(e.date(), e));
          return Collections.unmodifiableMap(m);
        });
  }

  private static void putYear(Map<Integer, List<HolidayEntry>> years, YearData data) {
    if (years.putIfAbsent(data.year(), data.entries()) != null) {
      throw new HolidayDataException("holiday year " + data.year() + " given twice", null);
    }
  }

  private static String text(JsonNode e, String field, String source, String path) {
    JsonNode n = e == null ? null : e.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw error(source, path + "." + field, "missing or not a non-empty string");
    }
    return n.asText();
  }

  private static HolidayDataException error(String source, String path, String problem) {
    return new HolidayDataException(source + ": " + path + ": " + problem, null);
  }

  /**
   * One parsed year file.
   *
   * @param year the Gregorian year
   * @param entries entries sorted by date
   */
  public record YearData(int year, List<HolidayEntry> entries) {}
}
