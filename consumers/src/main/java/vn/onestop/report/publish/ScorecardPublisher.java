package vn.onestop.report.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import vn.onestop.report.scorecard.Scorecard;
import vn.onestop.sla.policy.PolicyBook;

/**
 * {@code onestop kpi publish --month M --out DIR}: computes the scorecards of M and the eleven
 * months before it from the event log ({@link ScorecardComputation}) and writes the static site
 * into DIR:
 *
 * <pre>
 * index.html                      the latest published month (ranking, 12-month trends)
 * M/index.html, M/unit-U.html, M/head-H.html
 * M/scorecard.json                public figures, canonical JSON (no case ids)
 * M/scorecard.csv                 the same figures, one row per unit
 * M/drilldown/drilldown.json      case ids behind each figure (officials)
 * M/drilldown/unit-U.html         the same with deadlines ("hết ngày D") and times
 * records/M.jws                   the signed record ({@link MonthRecord}), chained to the previous
 * records/keys/T.jwk              the public signing key, named by its RFC 7638 thumbprint T
 * </pre>
 *
 * Every file is rendered first and written into a staging folder beside DIR (in DIR's parent, which
 * must exist), then moved into DIR, the record last: a run that fails before the moves leaves DIR
 * untouched, and a failed run never leaves a record for the month. Months are published in order:
 * publishing M when DIR already holds a record of a later month is refused (it would break the
 * chain); publishing the latest month again replaces its record (chained to the same previous
 * record).
 */
public final class ScorecardPublisher {
  /** Months of the trend, the published month included. */
  public static final int TREND_MONTHS = 12;

  private ScorecardPublisher() {}

  /**
   * What a publication wrote.
   *
   * @param month the month
   * @param record the record file
   * @param recordSha256 its hash (the next month links to it)
   * @param previousMonth the month it links to, null for the first record
   * @param files every file written, the record last
   */
  public record Published(
      YearMonth month,
      Path record,
      String recordSha256,
      YearMonth previousMonth,
      List<Path> files) {}

  /**
   * @param dir a published directory
   * @return the months with a record in {@code DIR/records}, in order
   * @throws IOException if the folder cannot be listed
   */
  public static List<YearMonth> recordedMonths(Path dir) throws IOException {
    Path records = dir.resolve("records");
    if (!Files.isDirectory(records)) {
      return List.of();
    }
    TreeSet<YearMonth> out = new TreeSet<>();
    try (Stream<Path> s = Files.list(records)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{4}-\\d{2}\\.jws"))
          .forEach(n -> out.add(YearMonth.parse(n.substring(0, 7))));
    }
    return List.copyOf(out);
  }

  /**
   * Publishes a month.
   *
   * @param log the recorded events and directory
   * @param policies the engine's SLA policies
   * @param month the month (should have ended: its figures are final only then)
   * @param out the site folder (created if missing)
   * @param key the private signing key
   * @return what was written
   * @throws IllegalStateException if DIR holds a record of a later month
   * @throws IOException if writing fails
   */
  public static Published publish(
      EventLog log, PolicyBook policies, YearMonth month, Path out, SigningKey key)
      throws IOException {
    List<YearMonth> recorded = recordedMonths(out);
    YearMonth previous = null;
    if (!recorded.isEmpty() && recorded.get(recorded.size() - 1).isAfter(month)) {
      YearMonth m = recorded.get(recorded.size() - 1);
      throw new IllegalStateException(
          out
              + " already holds the record of "
              + m
              + ", later than "
              + month
              + ": publishing "
              + month
              + " now would break the chain (publish months in order)");
    }
    for (YearMonth m : recorded) {
      if (m.isBefore(month)) {
        previous = m;
      }
    }
    String previousHash =
        previous == null
            ? null
            : ScorecardJson.sha256(Files.readAllBytes(recordFile(out, previous)));
    List<YearMonth> months = new ArrayList<>();
    for (int i = TREND_MONTHS - 1; i >= 0; i--) {
      months.add(month.minusMonths(i));
    }
    ScorecardComputation c = ScorecardComputation.of(log, policies, months, Set.of(month));
    Scorecard sc = c.scorecards().get(month);
    Map<String, Object> figures = ScorecardJson.publicFigures(sc);
    byte[] publicJson = ScorecardJson.canonical(figures);
    byte[] drilldown = ScorecardJson.canonical(ScorecardJson.drilldown(sc));
    // every file is rendered first, written into a staging folder beside DIR, then moved into
    // DIR, the record last: a failure before the moves leaves DIR as it was
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> f :
        new ScorecardSite(
                List.copyOf(c.scorecards().values()),
                c.dueRows().get(month),
                withMonth(recorded, month))
            .render()
            .entrySet()) {
      files.put(f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
    }
    files.put(month + "/scorecard.json", publicJson);
    files.put(month + "/drilldown/drilldown.json", drilldown);
    SigningKey pub = key.publicKey();
    files.put(
        "records/keys/" + pub.thumbprint() + ".jwk",
        pub.jwk().toJSONString().getBytes(StandardCharsets.UTF_8));
    MonthRecord record =
        MonthRecord.sign(
            key,
            month,
            figures,
            ScorecardJson.sha256(publicJson),
            ScorecardJson.sha256(drilldown),
            previous,
            previousHash);
    String recordRel = "records/" + month + ".jws";
    files.put(recordRel, record.compact().getBytes(StandardCharsets.US_ASCII));
    List<Path> written = writeAll(out, files);
    Path rf = out.resolve(recordRel);
    return new Published(month, rf, record.sha256(), previous, List.copyOf(written));
  }

  private static List<YearMonth> withMonth(List<YearMonth> recorded, YearMonth month) {
    TreeSet<YearMonth> all = new TreeSet<>(recorded);
    all.add(month);
    return List.copyOf(all);
  }

  static Path recordFile(Path dir, YearMonth m) {
    return dir.resolve("records").resolve(m + ".jws");
  }

  /**
   * Writes every file into a staging folder in DIR's parent (same file system), then moves each
   * into DIR in the given order (atomic renames), and deletes the staging folder.
   *
   * @throws java.nio.file.NoSuchFileException if DIR's parent does not exist
   */
  private static List<Path> writeAll(Path out, Map<String, byte[]> files) throws IOException {
    Path abs = out.toAbsolutePath();
    Path parent = abs.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new java.nio.file.NoSuchFileException(String.valueOf(parent));
    }
    Path staging = Files.createTempDirectory(parent, ".publish-");
    List<Path> written = new ArrayList<>();
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path tmp = staging.resolve(f.getKey());
        Files.createDirectories(tmp.getParent());
        Files.write(tmp, f.getValue());
      }
      Files.createDirectories(abs);
      for (String rel : files.keySet()) {
        Path to = out.resolve(rel);
        Files.createDirectories(to.toAbsolutePath().getParent());
        Files.move(
            staging.resolve(rel),
            to,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        written.add(to);
      }
    } finally {
      try (Stream<Path> left = Files.walk(staging)) {
        for (Path p : left.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    return written;
  }
}
