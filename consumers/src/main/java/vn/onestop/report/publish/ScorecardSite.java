package vn.onestop.report.publish;

import static vn.onestop.report.publish.Labels.esc;

import java.io.IOException;
import java.io.StringWriter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.onestop.report.scorecard.Figure;
import vn.onestop.report.scorecard.HeadTerm;
import vn.onestop.report.scorecard.Ranking;
import vn.onestop.report.scorecard.Scorecard;
import vn.onestop.report.scorecard.ScorecardFold;
import vn.onestop.report.scorecard.Split;
import vn.onestop.report.scorecard.UnitMonth;

/**
 * Renders a published month as static files (relative path → UTF-8 text): pages in Vietnamese for
 * phones (one small inline style sheet, no script, inline SVG charts), CSV open data, and
 * drill-down pages for officials under {@code drilldown/}. Public pages and the CSV carry figures,
 * unit names and heads only: no case id, title, description or identity; case ids appear only in
 * the drill-down files. Times are local (Asia/Ho_Chi_Minh); a day-based deadline reads "hết ngày
 * D".
 */
final class ScorecardSite {
  private static final String CSS =
      "body{font:16px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;"
          + "max-width:60rem;padding:.75rem;color:#1b1f24}h1{font-size:1.3rem}h2{font-size:1.1rem;"
          + "margin-top:1.5rem}table{border-collapse:collapse;width:100%;margin:.5rem 0;"
          + "font-size:.95rem}th,td{border-bottom:1px solid #d0d5db;padding:.35rem .4rem;"
          + "text-align:right;vertical-align:top}th:first-child,td:first-child{text-align:left}"
          + ".wrap{overflow-x:auto}.note{color:#4a5563;font-size:.9rem}.trend{display:inline-block;"
          + "margin:0 1rem 1rem 0;vertical-align:top}svg{max-width:100%;height:auto}"
          + "a{color:#1a56a8}code{word-break:break-all}td.l,th.l{text-align:left}";

  /** CSV columns of {@code scorecard.csv}. */
  static final List<String> CSV_COLUMNS =
      List.of(
          "month",
          "unitId",
          "unitName",
          "headOfficialId",
          "headName",
          "received",
          "acceptedOnTime",
          "acceptedLate",
          "resolvedBeforeDue",
          "resolvedOnDueDay",
          "resolvedLate",
          "overdueOpenAtMonthEnd",
          "onTimeCases",
          "rankedCases",
          "onTimeRatePercent",
          "rank",
          "escalationsLevel1",
          "escalationsLevel2",
          "escalationsLevel3",
          "extensions",
          "extensionCalendarDays",
          "extensionWorkingDays",
          "suspensions",
          "resumptions",
          "suspensionCalendarDays",
          "suspensionWorkingDays",
          "transfersOut",
          "bouncedBack",
          "ratings",
          "meanRating");

  private final List<Scorecard> months;
  private final Scorecard current;
  private final Map<String, List<ScorecardFold.DueRow>> dueRows;
  private final List<YearMonth> published;

  /**
   * @param months the twelve months ending at the published one, oldest first
   * @param dueRows unit → the published month's deadline rows (drill-down pages), in page order
   * @param published every month published in the directory, this one included, in order
   */
  ScorecardSite(
      List<Scorecard> months,
      Map<String, List<ScorecardFold.DueRow>> dueRows,
      List<YearMonth> published) {
    this.months = List.copyOf(months);
    this.current = months.get(months.size() - 1);
    this.dueRows = dueRows;
    this.published = List.copyOf(published);
  }

  /**
   * @return relative path → content, for the month's folder (paths start with {@code YYYY-MM/}) and
   *     the site's {@code index.html}
   */
  Map<String, String> render() {
    Map<String, String> files = new LinkedHashMap<>();
    String m = current.month().toString();
    files.put("index.html", monthIndex(m + "/"));
    files.put(m + "/index.html", monthIndex(""));
    for (UnitMonth u : current.units()) {
      files.put(m + "/unit-" + Labels.fileId(u.unitId()) + ".html", unitPage(u));
      files.put(m + "/drilldown/unit-" + Labels.fileId(u.unitId()) + ".html", drilldownPage(u));
    }
    heads()
        .forEach(
            (id, rows) ->
                files.put(m + "/head-" + Labels.fileId(id) + ".html", headPage(id, rows)));
    files.put(m + "/scorecard.csv", csv());
    return files;
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + esc(title)
        + "</title><style>"
        + CSS
        + "</style></head><body>\n<h1>"
        + esc(title)
        + "</h1>\n"
        + body
        + "<p class=\"note\">Thời gian theo giờ Việt Nam (Asia/Ho_Chi_Minh). Tháng là tháng dương "
        + "lịch; thời hạn tính theo ngày kết thúc lúc 24:00 ngày cuối cùng (\"hết ngày\", Bộ luật "
        + "Dân sự 2015, Điều 148).</p>\n</body></html>\n";
  }

  private String monthIndex(String prefix) {
    StringBuilder b = new StringBuilder();
    Ranking r = current.ranking();
    b.append("<h2>Xếp hạng</h2>\n<p>").append(esc(r.rule())).append("</p>\n");
    b.append("<div class=\"wrap\"><table><thead><tr><th>Hạng</th><th class=\"l\">Đơn vị</th>")
        .append(
            "<th class=\"l\">Người đứng đầu (cuối tháng)</th><th>Tỷ lệ đúng hạn</th><th>Số hồ sơ</th>")
        .append("</tr></thead><tbody>\n");
    for (Ranking.Entry e : r.ranked()) {
      UnitMonth u = current.unit(e.unitId()).orElseThrow();
      b.append("<tr><td>")
          .append(e.rank())
          .append("</td><td class=\"l\">")
          .append(unitLink(prefix, u))
          .append("</td><td class=\"l\">")
          .append(headCell(prefix, u.headAtMonthEnd()))
          .append("</td><td>")
          .append(pct(e.onTimeRate().percent()))
          .append("</td><td>")
          .append(e.onTimeRate().whole())
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
    b.append("<h2>Chưa xếp hạng (dưới ")
        .append(r.minimumCases())
        .append(" hồ sơ)</h2>\n<div class=\"wrap\"><table><thead><tr><th>Đơn vị</th>")
        .append("<th>Tỷ lệ đúng hạn</th><th>Số hồ sơ</th></tr></thead><tbody>\n");
    for (String id : r.unranked()) {
      UnitMonth u = current.unit(id).orElseThrow();
      b.append("<tr><td>")
          .append(unitLink(prefix, u))
          .append("</td><td>")
          .append(pct(u.onTimeRate().percent()))
          .append("</td><td>")
          .append(u.rankedCases())
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
    b.append("<h2>Xu hướng 12 tháng: tỷ lệ đúng hạn</h2>\n");
    for (UnitMonth u : current.units()) {
      b.append("<div class=\"trend\"><div>")
          .append(unitLink(prefix, u))
          .append("</div>")
          .append(trendSvg(u.unitId()))
          .append("</div>\n");
    }
    b.append("<h2>Dữ liệu mở</h2>\n<ul><li><a href=\"")
        .append(prefix)
        .append(
            "scorecard.json\">scorecard.json</a> (JSON chuẩn tắc, được ký số)</li><li><a href=\"")
        .append(prefix)
        .append("scorecard.csv\">scorecard.csv</a></li><li><a href=\"")
        .append(prefix.isEmpty() ? "../" : "")
        .append("records/")
        .append(current.month())
        .append(".jws\">Bản ghi ký số của tháng (JWS, nối chuỗi băm)</a></li></ul>\n")
        .append("<h2>Các tháng đã công bố</h2>\n<ul>");
    for (YearMonth m : published) {
      b.append("<li><a href=\"")
          .append(prefix.isEmpty() ? "../" : "")
          .append(m)
          .append("/index.html\">")
          .append(esc(Labels.month(m)))
          .append("</a></li>");
    }
    b.append("</ul>\n").append(formulas());
    return page("Đánh giá giải quyết đơn thư — " + Labels.month(current.month()), b.toString());
  }

  private static String formulas() {
    return "<h2>Cách tính</h2>\n<ul>"
        + "<li>Trước hạn: giải quyết vào một ngày trước ngày hết hạn; đúng hạn: giải quyết trong "
        + "ngày hết hạn, không muộn hơn thời điểm hết hạn; quá hạn: giải quyết sau thời điểm hết "
        + "hạn.</li>"
        + "<li>Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / (số lượt giải quyết trong tháng + số hồ sơ "
        + "quá hạn chưa giải quyết lúc 24:00 ngày cuối tháng).</li>"
        + "<li>Thụ lý đúng hạn: thụ lý không muộn hơn thời hạn thụ lý.</li>"
        + "<li>Gia hạn, tạm đình chỉ: số ngày (lịch và làm việc) mà thời hạn đã được lùi.</li>"
        + "<li>Chuyển trả lại: đơn vị B chuyển lại hồ sơ cho đơn vị A đã chuyển hồ sơ đó đến B.</li>"
        + "</ul>\n";
  }

  private static String pct(String p) {
    return p == null ? "—" : p.replace('.', ',') + " %";
  }

  private static String unitLink(String prefix, UnitMonth u) {
    return "<a href=\""
        + prefix
        + "unit-"
        + esc(Labels.fileId(u.unitId()))
        + ".html\">"
        + esc(u.unitName())
        + "</a>";
  }

  private static String headCell(String prefix, HeadTerm h) {
    if (h == null || h.officialId() == null) {
      return "(khuyết)";
    }
    return "<a href=\""
        + prefix
        + "head-"
        + esc(Labels.fileId(h.officialId()))
        + ".html\">"
        + esc(h.name())
        + "</a>";
  }

  /** Twelve bars of a unit's on-time rate (0-100 %), a dash for a month without a rate. */
  private String trendSvg(String unitId) {
    int w = 24;
    int h = 100;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(months.size() * w + 30)
        .append(" ")
        .append(h + 34)
        .append("\" width=\"")
        .append(months.size() * w + 30)
        .append("\" height=\"")
        .append(h + 34)
        .append("\" role=\"img\" aria-label=\"Tỷ lệ đúng hạn 12 tháng\">")
        .append("<line x1=\"28\" y1=\"4\" x2=\"28\" y2=\"")
        .append(h + 4)
        .append("\" stroke=\"#8a939e\"/><text x=\"0\" y=\"12\" font-size=\"9\">100</text>")
        .append("<text x=\"10\" y=\"")
        .append(h + 4)
        .append("\" font-size=\"9\">0</text>");
    for (int i = 0; i < months.size(); i++) {
      Scorecard m = months.get(i);
      int x = 30 + i * w;
      UnitMonth u = m.unit(unitId).orElse(null);
      String p = u == null ? null : u.onTimeRate().percent();
      if (p != null) {
        double v = Double.parseDouble(p);
        int bh = (int) Math.round(v * h / 100.0);
        s.append("<rect x=\"")
            .append(x + 3)
            .append("\" y=\"")
            .append(4 + h - bh)
            .append("\" width=\"")
            .append(w - 6)
            .append("\" height=\"")
            .append(bh)
            .append("\" fill=\"")
            .append(v >= 90 ? "#2f855a" : v >= 70 ? "#d69e2e" : "#c53030")
            .append("\"><title>")
            .append(esc(Labels.month(m.month())))
            .append(": ")
            .append(pct(p))
            .append(" (")
            .append(u.rankedCases())
            .append(" hồ sơ)</title></rect>");
      } else {
        s.append("<text x=\"")
            .append(x + 8)
            .append("\" y=\"")
            .append(h)
            .append("\" font-size=\"10\">–</text>");
      }
      s.append("<text x=\"")
          .append(x + 2)
          .append("\" y=\"")
          .append(h + 18)
          .append("\" font-size=\"9\">T")
          .append(m.month().getMonthValue())
          .append("</text>");
    }
    return s.append("</svg>").toString();
  }

  private String unitPage(UnitMonth u) {
    StringBuilder b = new StringBuilder();
    b.append("<p><a href=\"index.html\">← Bảng xếp hạng ")
        .append(esc(Labels.month(current.month())))
        .append("</a></p>\n<h2>Người đứng đầu trong tháng</h2>\n<ul>");
    if (u.heads().isEmpty()) {
      b.append("<li>(không có trong danh mục đơn vị)</li>");
    }
    for (HeadTerm h : u.heads()) {
      b.append("<li>")
          .append(headCell("", h))
          .append(": ")
          .append(h.days())
          .append(" ngày")
          .append(h.equals(u.headAtMonthEnd()) ? " (tại ngày cuối tháng)" : "")
          .append("</li>");
    }
    b.append("</ul>\n<h2>Chỉ số tháng</h2>\n<div class=\"wrap\"><table><tbody>\n");
    row(
        b,
        "Tỷ lệ đúng hạn",
        pct(u.onTimeRate().percent())
            + " ("
            + u.onTimeRate().part()
            + "/"
            + u.onTimeRate().whole()
            + ")");
    for (Map.Entry<String, Figure> f : u.figures().entrySet()) {
      if (!f.getKey().contains(".")) {
        row(b, Labels.figure(f.getKey()), Integer.toString(f.getValue().count()));
      }
    }
    row(
        b,
        "Số ngày gia hạn thêm (lịch / làm việc)",
        u.extensionCalendarDays() + " / " + u.extensionWorkingDays());
    row(
        b,
        "Số ngày tạm đình chỉ thêm (lịch / làm việc)",
        u.suspensionCalendarDays() + " / " + u.suspensionWorkingDays());
    row(
        b,
        "Điểm hài lòng trung bình (1–5)",
        u.meanRating() == null ? "—" : u.meanRating().replace('.', ','));
    b.append("</tbody></table></div>\n");
    splits(b, "Theo loại đơn", u.byCategory(), true);
    splits(b, "Theo kênh tiếp nhận", u.byChannel(), false);
    b.append("<h2>12 tháng</h2>\n").append(trendSvg(u.unitId()));
    b.append("<div class=\"wrap\"><table><thead><tr><th>Tháng</th><th>Tiếp nhận</th>")
        .append("<th>Trước hạn</th><th>Đúng hạn</th><th>Quá hạn</th><th>Quá hạn tồn</th>")
        .append("<th>Tỷ lệ đúng hạn</th></tr></thead><tbody>\n");
    for (Scorecard m : months) {
      m.unit(u.unitId())
          .ifPresent(
              x ->
                  b.append("<tr><td>")
                      .append(esc(Labels.month(m.month())))
                      .append("</td><td>")
                      .append(x.received().count())
                      .append("</td><td>")
                      .append(x.resolvedBeforeDue().count())
                      .append("</td><td>")
                      .append(x.resolvedOnDueDay().count())
                      .append("</td><td>")
                      .append(x.resolvedLate().count())
                      .append("</td><td>")
                      .append(x.overdueOpenAtMonthEnd().count())
                      .append("</td><td>")
                      .append(pct(x.onTimeRate().percent()))
                      .append("</td></tr>\n"));
    }
    b.append(
            "</tbody></table></div>\n<p class=\"note\">Danh sách mã hồ sơ sau từng chỉ số (dành cho cán bộ): ")
        .append("<a href=\"drilldown/unit-")
        .append(esc(Labels.fileId(u.unitId())))
        .append(".html\">chi tiết</a>.</p>\n");
    return page(u.unitName() + " — " + Labels.month(current.month()), b.toString());
  }

  private static void row(StringBuilder b, String label, String value) {
    b.append("<tr><th>")
        .append(esc(label))
        .append("</th><td>")
        .append(esc(value))
        .append("</td></tr>\n");
  }

  private static void splits(
      StringBuilder b, String title, Map<String, Split> m, boolean category) {
    b.append("<h2>")
        .append(esc(title))
        .append("</h2>\n<div class=\"wrap\"><table><thead><tr><th></th>")
        .append("<th>Tiếp nhận</th><th>Giải quyết trước/đúng hạn</th><th>Quá hạn</th>")
        .append("<th>Quá hạn tồn</th><th>Tỷ lệ đúng hạn</th></tr></thead><tbody>\n");
    m.forEach(
        (k, s) ->
            b.append("<tr><td>")
                .append(esc(category ? Labels.category(k) : Labels.channel(k)))
                .append("</td><td>")
                .append(s.received().count())
                .append("</td><td>")
                .append(s.resolvedInTime().count())
                .append("</td><td>")
                .append(s.resolvedLate().count())
                .append("</td><td>")
                .append(s.overdueOpen().count())
                .append("</td><td>")
                .append(pct(s.onTimeRate().percent()))
                .append("</td></tr>\n"));
    b.append("</tbody></table></div>\n");
  }

  /** One head's months (any of the twelve) per unit. */
  private record HeadRow(YearMonth month, UnitMonth unit, HeadTerm term) {}

  private Map<String, List<HeadRow>> heads() {
    Map<String, List<HeadRow>> out = new TreeMap<>();
    for (Scorecard m : months) {
      for (UnitMonth u : m.units()) {
        for (HeadTerm h : u.heads()) {
          if (h.officialId() != null) {
            out.computeIfAbsent(h.officialId(), k -> new ArrayList<>())
                .add(new HeadRow(m.month(), u, h));
          }
        }
      }
    }
    // only heads in office in the published month get a page of that month
    out.keySet()
        .removeIf(
            id ->
                current.units().stream()
                    .flatMap(u -> u.heads().stream())
                    .noneMatch(h -> id.equals(h.officialId())));
    return out;
  }

  private String headPage(String officialId, List<HeadRow> rows) {
    StringBuilder b = new StringBuilder();
    String name = rows.get(rows.size() - 1).term().name();
    b.append("<p><a href=\"index.html\">← Bảng xếp hạng ")
        .append(esc(Labels.month(current.month())))
        .append("</a></p>\n<p>Mã cán bộ: <code>")
        .append(esc(officialId))
        .append(
            "</code>. Chỉ số là của cả đơn vị trong tháng; số ngày giữ chức trong tháng ghi kèm.")
        .append("</p>\n<div class=\"wrap\"><table><thead><tr><th>Tháng</th><th>Đơn vị</th>")
        .append(
            "<th>Số ngày giữ chức</th><th>Tiếp nhận</th><th>Giải quyết</th><th>Quá hạn tồn</th>")
        .append("<th>Tỷ lệ đúng hạn</th></tr></thead><tbody>\n");
    for (HeadRow r : rows) {
      b.append("<tr><td>")
          .append(esc(Labels.month(r.month())))
          .append("</td><td>")
          .append(
              r.month().equals(current.month()) ? unitLink("", r.unit()) : esc(r.unit().unitName()))
          .append("</td><td>")
          .append(r.term().days())
          .append("/")
          .append(r.month().lengthOfMonth())
          .append("</td><td>")
          .append(r.unit().received().count())
          .append("</td><td>")
          .append(r.unit().resolved())
          .append("</td><td>")
          .append(r.unit().overdueOpenAtMonthEnd().count())
          .append("</td><td>")
          .append(pct(r.unit().onTimeRate().percent()))
          .append("</td></tr>\n");
    }
    b.append("</tbody></table></div>\n");
    return page(name + " — người đứng đầu đơn vị", b.toString());
  }

  /** Officials' page: the case ids behind each figure, with their deadlines. */
  private String drilldownPage(UnitMonth u) {
    StringBuilder b = new StringBuilder();
    b.append(
        "<p class=\"note\">Dành cho cán bộ có thẩm quyền: chỉ có mã hồ sơ, không có nội dung.</p>\n");
    for (Map.Entry<String, Figure> f : u.figures().entrySet()) {
      if (f.getValue().count() == 0) {
        continue;
      }
      b.append("<h2>")
          .append(esc(Labels.figure(f.getKey())))
          .append(" (")
          .append(f.getValue().count())
          .append(")</h2>\n<p>");
      b.append(
          String.join(
              ", ",
              f.getValue().caseIds().stream().map(id -> "<code>" + esc(id) + "</code>").toList()));
      b.append("</p>\n");
    }
    b.append(
            "<h2>Thời hạn của các lượt thụ lý và giải quyết trong tháng</h2>\n<div class=\"wrap\"><table>")
        .append(
            "<thead><tr><th>Mã hồ sơ</th><th>Việc</th><th>Thời hạn</th><th>Thời điểm</th></tr></thead><tbody>\n");
    dueRows.getOrDefault(u.unitId(), List.of()).forEach(r -> b.append(dueRow(r)));
    b.append("</tbody></table></div>\n");
    return page("Chi tiết: " + u.unitName() + " — " + Labels.month(current.month()), b.toString());
  }

  /** One row of the deadline table. */
  private static String dueRow(ScorecardFold.DueRow r) {
    String what =
        switch (r.kind()) {
          case ACCEPTED -> "Thụ lý";
          case RESOLVED -> "Giải quyết";
          case OVERDUE_OPEN -> "Quá hạn, chưa giải quyết";
        };
    StringBuilder b = new StringBuilder();
    b.append("<tr><td><code>")
        .append(esc(r.caseId()))
        .append("</code></td><td>")
        .append(esc(what))
        .append("</td><td>")
        .append(esc(Labels.due(r.dueAt())))
        .append("</td><td>")
        .append(r.at() == null ? "—" : esc(Labels.time(r.at())))
        .append("</td></tr>\n");
    return b.toString();
  }

  private String csv() {
    return csv(current);
  }

  /**
   * The month's {@code scorecard.csv}: a header row ({@link #CSV_COLUMNS}), then one row per unit
   * of the scorecard, in its unit order. {@code kpi verify} renders it again from the recomputed
   * scorecard and compares it cell by cell with the published file.
   *
   * @param current the month's scorecard
   * @return the CSV text (RFC 4180, CRLF line ends)
   */
  static String csv(Scorecard current) {
    StringWriter w = new StringWriter();
    try (CSVPrinter p =
        new CSVPrinter(
            w, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
      Map<String, Integer> rank = new TreeMap<>();
      current.ranking().ranked().forEach(e -> rank.put(e.unitId(), e.rank()));
      for (UnitMonth u : current.units()) {
        HeadTerm h = u.headAtMonthEnd();
        p.printRecord(
            current.month(),
            u.unitId(),
            u.unitName(),
            h == null ? "" : h.officialId(),
            h == null ? "" : h.name(),
            u.received().count(),
            u.acceptedOnTime().count(),
            u.acceptedLate().count(),
            u.resolvedBeforeDue().count(),
            u.resolvedOnDueDay().count(),
            u.resolvedLate().count(),
            u.overdueOpenAtMonthEnd().count(),
            u.onTimeRate().part(),
            u.onTimeRate().whole(),
            u.onTimeRate().percent() == null ? "" : u.onTimeRate().percent(),
            rank.containsKey(u.unitId()) ? rank.get(u.unitId()) : "",
            u.escalations().get(1).count(),
            u.escalations().get(2).count(),
            u.escalations().get(3).count(),
            u.extensions().count(),
            u.extensionCalendarDays(),
            u.extensionWorkingDays(),
            u.suspensions().count(),
            u.resumptions().count(),
            u.suspensionCalendarDays(),
            u.suspensionWorkingDays(),
            u.transfersOut().count(),
            u.bouncedBack().count(),
            u.ratings().count(),
            u.meanRating() == null ? "" : u.meanRating());
      }
    } catch (IOException e) {
      throw new IllegalStateException("CSV to a string failed", e);
    }
    return w.toString();
  }
}
