package vn.onestop.intake.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads the rows of one import file, UTF-8 (a leading byte-order mark is skipped):
 * <ul>
 *   <li>CSV (RFC 4180, header line first, quoted fields may span lines): any other extension.</li>
 *   <li>JSON Lines ({@code .jsonl}, {@code .ndjson}, {@code .json}): one JSON object per line;
 *       scalar values are taken as text, null as empty; blank lines are skipped.</li>
 * </ul>
 * Line numbers are 1-based and name the line where a row starts.
 */
public final class RowSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Receives rows and unreadable lines. */
  public interface Sink {
    /** @param row a row */
    void row(SourceRow row);

    /**
     * @param file file name
     * @param line line number
     * @param detail why the line cannot be read
     */
    void unreadable(String file, long line, String detail);
  }

  private RowSource() {}

  /**
   * @param file the file
   * @param sink receiver
   * @throws IOException when the file cannot be read, or a CSV file is malformed (the message names
   *     file and line)
   */
  public static void read(Path file, Sink sink) throws IOException {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      skipBom(reader);
      if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
        readJsonLines(name, reader, sink);
      } else {
        readCsv(name, reader, sink);
      }
    }
  }

  private static void skipBom(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
  }

  private static void readCsv(String name, Reader reader, Sink sink) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setAllowMissingColumnNames(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
        .setIgnoreEmptyLines(true)
        .get();
    try (CSVParser parser = format.parse(reader)) {
      Iterator<CSVRecord> it = parser.iterator();
      while (true) {
        long startLine = parser.getCurrentLineNumber() + 1;
        CSVRecord rec;
        try {
          if (!it.hasNext()) {
            break;
          }
          rec = it.next();
        } catch (UncheckedIOException e) {
          throw new IOException(name + ":" + startLine + ": malformed CSV: " + e.getCause().getMessage(), e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rec.toMap().entrySet()) {
          fields.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        if (!rec.isConsistent()) {
          sink.unreadable(name, startLine, "row has " + rec.size() + " fields, header has "
              + parser.getHeaderNames().size());
          continue;
        }
        sink.row(new SourceRow(name, startLine, fields));
      }
    }
  }

  private static void readJsonLines(String name, BufferedReader reader, Sink sink) throws IOException {
    String line;
    long n = 0;
    while ((line = reader.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        sink.unreadable(name, n, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
        continue;
      }
      if (node == null || !node.isObject()) {
        sink.unreadable(name, n, "line is not a JSON object");
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> {
        JsonNode v = e.getValue();
        fields.put(e.getKey(), v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
      });
      sink.row(new SourceRow(name, n, fields));
    }
  }
}
