package vn.onestop.intake.open311;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an {@code application/x-www-form-urlencoded} body as UTF-8. Empty values count as absent
 * (GeoReport v2: an optional parameter sent empty is treated as not sent).
 */
public final class FormBody {
  private final Map<String, List<String>> values;

  private FormBody(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * @param text the decoded body text
   * @return the parameters
   * @throws IllegalArgumentException for a malformed percent escape
   */
  public static FormBody parse(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (!text.isEmpty()) {
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return new FormBody(out);
  }

  /**
   * @param name parameter name
   * @return the first non-blank value, or null
   */
  public String get(String name) {
    List<String> vs = values.get(name);
    if (vs == null) {
      return null;
    }
    return vs.stream().filter(v -> !v.isBlank()).findFirst().orElse(null);
  }

  /**
   * @return all parameter names
   */
  public java.util.Set<String> names() {
    return values.keySet();
  }
}
