package vn.onestop.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.onestop.audit.PipelineSource;
import vn.onestop.audit.TopicScan;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitVersions;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitKpi;

/**
 * {@code onestop kpi report --month YYYY-MM}: the published monthly KPIs of every unit (topic
 * {@code unit-kpis}, last value per key), written as CSV and as a self-contained HTML page with an
 * inline SVG bar chart per unit (no external assets, no script).
 *
 * @param month the month (calendar month in Asia/Ho_Chi_Minh)
 * @param rows one record per unit, sorted by unit id
 * @param unitNames unit id → display name (ids without a known name map to themselves)
 */
public record KpiReport(YearMonth month, List<UnitKpi> rows, Map<String, String> unitNames) {

  /** CSV columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "unitId",
          "unitName",
          "month",
          "received",
          "accepted",
          "resolved",
          "resolvedOnTime",
          "overdueOpenAtMonthEnd",
          "medianResolutionWorkingDays",
          "ratingCount",
          "meanRating");

  /**
   * Reads the published KPIs of a month.
   *
   * @param source topics
   * @param month the month
   * @return the report (no rows if nothing was published for that month)
   * @throws IllegalArgumentException if a topic does not exist
   */
  public static KpiReport load(PipelineSource source, YearMonth month) {
    return loadAll(source, java.util.Set.of(month)).get(month);
  }

  /**
   * Reads the published KPIs of several months in one scan of {@code unit-kpis} and one of {@code
   * org-units} (a scan per month made the demo's report phase grow with the number of months).
   * Records are keyed {@code unitId|YYYY-MM}; the latest record of a key wins, a tombstone removes
   * it.
   *
   * @param source topics
   * @param months the months wanted
   * @return one report per requested month, in month order (no rows for a month nothing was
   *     published for)
   * @throws IllegalArgumentException if a topic does not exist
   */
  public static java.util.SortedMap<YearMonth, KpiReport> loadAll(
      PipelineSource source, java.util.Collection<YearMonth> months) {
    Map<String, Map<String, UnitKpi>> latest = new HashMap<>();
    for (YearMonth m : months) {
      latest.put(m.toString(), new HashMap<>());
    }
    TopicScan.scan(
        source.bootstrapServers(),
        source.unitKpisTopic(),
        Topics.UNIT_KPIS.valueSerde(source.registry(), false).deserializer(),
        r -> {
          if (r.key() == null) {
            return;
          }
          int bar = r.key().lastIndexOf('|');
          Map<String, UnitKpi> ofMonth = bar < 0 ? null : latest.get(r.key().substring(bar + 1));
          if (ofMonth == null) {
            return;
          }
          if (r.value() == null) {
            ofMonth.remove(r.key());
          } else {
            ofMonth.put(r.key(), r.value());
          }
        });
    Map<String, String> names = unitNames(source);
    java.util.SortedMap<YearMonth, KpiReport> out = new java.util.TreeMap<>();
    for (YearMonth m : months) {
      out.put(
          m,
          new KpiReport(
              m,
              latest.get(m.toString()).values().stream()
                  .sorted(java.util.Comparator.comparing(k -> k.getUnitId().toString()))
                  .toList(),
              names));
    }
    return out;
  }

  /**
   * Unit names for the report: per unit id, the name of its latest version ({@link
   * OrgUnitVersions#latest}, greatest {@code validFrom}; the report is read today, so it names
   * units as the directory now calls them, also for past months). Records are keyed {@code
   * unitId|validFrom}, so the id comes from the value; a tombstone removes the version of its key.
   */
  static Map<String, String> unitNames(PipelineSource source) {
    Map<String, OrgUnit> byKey = new HashMap<>();
    TopicScan.scan(
        source.bootstrapServers(),
        source.orgUnitsTopic(),
        Topics.ORG_UNITS.valueSerde(source.registry(), false).deserializer(),
        r -> {
          if (r.value() == null) {
            byKey.remove(r.key());
          } else {
            byKey.put(r.key(), r.value());
          }
        });
    Map<String, List<OrgUnit>> versions = new HashMap<>();
    byKey
        .values()
        .forEach(
            u -> versions.computeIfAbsent(u.getUnitId().toString(), k -> new ArrayList<>()).add(u));
    Map<String, String> names = new HashMap<>();
    versions.forEach(
        (id, vs) ->
            OrgUnitVersions.latest(vs).ifPresent(u -> names.put(id, u.getName().toString())));
    return names;
  }

  private String name(CharSequence unitId) {
    return unitNames.getOrDefault(unitId.toString(), unitId.toString());
  }

  /**
   * Writes {@code kpi-YYYY-MM.csv} and {@code kpi-YYYY-MM.html} into a folder, each atomically.
   *
   * @param dir destination folder (created if missing)
   * @return the two files
   * @throws IOException if writing fails
   */
  public List<Path> writeFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path csv = dir.resolve("kpi-" + month + ".csv");
    Path html = dir.resolve("kpi-" + month + ".html");
    atomically(csv, this::writeCsv);
    atomically(html, this::writeHtml);
    return List.of(csv, html);
  }

  private interface Body {
    void write(Writer w) throws IOException;
  }

  private static void atomically(Path file, Body body) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".kpi-", ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.write(w);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * @param out destination (UTF-8); one header row, one row per unit; empty cells for null
   *     median/mean
   * @throws IOException if writing fails
   */
  public void writeCsv(Writer out) throws IOException {
    CSVPrinter csv =
        new CSVPrinter(
            out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
    for (UnitKpi k : rows) {
      csv.printRecord(
          k.getUnitId(),
          name(k.getUnitId()),
          k.getMonth(),
          k.getReceived(),
          k.getAccepted(),
          k.getResolved(),
          k.getResolvedOnTime(),
          k.getOverdueOpenAtMonthEnd(),
          num(k.getMedianResolutionWorkingDays()),
          k.getRatingCount(),
          num(k.getMeanRating()));
    }
    csv.flush();
  }

  private static String num(Double d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.2f", d);
  }

  /**
   * @param out destination (UTF-8): a complete HTML document with a table and one inline SVG chart
   *     per unit
   * @throws IOException if writing fails
   */
  public void writeHtml(Writer out) throws IOException {
    long max = 1;
    for (UnitKpi k : rows) {
      max =
          Math.max(
              max,
              Math.max(
                  Math.max(k.getReceived(), k.getAccepted()),
                  Math.max(
                      k.getResolved(),
                      Math.max(k.getResolvedOnTime(), k.getOverdueOpenAtMonthEnd()))));
    }
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Chỉ số giải quyết đơn thư tháng ")
        .append(month)
        .append("</title><style>")
        .append("body{font:15px/1.4 system-ui,sans-serif;margin:1rem;color:#1b1f24}")
        .append(
            "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d5db;padding:.3rem .5rem;text-align:right}")
        .append(
            "th:first-child,td:first-child{text-align:left}.unit{display:inline-block;margin:0 1rem 1rem 0;vertical-align:top}")
        .append("h2{font-size:1rem;margin:.5rem 0}</style></head><body>\n")
        .append("<h1>Chỉ số giải quyết đơn thư — tháng ")
        .append(month)
        .append("</h1>\n");
    if (rows.isEmpty()) {
      b.append("<p>Chưa có số liệu được công bố cho tháng này.</p>\n");
    }
    b.append(
            "<table><thead><tr><th>Đơn vị</th><th>Tiếp nhận</th><th>Thụ lý</th><th>Đã giải quyết</th><th>Đúng hạn</th>")
        .append(
            "<th>Quá hạn tồn cuối tháng</th><th>Trung vị ngày làm việc</th><th>Số đánh giá</th><th>Điểm TB</th></tr></thead><tbody>\n");
    for (UnitKpi k : rows) {
      b.append("<tr><td>")
          .append(esc(name(k.getUnitId())))
          .append("</td><td>")
          .append(k.getReceived())
          .append("</td><td>")
          .append(k.getAccepted())
          .append("</td><td>")
          .append(k.getResolved())
          .append("</td><td>")
          .append(k.getResolvedOnTime())
          .append("</td><td>")
          .append(k.getOverdueOpenAtMonthEnd())
          .append("</td><td>")
          .append(num(k.getMedianResolutionWorkingDays()))
          .append("</td><td>")
          .append(k.getRatingCount())
          .append("</td><td>")
          .append(num(k.getMeanRating()))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");
    String[] labels = {"Tiếp nhận", "Thụ lý", "Đã giải quyết", "Đúng hạn", "Quá hạn tồn"};
    String[] colors = {"#2b6cb0", "#3182ce", "#2f855a", "#38a169", "#c53030"};
    for (UnitKpi k : rows) {
      long[] v = {
        k.getReceived(),
        k.getAccepted(),
        k.getResolved(),
        k.getResolvedOnTime(),
        k.getOverdueOpenAtMonthEnd()
      };
      b.append("<div class=\"unit\"><h2>")
          .append(esc(name(k.getUnitId())))
          .append("</h2>")
          .append(
              "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"130\" role=\"img\" aria-label=\"")
          .append(esc(name(k.getUnitId())))
          .append("\" data-unit=\"")
          .append(esc(k.getUnitId().toString()))
          .append("\">");
      for (int i = 0; i < v.length; i++) {
        int y = 4 + i * 25;
        long w = Math.round(200.0 * v[i] / max);
        b.append("<text x=\"0\" y=\"")
            .append(y + 14)
            .append("\" font-size=\"12\">")
            .append(labels[i])
            .append("</text>")
            .append("<rect x=\"100\" y=\"")
            .append(y)
            .append("\" width=\"")
            .append(w)
            .append("\" height=\"18\" fill=\"")
            .append(colors[i])
            .append("\"><title>")
            .append(labels[i])
            .append(": ")
            .append(v[i])
            .append("</title></rect>")
            .append("<text x=\"")
            .append(104 + w)
            .append("\" y=\"")
            .append(y + 14)
            .append("\" font-size=\"12\">")
            .append(v[i])
            .append("</text>");
      }
      b.append("</svg></div>\n");
    }
    b.append(
            "<p>Tháng theo giờ Hà Nội (Asia/Ho_Chi_Minh). Quá hạn tồn: hồ sơ đang mở đã quá hạn lúc 24:00 ngày cuối tháng.</p>\n")
        .append("</body></html>\n");
    out.write(b.toString());
    out.flush();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
