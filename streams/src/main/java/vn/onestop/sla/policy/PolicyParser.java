package vn.onestop.sla.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complexity;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.calendar.PeriodUnit;
import vn.onestop.sla.calendar.SourceStatus;

/** Reads the policy JSON tree, reporting "source: $.json.path: problem" on the first bad field. */
final class PolicyParser {

  private static final List<WarningRule> DEFAULT_WARNINGS =
      List.of(
          WarningRule.atFraction("warn-75pct", 0.75),
          WarningRule.before("warn-1wd-before", Period.workingDays(1)));

  private final String source;

  PolicyParser(String source) {
    this.source = source;
  }

  List<SlaPolicy> parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw error("$", "expected a JSON object");
    }
    JsonNode arr = root.get("policies");
    if (arr == null || !arr.isArray()) {
      throw error("$.policies", "missing or not an array");
    }
    List<SlaPolicy> list = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      list.add(policy(arr.get(i), "$.policies[" + i + "]"));
    }
    return list;
  }

  private SlaPolicy policy(JsonNode n, String path) {
    requireObject(n, path);
    String id = text(n, "policyId", path);
    Category category = enumValue(Category.class, text(n, "category", path), path + ".category");
    Optional<Integer> level = optionalInt(n, "complaintLevel", path);
    LocalDate from =
        date(n, "effectiveFrom", path).orElseThrow(() -> error(path + ".effectiveFrom", "missing"));
    Optional<LocalDate> to = date(n, "effectiveTo", path);
    String basis = text(n, "legalBasis", path);
    SourceStatus status = status(n, path);
    String description = optionalText(n, "description").orElse(id);
    String calendarId = text(n, "calendarId", path);
    boolean testOnly = bool(n, "testOnly", path, false);

    Optional<ClockRule> acceptance = Optional.empty();
    JsonNode acc = n.get("acceptance");
    if (acc != null && !acc.isNull()) {
      acceptance = Optional.of(clock(acc, path + ".acceptance"));
    }

    JsonNode res = n.get("resolution");
    requireObject(res, path + ".resolution");
    boolean fromSource = bool(res, "dueDateFromSource", path + ".resolution", false);
    List<ResolutionRule> rules = new ArrayList<>();
    JsonNode rulesNode = res.get("rules");
    if (rulesNode != null && !rulesNode.isNull()) {
      if (!rulesNode.isArray()) {
        throw error(path + ".resolution.rules", "not an array");
      }
      for (int i = 0; i < rulesNode.size(); i++) {
        rules.add(resolutionRule(rulesNode.get(i), path + ".resolution.rules[" + i + "]"));
      }
    }
    if (fromSource && !rules.isEmpty()) {
      throw error(path + ".resolution.rules", "must be empty when dueDateFromSource is true");
    }
    if (!fromSource && rules.isEmpty()) {
      throw error(path + ".resolution.rules", "missing: give rules or set dueDateFromSource");
    }

    ExtensionRule extensions = extensions(n.get("extensions"), path + ".extensions", basis);
    List<WarningRule> warnings = warnings(n.get("warnings"), path + ".warnings");
    EscalationSteps escalation = escalation(n.get("escalation"), path + ".escalation");
    return new SlaPolicy(
        id,
        description,
        category,
        level,
        from,
        to,
        basis,
        status,
        acceptance,
        rules,
        fromSource,
        extensions,
        warnings,
        escalation,
        calendarId,
        testOnly);
  }

  private ResolutionRule resolutionRule(JsonNode n, String path) {
    requireObject(n, path);
    JsonNode cs = n.get("complexity");
    Set<Complexity> complexities;
    if (cs == null || cs.isNull()) {
      complexities = EnumSet.allOf(Complexity.class);
    } else if (cs.isArray() && cs.size() > 0) {
      complexities = EnumSet.noneOf(Complexity.class);
      for (int i = 0; i < cs.size(); i++) {
        complexities.add(
            enumValue(Complexity.class, cs.get(i).asText(), path + ".complexity[" + i + "]"));
      }
    } else {
      throw error(
          path + ".complexity",
          "must be a non-empty array of "
              + Arrays.toString(Complexity.values())
              + " or absent (= all)");
    }
    JsonNode remote = n.get("remoteArea");
    Optional<Boolean> remoteArea;
    if (remote == null || remote.isNull()) {
      remoteArea = Optional.empty();
    } else if (remote.isBoolean()) {
      remoteArea = Optional.of(remote.asBoolean());
    } else {
      throw error(path + ".remoteArea", "must be true, false or null");
    }
    return new ResolutionRule(complexities, remoteArea, clock(n, path));
  }

  private ClockRule clock(JsonNode n, String path) {
    requireObject(n, path);
    return new ClockRule(
        period(text(n, "period", path), path + ".period"),
        text(n, "legalBasis", path),
        status(n, path));
  }

  private ExtensionRule extensions(JsonNode n, String path, String policyBasis) {
    if (n == null || n.isNull()) {
      return ExtensionRule.none(policyBasis);
    }
    requireObject(n, path);
    boolean requiresDecision = bool(n, "requiresDecisionNumber", path, true);
    String basis = text(n, "legalBasis", path);
    Map<Complexity, ExtensionRule.Allowance> allowances = new EnumMap<>(Complexity.class);
    JsonNode by = n.get("byComplexity");
    if (by != null && !by.isNull()) {
      requireObject(by, path + ".byComplexity");
      for (Iterator<Map.Entry<String, JsonNode>> it = by.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path + ".byComplexity." + e.getKey();
        Complexity c = enumValue(Complexity.class, e.getKey(), p);
        requireObject(e.getValue(), p);
        JsonNode count = e.getValue().get("maxCount");
        if (count == null || !count.canConvertToInt() || count.asInt() < 0) {
          throw error(p + ".maxCount", "missing or not a non-negative integer");
        }
        allowances.put(
            c,
            new ExtensionRule.Allowance(
                count.asInt(), period(text(e.getValue(), "maxEach", p), p + ".maxEach")));
      }
    }
    return new ExtensionRule(allowances, requiresDecision, basis);
  }

  private List<WarningRule> warnings(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return DEFAULT_WARNINGS;
    }
    if (!n.isArray()) {
      throw error(path, "not an array");
    }
    List<WarningRule> list = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode w = n.get(i);
      requireObject(w, p);
      String id = text(w, "id", p);
      JsonNode fraction = w.get("fraction");
      JsonNode before = w.get("beforeDue");
      try {
        if (fraction != null && !fraction.isNull()) {
          if (!fraction.isNumber()) {
            throw error(p + ".fraction", "not a number");
          }
          list.add(
              new WarningRule(
                  id,
                  fraction.asDouble(),
                  before == null || before.isNull()
                      ? null
                      : period(before.asText(), p + ".beforeDue")));
        } else if (before != null && !before.isNull()) {
          list.add(WarningRule.before(id, period(before.asText(), p + ".beforeDue")));
        } else {
          throw error(p, "give fraction or beforeDue");
        }
      } catch (PolicyException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw error(p, e.getMessage());
      }
    }
    return List.copyOf(list);
  }

  private EscalationSteps escalation(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return EscalationSteps.DEFAULT;
    }
    requireObject(n, path);
    return new EscalationSteps(
        period(text(n, "level2After", path), path + ".level2After"),
        period(text(n, "level3After", path), path + ".level3After"),
        text(n, "basis", path));
  }

  private Period period(String text, String path) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length != 2) {
      throw error(
          path, "expected \"<amount> <UNIT>\" such as \"30 CALENDAR_DAYS\", was \"" + text + "\"");
    }
    int amount;
    try {
      amount = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw error(path, "amount '" + parts[0] + "' is not an integer");
    }
    PeriodUnit unit = enumValue(PeriodUnit.class, parts[1], path);
    try {
      return new Period(amount, unit);
    } catch (IllegalArgumentException e) {
      throw error(path, e.getMessage());
    }
  }

  private SourceStatus status(JsonNode n, String path) {
    try {
      return SourceStatus.ofCode(text(n, "status", path));
    } catch (PolicyException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw error(path + ".status", e.getMessage());
    }
  }

  private <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw error(
          path,
          "unknown value '"
              + value
              + "', expected one of "
              + Arrays.toString(type.getEnumConstants()));
    }
  }

  private Optional<LocalDate> date(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(v.asText()));
    } catch (DateTimeParseException e) {
      throw error(path + "." + field, "not an ISO date (yyyy-MM-dd): " + v.asText());
    }
  }

  private Optional<Integer> optionalInt(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw error(path + "." + field, "not an integer");
    }
    return Optional.of(v.asInt());
  }

  private boolean bool(JsonNode n, String field, String path, boolean dflt) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw error(path + "." + field, "must be true or false");
    }
    return v.asBoolean();
  }

  private String text(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw error(path + "." + field, "missing or not a non-empty string");
    }
    return v.asText();
  }

  private static Optional<String> optionalText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
  }

  private void requireObject(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw error(path, "missing or not an object");
    }
  }

  private PolicyException error(String path, String problem) {
    return new PolicyException(source + ": " + path + ": " + problem);
  }
}
