package vn.onestop.report.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.report.scorecard.ScorecardScenario;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;

/**
 * {@code kpi publish} and {@code kpi verify} on a directory in a temp folder, over the
 * hand-computed {@link ScorecardScenario} (December 2025 and January 2026 published in order): the
 * published site verifies; a changed figure in a file, a re-signed false figure and a replaced
 * earlier record are each reported with the month and the figure.
 */
class ScorecardPublishVerifyTest {
  static final YearMonth DEC = YearMonth.of(2025, 12);
  static final YearMonth JAN = YearMonth.of(2026, 1);

  @TempDir Path dir;
  SigningKey key;
  EventLog log;

  @BeforeEach
  void publishDecemberThenJanuary() throws Exception {
    key = SigningKey.generate("test-kpi");
    log = ScorecardScenario.log();
    ScorecardPublisher.Published dec =
        ScorecardPublisher.publish(log, PolicyBook.defaults(), DEC, dir, key);
    assertThat(dec.previousMonth()).isNull();
    ScorecardPublisher.Published jan =
        ScorecardPublisher.publish(log, PolicyBook.defaults(), JAN, dir, key);
    assertThat(jan.previousMonth()).isEqualTo(DEC);
  }

  ScorecardVerifier.Report verify(SigningKey pinned) throws Exception {
    return ScorecardVerifier.verify(
        dir,
        pinned,
        (months, drill) -> ScorecardComputation.of(log, PolicyBook.defaults(), months, drill));
  }

  @Test
  void thePublishedSiteVerifies() throws Exception {
    ScorecardVerifier.Report r = verify(null);
    assertThat(r.problems()).isEmpty();
    assertThat(r.ok()).isTrue();
    assertThat(r.months()).containsExactly(DEC, JAN);
    assertThat(r.keys()).containsExactly(key.thumbprint());
    assertThat(verify(key.publicKey()).problems()).isEmpty();
    for (String f :
        List.of(
            "index.html",
            "2026-01/index.html",
            "2026-01/unit-A.html",
            "2026-01/head-a-002.html",
            "2026-01/head-a-001.html",
            "2026-01/scorecard.csv",
            "2026-01/scorecard.json",
            "2026-01/drilldown/drilldown.json",
            "2026-01/drilldown/unit-A.html",
            "records/2025-12.jws",
            "records/2026-01.jws",
            "records/keys/" + key.thumbprint() + ".jwk")) {
      assertThat(dir.resolve(f)).as(f).isRegularFile();
    }
    String index = Files.readString(dir.resolve("2026-01/index.html"), StandardCharsets.UTF_8);
    assertThat(index)
        .contains(
            "Xếp hạng", "từ 5 hồ sơ", "UBND phường Hàng Bạc", "60,0 %", "<svg", "Trần Thị Bình")
        .contains("width=device-width")
        .contains("<a href=\"../2025-12/index.html\">tháng 12/2025</a>");
    String drill =
        Files.readString(dir.resolve("2026-01/drilldown/unit-A.html"), StandardCharsets.UTF_8);
    // a3's resolution due at 24:00 07/01, resolved 09/01 10:00
    assertThat(drill).contains("hs-a3", "hết ngày 07/01/2026", "10:00 09/01/2026");
    String csv = Files.readString(dir.resolve("2026-01/scorecard.csv"), StandardCharsets.UTF_8);
    assertThat(csv.lines().filter(l -> l.startsWith("2026-01,A,")).findFirst().orElseThrow())
        .startsWith("2026-01,A,UBND phường Hàng Bạc,a-002,Trần Thị Bình,4,3,0,2,1,1,1,3,5,60.0,1,");
    keepForReading();
    // the public key only, never the private part
    assertThat(Files.readString(dir.resolve("records/keys/" + key.thumbprint() + ".jwk")))
        .doesNotContain("\"d\"");
  }

  @Test
  void publicFilesCarryNoCaseIdAndNoCaseContent() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(text).as(f.toString()).doesNotContain(TestRecords.VIETNAMESE);
        boolean forOfficials = dir.relativize(f).toString().contains("drilldown");
        if (!forOfficials) {
          assertThat(text).as(f.toString()).doesNotContain(ScorecardScenario.PREFIX);
        }
      }
    }
  }

  @Test
  void aFigureChangedInThePublishedFileIsReported() throws Exception {
    Path json = dir.resolve("2026-01/scorecard.json");
    Map<String, Object> tree = tree(Files.readAllBytes(json));
    unitA(tree).put("resolvedLate", 0L);
    Files.write(json, ScorecardJson.canonical(tree));
    ScorecardVerifier.Report r = verify(null);
    assertThat(r.ok()).isFalse();
    assertThat(r.problems())
        .contains(
            "2026-01: 2026-01/scorecard.json was changed after signing (SHA-256 differs from the"
                + " record)",
            "2026-01: 2026-01/scorecard.json figure units[A].resolvedLate: signed 1, in the file 0");
  }

  @Test
  void aFigureChangedInThePublishedCsvIsReported() throws Exception {
    Path csv = dir.resolve("2026-01/scorecard.csv");
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    int column = List.of(lines.get(0).split(",", -1)).indexOf("resolvedLate");
    int row = -1;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).split(",", -1)[1].equals("A")) {
        row = i;
      }
    }
    String[] cells = lines.get(row).split(",", -1);
    assertThat(cells[column]).isEqualTo("1");
    cells[column] = "0";
    lines.set(row, String.join(",", cells));
    Files.write(csv, (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
    ScorecardVerifier.Report r = verify(null);
    assertThat(r.ok()).isFalse();
    assertThat(r.problems())
        .containsExactly(
            "2026-01: 2026-01/scorecard.csv figure units[A].resolvedLate: recomputed from"
                + " case-events 1, in the file 0");
  }

  @Test
  void aFigureChangedInAnHtmlPageAndInTheCsvIsReportedNamingFileAndFigure() throws Exception {
    // the pages and the CSV are not hashed by the record: verify renders them again
    Path page = dir.resolve("2026-01/unit-A.html");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String row = "<th>Giải quyết quá hạn</th><td>1</td>";
    assertThat(html).contains(row);
    Files.writeString(
        page, html.replace(row, "<th>Giải quyết quá hạn</th><td>0</td>"), StandardCharsets.UTF_8);
    Path index = dir.resolve("index.html");
    String rate = "<td>60,0 %</td>";
    String indexHtml = Files.readString(index, StandardCharsets.UTF_8);
    assertThat(indexHtml).contains(rate);
    Files.writeString(
        index, indexHtml.replaceFirst(rate, "<td>80,0 %</td>"), StandardCharsets.UTF_8);
    Path csv = dir.resolve("2026-01/scorecard.csv");
    String csvText = Files.readString(csv, StandardCharsets.UTF_8);
    String line = csvText.lines().filter(l -> l.startsWith("2026-01,A,")).findFirst().orElseThrow();
    Files.writeString(
        csv,
        csvText.replace(line, line.replace(",1,1,1,3,5,60.0,", ",1,1,1,3,5,80.0,")),
        StandardCharsets.UTF_8);
    ScorecardVerifier.Report r = verify(null);
    assertThat(r.ok()).isFalse();
    assertThat(r.problems())
        .containsExactlyInAnyOrder(
            "2026-01: 2026-01/unit-A.html figure Chỉ số tháng / Giải quyết quá hạn: signed 1, in the"
                + " file 0",
            "2026-01: index.html figure Xếp hạng / 1 / Tỷ lệ đúng hạn: signed 60,0 %, in the file"
                + " 80,0 %",
            "2026-01: 2026-01/scorecard.csv figure units[A].onTimeRatePercent: recomputed from"
                + " case-events 60.0, in the file 80.0");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    r.print(new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("MISMATCH 2026-01: 2026-01/unit-A.html figure")
        .contains(": 3 problem(s)");
  }

  @Test
  void aChangedDrillDownPageAndAnEarlierMonthsPageAreReported() throws Exception {
    Path drill = dir.resolve("2026-01/drilldown/unit-A.html");
    String html = Files.readString(drill, StandardCharsets.UTF_8);
    assertThat(html).contains("hết ngày 07/01/2026");
    Files.writeString(
        drill, html.replace("hết ngày 07/01/2026", "hết ngày 09/01/2026"), StandardCharsets.UTF_8);
    Path dec = dir.resolve("2025-12/index.html");
    Files.writeString(
        dec,
        Files.readString(dec, StandardCharsets.UTF_8).replace("</body>", "<p>x</p></body>"),
        StandardCharsets.UTF_8);
    ScorecardVerifier.Report r = verify(null);
    assertThat(r.problems()).hasSize(2);
    assertThat(r.problems().get(0))
        .startsWith("2025-12: 2025-12/index.html figure ")
        .endsWith(": signed null, in the file x");
    assertThat(r.problems().get(1))
        .startsWith("2026-01: 2026-01/drilldown/unit-A.html figure Thời hạn")
        .contains("/ Thời hạn: signed hết ngày 07/01/2026, in the file hết ngày 09/01/2026");
  }

  @Test
  void aFalseFigureSignedWithTheKeyDoesNotReconcileWithTheEvents() throws Exception {
    // someone with the key re-signs January with a late resolution hidden; chain and hashes hold
    Path json = dir.resolve("2026-01/scorecard.json");
    Map<String, Object> tree = tree(Files.readAllBytes(json));
    unitA(tree).put("resolvedLate", 0L);
    byte[] forged = ScorecardJson.canonical(tree);
    Files.write(json, forged);
    MonthRecord old = new MonthRecord(Files.readString(dir.resolve("records/2026-01.jws")));
    MonthRecord record =
        MonthRecord.sign(
            key,
            JAN,
            tree,
            ScorecardJson.sha256(forged),
            (String) old.payload().get("drilldownSha256"),
            DEC,
            (String) old.payload().get("previousRecordSha256"));
    Files.writeString(dir.resolve("records/2026-01.jws"), record.compact());
    ScorecardVerifier.Report r = verify(null);
    assertThat(r.problems())
        .containsExactly(
            "2026-01: figure units[A].resolvedLate: published 0, recomputed from case-events 1");
  }

  @Test
  void aReplacedEarlierRecordBreaksTheChain() throws Exception {
    // December re-signed (same figures, new signature) after January was linked to it
    MonthRecord dec = new MonthRecord(Files.readString(dir.resolve("records/2025-12.jws")));
    Map<String, Object> p = dec.payload();
    @SuppressWarnings("unchecked")
    MonthRecord again =
        MonthRecord.sign(
            key,
            DEC,
            (Map<String, Object>) p.get("figures"),
            (String) p.get("scorecardSha256"),
            (String) p.get("drilldownSha256"),
            null,
            null);
    Files.writeString(dir.resolve("records/2025-12.jws"), again.compact());
    ScorecardVerifier.Report r = verify(null);
    assertThat(r.problems()).hasSize(1);
    assertThat(r.problems().get(0))
        .startsWith("2026-01: chain broken: previousRecordSha256 is " + dec.sha256())
        .contains("records/2025-12.jws hashes to " + again.sha256());
  }

  @Test
  void aRecordSignedWithAnotherKeyFailsAgainstThePinnedKey() throws Exception {
    SigningKey other = SigningKey.generate("intruder");
    ScorecardPublisher.publish(log, PolicyBook.defaults(), JAN, dir, other);
    assertThat(verify(null).problems())
        .as("each record verifies with its own published key")
        .isEmpty();
    assertThat(verify(key.publicKey()).problems())
        .containsExactly("2026-01: the signature of records/2026-01.jws does not verify");
  }

  @Test
  void aSiteWhoseParentIsMissingIsNotStartedAndNoStagingFolderIsLeft() throws Exception {
    Path out = dir.resolve("missing").resolve("site");
    assertThatThrownBy(() -> ScorecardPublisher.publish(log, PolicyBook.defaults(), JAN, out, key))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThat(dir.resolve("missing")).doesNotExist();
    // the publications of the set-up staged beside dir and left nothing there
    try (Stream<Path> s = Files.list(dir.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".publish-")))
          .isEmpty();
    }
  }

  @Test
  void anEarlierMonthCannotBePublishedAfterALaterOne() {
    assertThatThrownBy(
            () ->
                ScorecardPublisher.publish(
                    log, PolicyBook.defaults(), YearMonth.of(2025, 11), dir, key))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already holds the record of 2026-01")
        .hasMessageContaining("would break the chain");
  }

  /** Copies the site to target/scorecard-site for a reader (not read back by any test). */
  private void keepForReading() throws Exception {
    Path keep = Path.of("target", "scorecard-site");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = keep.resolve(dir.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(byte[] bytes) throws Exception {
    return (Map<String, Object>) ScorecardJson.parse(bytes);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> unitA(Map<String, Object> tree) {
    return ((List<Map<String, Object>>) tree.get("units"))
        .stream().filter(u -> "A".equals(u.get("unitId"))).findFirst().orElseThrow();
  }
}
