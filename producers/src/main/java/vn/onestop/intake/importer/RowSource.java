package vn.onestop.intake.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads the rows of one import file, UTF-8 (a leading byte-order mark is skipped; a file that is
 * not UTF-8 stops the import with its first bad line), optionally gzip-compressed ({@code .gz}
 * suffix):
 *
 * <ul>
 *   <li>CSV (RFC 4180, header line first, quoted fields may span lines): any other extension.
 *   <li>JSON Lines ({@code .jsonl}, {@code .ndjson}, {@code .json}): one JSON object per line;
 *       scalar values are taken as text, null as empty; blank lines are skipped.
 * </ul>
 *
 * Line numbers are 1-based and name the line where a row starts.
 */
public final class RowSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Receives rows and unreadable lines. */
  public interface Sink {
    /**
     * @param row a row
     */
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
   * @throws IOException when the file cannot be read, is not UTF-8, or a CSV file is malformed (the
   *     message names file and line)
   */
  public static void read(Path file, Sink sink) throws IOException {
    read(file, java.util.List.of(), sink);
  }

  /**
   * @param file the file
   * @param requiredColumns columns a CSV header must have (JSON Lines rows are checked row by row)
   * @param sink receiver
   * @throws IOException as {@link #read(Path, Sink)}, and naming the file when a CSV file is empty
   *     or its header lacks a required column
   */
  public static void read(Path file, java.util.List<String> requiredColumns, Sink sink)
      throws IOException {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    boolean gzip = lower.endsWith(".gz");
    if (gzip) {
      lower = lower.substring(0, lower.length() - 3);
    }
    // newDecoder() reports malformed input (an InputStreamReader given a Charset would replace it).
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(open(file, gzip), StandardCharsets.UTF_8.newDecoder()))) {
      skipBom(reader);
      if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
        readJsonLines(name, reader, sink);
      } else {
        readCsv(name, reader, requiredColumns, sink);
      }
    } catch (CharacterCodingException e) {
      throw new IOException(
          name
              + ":"
              + firstNonUtf8Line(file, gzip)
              + ": not valid UTF-8; the import reads UTF-8"
              + " only (convert the file first, e.g. iconv -f WINDOWS-1258 -t UTF-8)",
          e);
    }
  }

  private static InputStream open(Path file, boolean gzip) throws IOException {
    InputStream in = Files.newInputStream(file);
    return gzip ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /**
   * @return the 1-based number of the first line that is not valid UTF-8 (0 if none is found)
   */
  static long firstNonUtf8Line(Path file, boolean gzip) throws IOException {
    try (InputStream in = new BufferedInputStream(open(file, gzip))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long n = 1;
      int b;
      while (true) {
        b = in.read();
        if (b == '\n' || b < 0) {
          try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line.toByteArray()));
          } catch (CharacterCodingException e) {
            return n;
          }
          if (b < 0) {
            return 0;
          }
          line.reset();
          n++;
        } else {
          line.write(b);
        }
      }
    }
  }

  private static void skipBom(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
  }

  private static void readCsv(
      String name, Reader reader, java.util.List<String> required, Sink sink) throws IOException {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
            .setIgnoreEmptyLines(true)
            .get();
    try (CSVParser parser = format.parse(reader)) {
      List<String> header = parser.getHeaderNames();
      if (header.isEmpty()) {
        throw new IOException(name + ": empty file (no header line)");
      }
      List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new IOException(
            name
                + ":1: header lacks "
                + missing
                + " required by this profile (is --profile right?"
                + " the header starts with "
                + header.subList(0, Math.min(5, header.size()))
                + ")");
      }
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
          if (e.getCause() instanceof CharacterCodingException notUtf8) {
            throw notUtf8;
          }
          throw new IOException(
              name + ":" + startLine + ": malformed CSV: " + e.getCause().getMessage(), e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rec.toMap().entrySet()) {
          fields.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        if (!rec.isConsistent()) {
          sink.unreadable(
              name,
              startLine,
              "row has " + rec.size() + " fields, header has " + parser.getHeaderNames().size());
          continue;
        }
        sink.row(new SourceRow(name, startLine, fields));
      }
    }
  }

  private static void readJsonLines(String name, BufferedReader reader, Sink sink)
      throws IOException {
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
        // Jackson's message quotes the offending token (it may be a name): give its place only.
        String at =
            e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    && j.getLocation() != null
                ? " at column " + j.getLocation().getColumnNr()
                : "";
        sink.unreadable(name, n, "malformed JSON" + at);
        continue;
      }
      if (node == null || !node.isObject()) {
        sink.unreadable(name, n, "line is not a JSON object");
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      node.fields()
          .forEachRemaining(
              e -> {
                JsonNode v = e.getValue();
                fields.put(
                    e.getKey(), v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
              });
      sink.row(new SourceRow(name, n, fields));
    }
  }
}
