package vn.onestop.sla.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of the KPI values in {@link KeyValueKpiStore}: short {@code |}-separated text,
 * one tag per type, read and written without a JSON parser (the KPI path runs for every input
 * event: one case mark read and written, a unit's overdue count and a month tally per fact).
 *
 * <pre>
 *   CaseMark     m|&lt;overdue 0|1&gt;|&lt;unitId&gt;                 (the case id is the key's suffix)
 *   UnitOverdue  o|&lt;base&gt;[|&lt;YYYY-MM&gt;=&lt;delta&gt;]...            (months ascending)
 *   MonthTally   t|&lt;received&gt;|&lt;accepted&gt;|&lt;resolved&gt;|&lt;resolvedOnTime&gt;|&lt;ratingCount&gt;|&lt;ratingSum&gt;|&lt;overdueOpenAtMonthEnd or empty&gt;|&lt;revision&gt;
 * </pre>
 *
 * Numbers are decimal {@code long}s. Unit ids never contain {@code |} (a rule of {@link
 * KeyValueKpiStore}'s key scheme); a case mark's unit id is the rest of the value. Values written
 * by earlier versions as JSON objects (they start with <code>{</code>) are still read, so a state
 * store restored from an older changelog keeps working; every write uses the text form.
 *
 * <p>Errors: a value that is neither form throws {@link IllegalStateException} naming the key,
 * never the value.
 */
final class KpiValueCodec {
  private static final ObjectMapper LEGACY_JSON = new ObjectMapper();

  private KpiValueCodec() {}

  static String caseMark(CaseMark m) {
    return (m.overdue() ? "m|1|" : "m|0|") + m.unitId();
  }

  static CaseMark caseMark(String key, String caseId, String v) {
    if (v.startsWith("{")) {
      return legacy(key, v, CaseMark.class);
    }
    if (v.length() < 4 || !v.startsWith("m|") || v.charAt(3) != '|') {
      throw unreadable(key);
    }
    char flag = v.charAt(2);
    if (flag != '0' && flag != '1') {
      throw unreadable(key);
    }
    return new CaseMark(caseId, v.substring(4), flag == '1');
  }

  static String overdue(UnitOverdue o) {
    StringBuilder b = new StringBuilder(16 + 12 * o.pending().size()).append("o|").append(o.base());
    for (Map.Entry<String, Long> e : o.pending().entrySet()) {
      b.append('|').append(e.getKey()).append('=').append(e.getValue().longValue());
    }
    return b.toString();
  }

  static UnitOverdue overdue(String key, String v) {
    if (v.startsWith("{")) {
      return legacy(key, v, UnitOverdue.class);
    }
    if (!v.startsWith("o|")) {
      throw unreadable(key);
    }
    int end = next(v, 2);
    long base = number(key, v, 2, end);
    TreeMap<String, Long> pending = new TreeMap<>();
    while (end < v.length()) {
      int start = end + 1;
      end = next(v, start);
      int eq = v.indexOf('=', start);
      if (eq < 0 || eq > end) {
        throw unreadable(key);
      }
      pending.put(v.substring(start, eq), number(key, v, eq + 1, end));
    }
    return new UnitOverdue(base, pending);
  }

  static String tally(MonthTally t) {
    return "t|"
        + t.received()
        + '|'
        + t.accepted()
        + '|'
        + t.resolved()
        + '|'
        + t.resolvedOnTime()
        + '|'
        + t.ratingCount()
        + '|'
        + t.ratingSum()
        + '|'
        + (t.overdueOpenAtMonthEnd() == null ? "" : t.overdueOpenAtMonthEnd().toString())
        + '|'
        + t.revision();
  }

  static MonthTally tally(String key, String v) {
    if (v.startsWith("{")) {
      return legacy(key, v, MonthTally.class);
    }
    if (!v.startsWith("t|")) {
      throw unreadable(key);
    }
    long[] f = new long[8];
    boolean open = false;
    int start = 2;
    for (int i = 0; i < 8; i++) {
      if (start > v.length()) {
        throw unreadable(key);
      }
      int end = next(v, start);
      if (i == 6 && end == start) {
        open = true;
      } else {
        f[i] = number(key, v, start, end);
      }
      start = end + 1;
    }
    if (start <= v.length()) {
      throw unreadable(key);
    }
    return new MonthTally(f[0], f[1], f[2], f[3], f[4], f[5], open ? null : f[6], f[7]);
  }

  private static int next(String v, int from) {
    int i = v.indexOf('|', from);
    return i < 0 ? v.length() : i;
  }

  private static long number(String key, String v, int from, int to) {
    if (from >= to) {
      throw unreadable(key);
    }
    try {
      return Long.parseLong(v, from, to, 10);
    } catch (NumberFormatException e) {
      throw unreadable(key);
    }
  }

  private static <T> T legacy(String key, String v, Class<T> type) {
    try {
      return LEGACY_JSON.readValue(v, type);
    } catch (JsonProcessingException e) {
      throw unreadable(key);
    }
  }

  private static IllegalStateException unreadable(String key) {
    return new IllegalStateException("KPI store: unreadable value of key '" + key + "'");
  }
}
