package vn.onestop.report.publish;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import vn.onestop.report.scorecard.Scorecard;

/**
 * {@code onestop kpi verify DIR}: re-checks a published directory ({@link ScorecardPublisher}). For
 * every record, oldest first:
 *
 * <ol>
 *   <li>the JWS signature, with the key {@code records/keys/<kid>.jwk} named by the header (its
 *       thumbprint must equal the kid) or with a pinned public key;
 *   <li>the link: {@code previousMonth} is the month of the record before it (null for the first)
 *       and {@code previousRecordSha256} the SHA-256 of that record's file;
 *   <li>the files: {@code M/scorecard.json} and {@code M/drilldown/drilldown.json} hash to the
 *       signed values (a changed file is reported with the figures that differ from the signed
 *       ones); {@code M/scorecard.csv}, not in the record, equals the CSV rendered from the
 *       recomputed scorecard, cell by cell (the HTML pages are not checked);
 *   <li>reconciliation: every signed figure and every drill-down list equals the one recomputed
 *       from the events ({@link ScorecardComputation}).
 * </ol>
 *
 * Each problem names the month and the figure.
 */
public final class ScorecardVerifier {
  private ScorecardVerifier() {}

  /**
   * The outcome.
   *
   * @param months the months checked, in order
   * @param keys the thumbprints of the keys that verified the records
   * @param problems every problem found, in month order ({@code "YYYY-MM: ..."})
   */
  public record Report(List<YearMonth> months, List<String> keys, List<String> problems) {
    /**
     * @return true when the chain verifies and every figure reconciles
     */
    public boolean ok() {
      return problems.isEmpty() && !months.isEmpty();
    }

    /**
     * @param out where to print the result
     */
    public void print(PrintStream out) {
      if (months.isEmpty()) {
        out.println("kpi verify: no record found under records/");
        return;
      }
      for (String p : problems) {
        out.println("MISMATCH " + p);
      }
      out.println(
          "kpi verify: "
              + months.size()
              + " month(s) "
              + months.get(0)
              + ".."
              + months.get(months.size() - 1)
              + ", signing key(s) "
              + String.join(", ", keys)
              + (ok()
                  ? ": chain, signatures, files and every figure reconcile with case-events"
                  : ": " + problems.size() + " problem(s)"));
    }
  }

  /**
   * Verifies a directory.
   *
   * @param dir the published directory
   * @param pinned a public key every record must verify with, or null to use {@code records/keys}
   * @param recompute months → scorecards recomputed from the events
   * @return the report
   * @throws IOException if the directory cannot be read
   */
  @SuppressWarnings("unchecked")
  public static Report verify(
      Path dir, SigningKey pinned, Function<List<YearMonth>, Map<YearMonth, Scorecard>> recompute)
      throws IOException {
    List<YearMonth> months = ScorecardPublisher.recordedMonths(dir);
    List<String> problems = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>();
    if (months.isEmpty()) {
      return new Report(months, List.of(), List.of());
    }
    Map<YearMonth, Scorecard> again = recompute.apply(months);
    YearMonth previous = null;
    String previousHash = null;
    for (YearMonth m : months) {
      byte[] raw = Files.readAllBytes(ScorecardPublisher.recordFile(dir, m));
      MonthRecord r = new MonthRecord(new String(raw, StandardCharsets.US_ASCII).trim());
      Map<String, Object> p;
      try {
        p = r.payload();
      } catch (IllegalArgumentException e) {
        problems.add(m + ": records/" + m + ".jws is " + e.getMessage());
        previous = m;
        previousHash = ScorecardJson.sha256(raw);
        continue;
      }
      SigningKey key = pinned;
      if (key == null) {
        key = publishedKey(dir, r.keyId(), m, problems);
      }
      if (key != null) {
        if (r.signatureValid(key)) {
          keys.add(key.thumbprint());
        } else {
          problems.add(m + ": the signature of records/" + m + ".jws does not verify");
        }
      }
      if (!m.toString().equals(p.get("month"))) {
        problems.add(m + ": the record names month " + p.get("month"));
      }
      String pm = previous == null ? null : previous.toString();
      if (!Objects.equals(pm, p.get("previousMonth"))) {
        problems.add(
            m
                + ": chain broken: the record links to month "
                + p.get("previousMonth")
                + ", the previous record is "
                + pm);
      } else if (!Objects.equals(previousHash, p.get("previousRecordSha256"))) {
        problems.add(
            m
                + ": chain broken: previousRecordSha256 is "
                + p.get("previousRecordSha256")
                + " but records/"
                + previous
                + ".jws hashes to "
                + previousHash
                + " (the previous record was changed or replaced)");
      }
      Object signed = p.get("figures");
      checkFile(dir, m, m + "/scorecard.json", (String) p.get("scorecardSha256"), signed, problems);
      Object drill =
          checkFile(
              dir,
              m,
              m + "/drilldown/drilldown.json",
              (String) p.get("drilldownSha256"),
              null,
              problems);
      Scorecard sc = again.get(m);
      checkCsv(dir, m, sc, problems);
      compare(
          m,
          "figure",
          ScorecardJson.flatten(signed),
          ScorecardJson.flatten(
              ScorecardJson.parse(ScorecardJson.canonical(ScorecardJson.publicFigures(sc)))),
          problems);
      if (drill != null) {
        compare(
            m,
            "drill-down",
            ScorecardJson.flatten(drill),
            ScorecardJson.flatten(
                ScorecardJson.parse(ScorecardJson.canonical(ScorecardJson.drilldown(sc)))),
            problems);
      }
      previous = m;
      previousHash = ScorecardJson.sha256(raw);
    }
    return new Report(months, List.copyOf(keys), List.copyOf(problems));
  }

  private static SigningKey publishedKey(Path dir, String kid, YearMonth m, List<String> problems) {
    if (kid == null || !kid.matches("[A-Za-z0-9_-]{1,128}")) {
      problems.add(m + ": the record's JWS header names no usable key id");
      return null;
    }
    Path f = dir.resolve("records/keys/" + kid + ".jwk");
    try {
      SigningKey k = SigningKey.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString());
      if (!k.thumbprint().equals(kid)) {
        problems.add(m + ": " + f + " has thumbprint " + k.thumbprint() + ", not " + kid);
        return null;
      }
      return k.publicKey();
    } catch (IOException | IllegalArgumentException e) {
      problems.add(m + ": signing key " + f + " missing or unreadable");
      return null;
    }
  }

  /**
   * Checks a file against its signed hash; on a mismatch reports the figures that differ from the
   * signed tree (when one is given).
   *
   * @return the file's parsed tree when it matches its hash, else null
   */
  private static Object checkFile(
      Path dir, YearMonth m, String rel, String hash, Object signed, List<String> problems)
      throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(dir.resolve(rel));
    } catch (NoSuchFileException e) {
      problems.add(m + ": " + rel + " is missing");
      return null;
    }
    if (ScorecardJson.sha256(bytes).equals(hash)) {
      return ScorecardJson.parse(bytes);
    }
    problems.add(m + ": " + rel + " was changed after signing (SHA-256 differs from the record)");
    if (signed != null) {
      try {
        compare(
            m,
            rel + " figure",
            ScorecardJson.flatten(signed),
            ScorecardJson.flatten(ScorecardJson.parse(bytes)),
            problems,
            "signed",
            "in the file");
      } catch (IOException e) {
        problems.add(m + ": " + rel + " is not JSON");
      }
    }
    return null;
  }

  /**
   * {@code M/scorecard.csv} is not in the signed record (its figures are those of {@code
   * scorecard.json}), so it is rendered again from the recomputed scorecard and compared cell by
   * cell: an edited figure is named as {@code units[U].column}.
   */
  private static void checkCsv(Path dir, YearMonth m, Scorecard sc, List<String> problems)
      throws IOException {
    String rel = m + "/scorecard.csv";
    String text;
    try {
      text = Files.readString(dir.resolve(rel), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problems.add(m + ": " + rel + " is missing");
      return;
    } catch (java.nio.charset.CharacterCodingException e) {
      problems.add(m + ": " + rel + " is not UTF-8 text");
      return;
    }
    Map<String, Object> inFile;
    try {
      inFile = csvCells(text);
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      problems.add(m + ": " + rel + " is not a readable CSV file");
      return;
    }
    compare(
        m,
        rel + " figure",
        csvCells(ScorecardSite.csv(sc)),
        inFile,
        problems,
        "recomputed from case-events",
        "in the file");
  }

  /**
   * @return {@code units[<unitId>].<column>} → cell text for every row, plus {@code header} (the
   *     header row joined by commas) and {@code rows} (the number of rows)
   */
  static Map<String, Object> csvCells(String text) {
    Map<String, Object> cells = new java.util.LinkedHashMap<>();
    try (org.apache.commons.csv.CSVParser parser =
        org.apache.commons.csv.CSVParser.parse(
            text, org.apache.commons.csv.CSVFormat.DEFAULT.builder().get())) {
      List<org.apache.commons.csv.CSVRecord> records = parser.getRecords();
      if (records.isEmpty()) {
        cells.put("rows", 0);
        return cells;
      }
      List<String> header = records.get(0).toList();
      cells.put("header", String.join(",", header));
      cells.put("rows", records.size() - 1);
      int unitColumn = header.indexOf("unitId");
      for (int i = 1; i < records.size(); i++) {
        List<String> row = records.get(i).toList();
        String unit = unitColumn >= 0 && unitColumn < row.size() ? row.get(unitColumn) : "row " + i;
        for (int c = 0; c < Math.max(row.size(), header.size()); c++) {
          String column = c < header.size() ? header.get(c) : "column " + (c + 1);
          cells.put("units[" + unit + "]." + column, c < row.size() ? row.get(c) : null);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return cells;
  }

  private static void compare(
      YearMonth m, String what, Map<String, Object> a, Map<String, Object> b, List<String> out) {
    compare(m, what, a, b, out, "published", "recomputed from case-events");
  }

  private static void compare(
      YearMonth m,
      String what,
      Map<String, Object> a,
      Map<String, Object> b,
      List<String> out,
      String aName,
      String bName) {
    TreeSet<String> paths = new TreeSet<>(a.keySet());
    paths.addAll(b.keySet());
    for (String path : paths) {
      Object x = a.get(path);
      Object y = b.get(path);
      if (!Objects.equals(x, y)) {
        out.add(m + ": " + what + " " + path + ": " + aName + " " + x + ", " + bName + " " + y);
      }
    }
  }
}
