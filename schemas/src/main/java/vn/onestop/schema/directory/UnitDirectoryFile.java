package vn.onestop.schema.directory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vn.onestop.ids.OfficialIds;
import vn.onestop.ids.UnitIds;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.UnitHead;

/**
 * Reads an org-unit directory file (CSV with a header, or a JSON array of objects) into {@link
 * OrgUnit} versions, validating the whole file first: nothing is returned unless every row is good.
 * The format is documented in {@code docs/org-units.md} (example: {@code
 * examples/org-units-district.csv}).
 *
 * <p>Columns (CSV header / JSON field): {@code unit_id}/{@code unitId}, {@code name}, {@code
 * parent_id}/{@code parentId} (empty for the top unit), {@code level} (0 = top), {@code
 * head_official_id}/{@code headOfficialId}, {@code head_name}/{@code headName}, {@code
 * head_contact}/{@code headContact} (optional), {@code deputy_official_id}/{@code deputyOfficialId}
 * (optional), {@code calendar_id}/{@code calendarId}, {@code valid_from}/{@code validFrom}: a local
 * date {@code YYYY-MM-DD} in Asia/Ho_Chi_Minh, meaning 00:00 of that day there (empty = since
 * always, instant 0). A unit may appear on several rows, one per version, with different valid-from
 * dates.
 *
 * <p>Errors are {@code file:line: message} (line of the CSV record, or of the JSON object's opening
 * brace): a missing or bad field, a head missing, an unknown calendar, a duplicate version (same
 * unit id and valid-from), an unknown parent (not in the file), a cycle in the parent chain.
 */
public final class UnitDirectoryFile {
  /** Zone of the file's dates (the civil time of Vietnam, UTC+7, no daylight saving time). */
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final List<String> CSV_COLUMNS =
      List.of(
          "unit_id",
          "name",
          "parent_id",
          "level",
          "head_official_id",
          "head_name",
          "head_contact",
          "deputy_official_id",
          "calendar_id",
          "valid_from");

  private UnitDirectoryFile() {}

  /** One row as read, before validation: field values by CSV column name, and its line. */
  private record Row(long line, Map<String, String> fields) {
    String get(String column) {
      String v = fields.get(column);
      return v == null || v.isBlank() ? null : v.strip();
    }
  }

  /**
   * Reads and validates a directory file; {@code .json} files are JSON, anything else CSV.
   *
   * @param file the file, UTF-8
   * @param calendarIds the known working-day calendar ids
   * @return every unit version of the file, in file order; validFrom is a UTC instant
   * @throws UnitDirectoryException with every error as {@code file:line: message}, if any
   * @throws IOException if the file cannot be read
   */
  public static List<OrgUnit> read(Path file, Set<String> calendarIds) throws IOException {
    String name = file.toString();
    List<Row> rows;
    List<String> errors = new ArrayList<>();
    if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
      rows = readJson(file, name, errors);
    } else {
      rows = readCsv(file, name, errors);
    }
    if (!errors.isEmpty()) {
      throw new UnitDirectoryException(errors);
    }
    return validate(name, rows, calendarIds);
  }

  private static List<Row> readCsv(Path file, String name, List<String> errors) throws IOException {
    List<Row> rows = new ArrayList<>();
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      List<String> header = parser.getHeaderNames();
      for (String required : List.of("unit_id", "name", "level", "calendar_id")) {
        if (!header.contains(required)) {
          errors.add(name + ":1: header has no " + required + " column");
        }
      }
      for (String h : header) {
        if (!CSV_COLUMNS.contains(h)) {
          errors.add(name + ":1: unknown column " + h + " (known: " + CSV_COLUMNS + ")");
        }
      }
      if (!errors.isEmpty()) {
        return rows;
      }
      long previousEnd = parser.getCurrentLineNumber();
      for (CSVRecord r : parser) {
        Map<String, String> fields = new HashMap<>();
        for (String h : header) {
          fields.put(h, r.isSet(h) ? r.get(h) : null);
        }
        // The record starts on the line after the previous one ended (a quoted value may span
        // lines, so the record number is not the line).
        rows.add(new Row(previousEnd + 1, fields));
        previousEnd = parser.getCurrentLineNumber();
      }
    } catch (java.io.UncheckedIOException e) {
      errors.add(name + ": " + e.getCause().getMessage());
    } catch (IllegalArgumentException e) {
      errors.add(name + ":1: " + e.getMessage());
    }
    if (rows.isEmpty() && errors.isEmpty()) {
      errors.add(name + ": no units (an empty directory file)");
    }
    return rows;
  }

  private static final Map<String, String> JSON_TO_CSV;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("unitId", "unit_id");
    m.put("name", "name");
    m.put("parentId", "parent_id");
    m.put("level", "level");
    m.put("headOfficialId", "head_official_id");
    m.put("headName", "head_name");
    m.put("headContact", "head_contact");
    m.put("deputyOfficialId", "deputy_official_id");
    m.put("calendarId", "calendar_id");
    m.put("validFrom", "valid_from");
    JSON_TO_CSV = Map.copyOf(m);
  }

  private static List<Row> readJson(Path file, String name, List<String> errors)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    try (JsonParser p =
        mapper.createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        errors.add(name + ":" + p.currentLocation().getLineNr() + ": expected a JSON array");
        return rows;
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        long line = p.currentLocation().getLineNr();
        JsonNode node = p.readValueAsTree();
        Map<String, String> fields = new HashMap<>();
        var names = node.fieldNames();
        while (names.hasNext()) {
          String f = names.next();
          String column = JSON_TO_CSV.get(f);
          if (column == null) {
            errors.add(name + ":" + line + ": unknown field " + f);
            continue;
          }
          JsonNode v = node.get(f);
          fields.put(column, v.isNull() ? null : v.asText());
        }
        rows.add(new Row(line, fields));
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        errors.add(
            name + ":" + p.currentLocation().getLineNr() + ": expected a JSON object per unit");
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      errors.add(name + ":" + line + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (rows.isEmpty() && errors.isEmpty()) {
      errors.add(name + ": no units (an empty directory file)");
    }
    return rows;
  }

  /**
   * Validates one unit version sent alone, in the JSON format of a directory file's object (see the
   * class comment), against the directory it joins, with the rules of {@link #read}: a missing or
   * bad field, a head missing, an unknown calendar, an unknown parent (not in the directory), a
   * cycle in the parent chain over all versions. A version with the same unit id and valid-from as
   * one already in the directory replaces it (a correction).
   *
   * @param unit one JSON object, e.g. {@code {"unitId": "hn-x", "name": "...", "parentId": ...}}
   * @param directory the unit versions the directory holds now
   * @param calendarIds the known working-day calendar ids
   * @return the unit version; validFrom is a UTC instant
   * @throws InvalidUnitException naming each bad JSON field
   */
  public static OrgUnit readOne(
      JsonNode unit, java.util.Collection<OrgUnit> directory, Set<String> calendarIds) {
    List<InvalidUnitException.Problem> problems = new ArrayList<>();
    if (unit == null || !unit.isObject()) {
      throw new InvalidUnitException(
          List.of(new InvalidUnitException.Problem("body", "expected one JSON object")));
    }
    Map<String, String> fields = new HashMap<>();
    var names = unit.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      String column = JSON_TO_CSV.get(f);
      JsonNode v = unit.get(f);
      if (column == null) {
        problems.add(new InvalidUnitException.Problem(f, "unknown field " + f));
      } else if (v.isContainerNode()) {
        problems.add(new InvalidUnitException.Problem(f, f + " must be a string or a number"));
      } else {
        fields.put(column, v.isNull() ? null : v.asText());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidUnitException(problems);
    }
    Row sent = new Row(1, fields);
    String unitId = sent.get("unit_id");
    List<Row> rows = new ArrayList<>();
    rows.add(sent);
    long line = 2;
    for (OrgUnit u : directory) {
      Row r = rowOf(line++, u);
      boolean sameVersion =
          u.getUnitId().equals(unitId)
              && java.util.Objects.equals(r.get("valid_from"), sent.get("valid_from"));
      if (!sameVersion) {
        rows.add(r);
      }
    }
    try {
      return validate("unit", rows, calendarIds).get(0);
    } catch (UnitDirectoryException e) {
      for (String error : e.errors()) {
        boolean mine = error.startsWith("unit:1: ");
        String message = error.substring(error.indexOf(": ") + 2);
        if (mine || message.startsWith("cycle in parent chain") && message.contains(unitId)) {
          problems.add(new InvalidUnitException.Problem(fieldOf(message), message));
        }
      }
      if (problems.isEmpty()) {
        // Only versions already in the directory break a rule (e.g. a calendar since removed).
        problems.add(
            new InvalidUnitException.Problem(
                "directory", "the directory on org-units is invalid: " + e.errors().get(0)));
      }
      throw new InvalidUnitException(problems);
    }
  }

  /**
   * The JSON field a message of {@link #validate} is about: messages start with the CSV column they
   * concern ({@code level must be ...}, {@code head missing: head_name is empty ...}) or with the
   * rule ({@code unknown parent}, {@code cycle in parent chain}, {@code unknown calendar}, {@code
   * duplicate unit}).
   */
  private static String fieldOf(String message) {
    if (message.startsWith("unknown parent") || message.startsWith("cycle in parent chain")) {
      return "parentId";
    }
    if (message.startsWith("unknown calendar")) {
      return "calendarId";
    }
    if (message.startsWith("duplicate unit")) {
      return "validFrom";
    }
    String m = message.startsWith("head missing: ") ? message.substring(14) : message;
    int space = m.indexOf(' ');
    String column = space < 0 ? m : m.substring(0, space);
    for (Map.Entry<String, String> e : JSON_TO_CSV.entrySet()) {
      if (e.getValue().equals(column)) {
        return e.getKey();
      }
    }
    return "unitId";
  }

  /** A unit version as a row of the file (valid_from as its local date; empty = since always). */
  private static Row rowOf(long line, OrgUnit u) {
    Map<String, String> f = new HashMap<>();
    f.put("unit_id", u.getUnitId());
    f.put("name", u.getName());
    f.put("parent_id", u.getParentId());
    f.put("level", Integer.toString(u.getLevel()));
    if (u.getHead() != null) {
      f.put("head_official_id", u.getHead().getOfficialId());
      f.put("head_name", u.getHead().getName());
      f.put("head_contact", u.getHead().getContact());
    }
    f.put("deputy_official_id", u.getDeputyOfficialId());
    f.put("calendar_id", u.getCalendarId());
    f.put(
        "valid_from",
        u.getValidFrom().equals(Instant.EPOCH)
            ? null
            : LocalDate.ofInstant(u.getValidFrom(), ZONE).toString());
    return new Row(line, f);
  }

  private static List<OrgUnit> validate(String name, List<Row> rows, Set<String> calendarIds) {
    List<String> errors = new ArrayList<>();
    List<OrgUnit> units = new ArrayList<>();
    Map<String, Long> firstLineOfVersion = new HashMap<>();
    Map<String, Long> firstLineOfUnit = new HashMap<>();
    for (Row row : rows) {
      String at = name + ":" + row.line() + ": ";
      String unitId = row.get("unit_id");
      if (unitId == null) {
        errors.add(at + "unit_id is missing");
        continue;
      }
      if (!UnitIds.valid(unitId)) {
        errors.add(at + "unit_id is not a valid unit id (" + UnitIds.EXPECTED + ")");
        continue;
      }
      firstLineOfUnit.putIfAbsent(unitId, row.line());
    }
    Map<String, List<String>> parentsOf = new HashMap<>();
    for (Row row : rows) {
      String at = name + ":" + row.line() + ": ";
      String unitId = row.get("unit_id");
      if (unitId == null || !UnitIds.valid(unitId)) {
        continue;
      }
      int errorsBefore = errors.size();
      String unitName = row.get("name");
      if (unitName == null) {
        errors.add(at + "name is missing");
      }
      Integer level = null;
      String levelText = row.get("level");
      if (levelText == null) {
        errors.add(at + "level is missing");
      } else {
        try {
          level = Integer.parseInt(levelText);
          if (level < 0) {
            errors.add(at + "level must be 0 or more, got " + levelText);
          }
        } catch (NumberFormatException e) {
          errors.add(at + "level must be a whole number, got " + levelText);
        }
      }
      String headId = row.get("head_official_id");
      String headName = row.get("head_name");
      if (headId == null) {
        errors.add(at + "head missing: head_official_id is empty for unit " + unitId);
      } else if (!OfficialIds.valid(headId)) {
        // the head signs decisions: his id is an actor's id, the rule of OfficialIds
        errors.add(at + "head_official_id is not an official id (" + OfficialIds.EXPECTED + ")");
      }
      String deputyId = row.get("deputy_official_id");
      if (deputyId != null && !OfficialIds.valid(deputyId)) {
        errors.add(at + "deputy_official_id is not an official id (" + OfficialIds.EXPECTED + ")");
      }
      if (headName == null) {
        errors.add(at + "head missing: head_name is empty for unit " + unitId);
      }
      String calendarId = row.get("calendar_id");
      if (calendarId == null) {
        errors.add(at + "calendar_id is missing");
      } else if (!calendarIds.contains(calendarId)) {
        errors.add(at + "unknown calendar " + calendarId + " (known: " + sorted(calendarIds) + ")");
      }
      Instant validFrom = Instant.EPOCH;
      String validFromText = row.get("valid_from");
      if (validFromText != null) {
        try {
          validFrom = LocalDate.parse(validFromText).atStartOfDay(ZONE).toInstant();
          if (validFrom.isBefore(Instant.EPOCH)) {
            errors.add(
                at
                    + "valid_from "
                    + validFromText
                    + " is before 1970-01-02 (Kafka timestamps); leave it empty for since always");
          }
        } catch (DateTimeException e) {
          errors.add(at + "valid_from must be a date YYYY-MM-DD, got " + validFromText);
        }
      }
      String versionKey = unitId + "|" + validFrom.toEpochMilli();
      Long first = firstLineOfVersion.putIfAbsent(versionKey, row.line());
      if (first != null) {
        errors.add(
            at
                + "duplicate unit "
                + unitId
                + " valid from "
                + (validFromText == null ? "always" : validFromText)
                + " (first at line "
                + first
                + ")");
      }
      String parentId = row.get("parent_id");
      if (parentId != null) {
        if (!firstLineOfUnit.containsKey(parentId)) {
          errors.add(at + "unknown parent " + parentId + " of unit " + unitId);
        } else {
          parentsOf.computeIfAbsent(unitId, k -> new ArrayList<>()).add(parentId);
        }
      }
      if (errors.size() == errorsBefore) {
        units.add(
            OrgUnit.newBuilder()
                .setUnitId(unitId)
                .setName(unitName)
                .setParentId(parentId)
                .setLevel(level)
                .setHead(
                    UnitHead.newBuilder()
                        .setOfficialId(headId)
                        .setName(headName)
                        .setContact(row.get("head_contact"))
                        .build())
                .setDeputyOfficialId(row.get("deputy_official_id"))
                .setCalendarId(calendarId)
                .setValidFrom(validFrom)
                .build());
      }
    }
    cycles(name, parentsOf, firstLineOfUnit, errors);
    if (!errors.isEmpty()) {
      throw new UnitDirectoryException(errors);
    }
    return units;
  }

  /** Reports each cycle of the parent graph (over all versions) once, at its first unit's line. */
  private static void cycles(
      String name,
      Map<String, List<String>> parentsOf,
      Map<String, Long> firstLineOfUnit,
      List<String> errors) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
    for (String start : firstLineOfUnit.keySet().stream().sorted().toList()) {
      dfs(start, new ArrayList<>(), state, parentsOf, name, firstLineOfUnit, errors);
    }
  }

  private static void dfs(
      String unit,
      List<String> path,
      Map<String, Integer> state,
      Map<String, List<String>> parentsOf,
      String name,
      Map<String, Long> firstLineOfUnit,
      List<String> errors) {
    Integer s = state.get(unit);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(unit), path.size()));
      cycle.add(unit);
      String first = cycle.get(0);
      errors.add(
          name
              + ":"
              + firstLineOfUnit.get(first)
              + ": cycle in parent chain: "
              + String.join(" -> ", cycle));
      return;
    }
    state.put(unit, 1);
    path.add(unit);
    for (String parent : parentsOf.getOrDefault(unit, List.of())) {
      dfs(parent, path, state, parentsOf, name, firstLineOfUnit, errors);
    }
    path.remove(path.size() - 1);
    state.put(unit, 2);
  }

  private static List<String> sorted(Set<String> ids) {
    return ids.stream().sorted().toList();
  }
}
