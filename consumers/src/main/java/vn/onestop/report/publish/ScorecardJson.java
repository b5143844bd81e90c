package vn.onestop.report.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.onestop.report.scorecard.Figure;
import vn.onestop.report.scorecard.HeadTerm;
import vn.onestop.report.scorecard.Ranking;
import vn.onestop.report.scorecard.Scorecard;
import vn.onestop.report.scorecard.Split;
import vn.onestop.report.scorecard.UnitMonth;

/**
 * The scorecard as canonical JSON: objects with keys sorted by code point, no whitespace, UTF-8,
 * only strings, whole numbers, booleans, null, arrays and objects (rates and means are exact
 * fractions plus a decimal string, never a floating-point number). The same scorecard always gives
 * the same bytes, so the bytes can be hashed and signed. Two documents:
 *
 * <ul>
 *   <li>{@link #publicFigures}: the month's figures of every unit, the ranking and the heads: open
 *       data, no case id and no case content;
 *   <li>{@link #drilldown}: for officials, the case ids behind every figure ({@link
 *       UnitMonth#figures()} names).
 * </ul>
 */
public final class ScorecardJson {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.INDENT_OUTPUT, false);

  private ScorecardJson() {}

  /**
   * @param s a scorecard
   * @return its public figures as a tree of maps, lists, strings and longs
   */
  public static Map<String, Object> publicFigures(Scorecard s) {
    Map<String, Object> root = new TreeMap<>();
    root.put("month", s.month().toString());
    root.put("timeZone", "Asia/Ho_Chi_Minh");
    root.put("ranking", ranking(s.ranking()));
    List<Object> units = new ArrayList<>();
    java.util.Set<String> ranked = new java.util.HashSet<>();
    s.ranking().ranked().forEach(e -> ranked.add(e.unitId()));
    for (UnitMonth u : s.units()) {
      units.add(unit(u, ranked.contains(u.unitId())));
    }
    root.put("units", units);
    return root;
  }

  private static Map<String, Object> ranking(Ranking r) {
    Map<String, Object> m = new TreeMap<>();
    m.put("minimumCases", (long) r.minimumCases());
    m.put("rule", r.rule());
    List<Object> ranked = new ArrayList<>();
    for (Ranking.Entry e : r.ranked()) {
      Map<String, Object> x = new TreeMap<>();
      x.put("rank", (long) e.rank());
      x.put("unitId", e.unitId());
      x.put("onTime", e.onTimeRate().part());
      x.put("cases", e.onTimeRate().whole());
      x.put("onTimeRatePercent", e.onTimeRate().percent());
      ranked.add(x);
    }
    m.put("ranked", ranked);
    m.put("unranked", new ArrayList<Object>(r.unranked()));
    return m;
  }

  private static Map<String, Object> head(HeadTerm h) {
    if (h == null) {
      return null;
    }
    Map<String, Object> m = new TreeMap<>();
    m.put("officialId", h.officialId());
    m.put("name", h.name());
    m.put("days", (long) h.days());
    return m;
  }

  private static Map<String, Object> unit(UnitMonth u, boolean ranked) {
    Map<String, Object> m = new TreeMap<>();
    m.put("unitId", u.unitId());
    m.put("unitName", u.unitName());
    List<Object> heads = new ArrayList<>();
    u.heads().forEach(h -> heads.add(head(h)));
    m.put("heads", heads);
    m.put("headAtMonthEnd", head(u.headAtMonthEnd()));
    m.put("received", n(u.received()));
    m.put("acceptedOnTime", n(u.acceptedOnTime()));
    m.put("acceptedLate", n(u.acceptedLate()));
    m.put("resolvedBeforeDue", n(u.resolvedBeforeDue()));
    m.put("resolvedOnDueDay", n(u.resolvedOnDueDay()));
    m.put("resolvedLate", n(u.resolvedLate()));
    m.put("resolved", u.resolved());
    m.put("overdueOpenAtMonthEnd", n(u.overdueOpenAtMonthEnd()));
    Map<String, Object> rate = new TreeMap<>();
    rate.put("onTime", u.onTimeRate().part());
    rate.put("cases", u.onTimeRate().whole());
    rate.put("percent", u.onTimeRate().percent());
    m.put("onTimeRate", rate);
    m.put("ranked", ranked);
    Map<String, Object> esc = new TreeMap<>();
    u.escalations().forEach((l, f) -> esc.put("level" + l, n(f)));
    m.put("escalations", esc);
    Map<String, Object> ext = new TreeMap<>();
    ext.put("decisions", n(u.extensions()));
    ext.put("calendarDaysAdded", u.extensionCalendarDays());
    ext.put("workingDaysAdded", u.extensionWorkingDays());
    m.put("extensions", ext);
    Map<String, Object> sus = new TreeMap<>();
    sus.put("started", n(u.suspensions()));
    sus.put("ended", n(u.resumptions()));
    sus.put("calendarDaysAdded", u.suspensionCalendarDays());
    sus.put("workingDaysAdded", u.suspensionWorkingDays());
    m.put("suspensions", sus);
    m.put("transfersOut", n(u.transfersOut()));
    m.put("bouncedBack", n(u.bouncedBack()));
    Map<String, Object> sat = new TreeMap<>();
    sat.put("ratings", n(u.ratings()));
    sat.put("scoreSum", u.ratingSum());
    sat.put("mean", u.meanRating());
    m.put("satisfaction", sat);
    m.put("byCategory", splits(u.byCategory()));
    m.put("byChannel", splits(u.byChannel()));
    return m;
  }

  private static Map<String, Object> splits(Map<String, Split> splits) {
    Map<String, Object> m = new TreeMap<>();
    splits.forEach(
        (k, s) -> {
          Map<String, Object> x = new TreeMap<>();
          x.put("received", n(s.received()));
          x.put("resolvedInTime", n(s.resolvedInTime()));
          x.put("resolvedLate", n(s.resolvedLate()));
          x.put("overdueOpen", n(s.overdueOpen()));
          x.put("onTimeRatePercent", s.onTimeRate().percent());
          m.put(k, x);
        });
    return m;
  }

  private static Long n(Figure f) {
    return (long) f.count();
  }

  /**
   * @param s a scorecard
   * @return {@code {"month": M, "units": {unitId: {figure: [case ids]}}}}, figures with no case
   *     left out
   */
  public static Map<String, Object> drilldown(Scorecard s) {
    Map<String, Object> units = new TreeMap<>();
    for (UnitMonth u : s.units()) {
      Map<String, Object> figs = new TreeMap<>();
      u.figures()
          .forEach(
              (name, f) -> {
                if (f.count() > 0) {
                  figs.put(name, new ArrayList<Object>(f.caseIds()));
                }
              });
      units.put(u.unitId(), figs);
    }
    Map<String, Object> root = new TreeMap<>();
    root.put("month", s.month().toString());
    root.put("units", units);
    return root;
  }

  /**
   * @param tree maps, lists, strings, longs, booleans, null
   * @return its canonical UTF-8 bytes
   */
  public static byte[] canonical(Object tree) {
    try {
      return CANONICAL.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON tree: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON text into a tree of maps (key order kept), lists and scalars (integers as Long).
   *
   * @param bytes UTF-8 JSON
   * @return the tree
   * @throws IOException if the text is not JSON
   */
  @SuppressWarnings("unchecked")
  public static Object parse(byte[] bytes) throws IOException {
    return CANONICAL
        .copy()
        .configure(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS, true)
        .readValue(bytes, Object.class);
  }

  /**
   * Flattens a tree into path → scalar ({@code units[A].resolvedLate}; list elements that are
   * objects with a {@code unitId} are named by it, others by index), for comparison.
   *
   * @param tree a parsed tree
   * @return the leaves by path, in order
   */
  public static Map<String, Object> flatten(Object tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    flatten("", tree, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String path, Object t, Map<String, Object> out) {
    if (t instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        out.put(path, "{}");
      }
      new TreeMap<>((Map<String, Object>) m)
          .forEach((k, v) -> flatten(path.isEmpty() ? k : path + "." + k, v, out));
    } else if (t instanceof List<?> l) {
      if (l.isEmpty()) {
        out.put(path, "[]");
      }
      for (int i = 0; i < l.size(); i++) {
        Object e = l.get(i);
        String key =
            e instanceof Map<?, ?> m && m.get("unitId") instanceof String id
                ? id
                : Integer.toString(i);
        flatten(path + "[" + key + "]", e, out);
      }
    } else {
      out.put(path, t);
    }
  }

  /**
   * @param bytes some bytes
   * @return their SHA-256, lower-case hex
   */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * @param s text
   * @return its UTF-8 bytes
   */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
