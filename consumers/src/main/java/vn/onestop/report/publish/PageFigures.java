package vn.onestop.report.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The visible figures of a published HTML page ({@link ScorecardSite}), by a readable name, so
 * {@code kpi verify} can say which figure of which page differs from the page rendered again:
 *
 * <ul>
 *   <li>a table cell: {@code <section> / <row label> / <column header>} (the row label is the row's
 *       first cell; a two-cell row without a header row is {@code <section> / <row label>});
 *   <li>a heading's count, e.g. {@code "Giải quyết quá hạn (3)"}: {@code <heading> / count};
 *   <li>other text (paragraphs, list items, chart labels): {@code <section> / <element> <n>}.
 * </ul>
 *
 * The section is the text of the latest {@code h1}/{@code h2} (without its count). A name seen
 * twice gets {@code #2}, {@code #3}. The page is the site's own regular markup, not arbitrary HTML.
 */
final class PageFigures {
  private static final Pattern TOKEN = Pattern.compile("<(/?)([a-zA-Z0-9]+)[^>]*>|([^<]+)");
  private static final Pattern COUNT = Pattern.compile("^(.*) \\((\\d+)\\)$");

  private PageFigures() {}

  /**
   * @param html a page
   * @return name → text, in page order
   */
  static Map<String, String> of(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Integer> counters = new HashMap<>();
    String section = "";
    StringBuilder text = null;
    String textTag = null;
    boolean inHead = false;
    boolean inThead = false;
    List<String> headers = List.of();
    List<String> row = null;
    StringBuilder cell = null;
    Matcher m = TOKEN.matcher(html);
    while (m.find()) {
      if (m.group(3) != null) {
        String t = decode(m.group(3));
        if (cell != null) {
          cell.append(t);
        } else if (text != null) {
          text.append(t);
        }
        continue;
      }
      boolean close = !m.group(1).isEmpty();
      String tag = m.group(2).toLowerCase(java.util.Locale.ROOT);
      switch (tag) {
        case "head" -> inHead = !close;
        case "h1", "h2", "p", "li", "text" -> {
          if (inHead || cell != null) {
            break;
          }
          if (!close) {
            text = new StringBuilder();
            textTag = tag;
          } else if (text != null && tag.equals(textTag)) {
            String t = text.toString().strip();
            text = null;
            if (tag.equals("h1") || tag.equals("h2")) {
              Matcher c = COUNT.matcher(t);
              if (c.matches()) {
                section = c.group(1);
                put(out, seen, section + " / count", c.group(2));
              } else {
                section = t;
              }
              counters.clear();
            } else if (!t.isEmpty()) {
              int n = counters.merge(tag, 1, Integer::sum);
              put(out, seen, section + " / " + tag + " " + n, t);
            }
          }
        }
        case "table" -> headers = List.of();
        case "thead" -> inThead = !close;
        case "tr" -> {
          if (!close) {
            row = new ArrayList<>();
          } else if (row != null) {
            if (inThead) {
              headers = row;
            } else if (!row.isEmpty()) {
              String label = row.get(0);
              if (row.size() == 2 && headers.isEmpty()) {
                put(out, seen, section + " / " + label, row.get(1));
              } else {
                for (int i = 1; i < row.size(); i++) {
                  String column = i < headers.size() ? headers.get(i) : "column " + (i + 1);
                  put(out, seen, section + " / " + label + " / " + column, row.get(i));
                }
              }
            }
            row = null;
          }
        }
        case "td", "th" -> {
          if (!close) {
            cell = new StringBuilder();
          } else if (cell != null) {
            if (row != null) {
              row.add(cell.toString().strip());
            }
            cell = null;
          }
        }
        default -> {}
      }
    }
    return out;
  }

  private static void put(Map<String, String> out, Map<String, Integer> seen, String k, String v) {
    int n = seen.merge(k, 1, Integer::sum);
    out.put(n == 1 ? k : k + " #" + n, v);
  }

  private static String decode(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
