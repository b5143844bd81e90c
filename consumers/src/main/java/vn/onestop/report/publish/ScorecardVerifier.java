package vn.onestop.report.publish;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
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
 *       ones); {@code M/scorecard.csv} and every HTML page of the month ({@code M/index.html},
 *       {@code M/unit-U.html}, {@code M/head-H.html}, {@code M/drilldown/unit-U.html}, and the
 *       site's {@code index.html} for the latest month), not hashed by the record, equal the files
 *       rendered again by the publisher's own code from the recomputed scorecards (the month and
 *       the eleven before it, the drill-down of the month): the CSV cell by cell ({@code
 *       units[U].column}), a page figure by figure ({@link PageFigures}: {@code section / row /
 *       column}); when the month's recomputed figures equal the signed ones the expected value is
 *       called "signed";
 *   <li>reconciliation: every signed figure and every drill-down list equals the one recomputed
 *       from the events ({@link ScorecardComputation}).
 * </ol>
 *
 * Each problem names the month, the file where there is one, and the figure.
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
   * @param recompute (months, drill-down months) → their scorecards recomputed from the events,
   *     e.g. {@code (m, d) -> ScorecardComputation.of(log, policies, m, d)}
   * @return the report
   * @throws IOException if the directory cannot be read
   */
  @SuppressWarnings("unchecked")
  public static Report verify(
      Path dir,
      SigningKey pinned,
      BiFunction<Collection<YearMonth>, Set<YearMonth>, ScorecardComputation> recompute)
      throws IOException {
    List<YearMonth> months = ScorecardPublisher.recordedMonths(dir);
    List<String> problems = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>();
    if (months.isEmpty()) {
      return new Report(months, List.of(), List.of());
    }
    TreeSet<YearMonth> window = new TreeSet<>();
    for (YearMonth m : months) {
      for (int i = 0; i < ScorecardPublisher.TREND_MONTHS; i++) {
        window.add(m.minusMonths(i));
      }
    }
    ScorecardComputation computed = recompute.apply(window, Set.copyOf(months));
    Map<YearMonth, Scorecard> again = computed.scorecards();
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
      int before = problems.size();
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
      boolean reconciles = problems.size() == before;
      checkPages(
          dir, m, months, computed, m.equals(months.get(months.size() - 1)), reconciles, problems);
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
   * The month's HTML pages against the pages rendered again from the recomputed scorecards by the
   * publisher's own {@link ScorecardSite}: each page that differs is reported with its figures that
   * differ ({@link PageFigures}), or as changed outside any figure.
   */
  private static void checkPages(
      Path dir,
      YearMonth m,
      List<YearMonth> recorded,
      ScorecardComputation computed,
      boolean latest,
      boolean reconciles,
      List<String> problems)
      throws IOException {
    List<Scorecard> trend = new ArrayList<>();
    for (int i = ScorecardPublisher.TREND_MONTHS - 1; i >= 0; i--) {
      trend.add(computed.scorecards().get(m.minusMonths(i)));
    }
    List<YearMonth> published = recorded.stream().filter(x -> !x.isAfter(m)).toList();
    Map<String, String> pages =
        new ScorecardSite(trend, computed.dueRows().getOrDefault(m, Map.of()), published).render();
    String expected = reconciles ? "signed" : "recomputed from case-events";
    for (Map.Entry<String, String> page : pages.entrySet()) {
      String rel = page.getKey();
      if (!rel.endsWith(".html") || (rel.equals("index.html") && !latest)) {
        continue;
      }
      String text;
      try {
        text = Files.readString(dir.resolve(rel), StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        problems.add(m + ": " + rel + " is missing");
        continue;
      } catch (java.nio.charset.CharacterCodingException e) {
        problems.add(m + ": " + rel + " is not UTF-8 text");
        continue;
      }
      if (text.equals(page.getValue())) {
        continue;
      }
      int n = problems.size();
      compare(
          m,
          rel + " figure",
          new java.util.LinkedHashMap<String, Object>(PageFigures.of(page.getValue())),
          new java.util.LinkedHashMap<String, Object>(PageFigures.of(text)),
          problems,
          expected,
          "in the file");
      if (problems.size() == n) {
        problems.add(m + ": " + rel + " was changed outside its figures (markup differs)");
      }
    }
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
