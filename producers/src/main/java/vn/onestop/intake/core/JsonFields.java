package vn.onestop.intake.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed fields from a JSON object and collects a {@link FieldError} for every bad one, so a
 * single 400 answer names all of them. Absent fields and JSON {@code null} are treated alike.
 */
final class JsonFields {
  /** Ids of units, officials, service codes: letters, digits and {@code . _ : / -}. */
  static final Pattern ID = vn.onestop.ids.OfficialIds.PATTERN;

  private final List<FieldError> errors;
  private final JsonNode node;
  private final String prefix;

  JsonFields(JsonNode node, String prefix, List<FieldError> errors) {
    this.node = node;
    this.prefix = prefix;
    this.errors = errors;
  }

  static JsonFields root(JsonNode node, List<FieldError> errors) {
    return new JsonFields(node, "", errors);
  }

  String path(String field) {
    return prefix + field;
  }

  void error(String field, String message) {
    errors.add(new FieldError(path(field), message));
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** Reports every field not in {@code allowed}. */
  void rejectUnknown(Set<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!allowed.contains(f)) {
                error(
                    f,
                    "unknown field; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
              }
            });
  }

  /**
   * @return the text, or null when absent/invalid (an error is recorded when required or invalid)
   */
  String text(String field, boolean required, int maxChars) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      error(field, "must be a string");
      return null;
    }
    String s = v.textValue();
    String problem = TextRules.check(s, maxChars);
    if (problem != null) {
      error(field, problem);
      return null;
    }
    if (s.isBlank()) {
      if (required) {
        error(field, "must not be blank");
      }
      return null;
    }
    return s;
  }

  /**
   * @param field name
   * @param required whether absence is an error
   * @return a unit id ({@link vn.onestop.ids.UnitIds}), or null (absent or invalid, with an error
   *     recorded)
   */
  String unitId(String field, boolean required) {
    JsonNode v = node.get(field);
    if (!required && v != null && v.isTextual() && v.textValue().isBlank()) {
      error(field, "must not be blank");
      return null;
    }
    String s = text(field, required, 64);
    if (s != null && !vn.onestop.ids.UnitIds.valid(s)) {
      error(field, "must be a unit id: " + vn.onestop.ids.UnitIds.EXPECTED);
      return null;
    }
    return s;
  }

  /**
   * @param field name
   * @param required whether absence is an error
   * @return an id, or null
   */
  String id(String field, boolean required) {
    JsonNode v = node.get(field);
    if (!required && v != null && v.isTextual() && v.textValue().isBlank()) {
      // An id is never blank; taking a blank one as absent let a blank unitId pass the
      // "unitId or location" check and silently go to the default unit.
      error(field, "must not be blank");
      return null;
    }
    String s = text(field, required, 64);
    if (s != null && !ID.matcher(s).matches()) {
      error(field, "must be " + vn.onestop.ids.OfficialIds.EXPECTED);
      return null;
    }
    return s;
  }

  String matching(String field, boolean required, int maxChars, Pattern pattern, String expected) {
    String s = text(field, required, maxChars);
    if (s != null && !pattern.matcher(s).matches()) {
      error(field, "must be " + expected);
      return null;
    }
    return s;
  }

  <E extends Enum<E>> E enumValue(String field, boolean required, Class<E> type, Set<E> allowed) {
    String s = text(field, required, 64);
    if (s == null) {
      return null;
    }
    for (E e : allowed) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    allowed.forEach(e -> names.add(e.name()));
    error(
        field,
        "must be one of " + String.join(", ", names) + ", got '" + TextRules.preview(s) + "'");
    return null;
  }

  Integer integer(String field, boolean required, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      error(field, "must be an integer from " + min + " to " + max);
      return null;
    }
    int i = v.intValue();
    if (i < min || i > max) {
      error(field, "must be an integer from " + min + " to " + max + ", got " + i);
      return null;
    }
    return i;
  }

  Double number(String field, double min, double max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()
        || !Double.isFinite(v.doubleValue())
        || v.doubleValue() < min
        || v.doubleValue() > max) {
      error(field, "must be a number from " + min + " to " + max);
      return null;
    }
    return v.doubleValue();
  }

  Boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      error(field, "must be true or false");
      return null;
    }
    return v.booleanValue();
  }

  /**
   * @return the nested object's reader, or null when absent or not an object (error recorded)
   */
  JsonFields object(String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!v.isObject()) {
      error(field, "must be an object");
      return null;
    }
    return new JsonFields(v, path(field) + ".", errors);
  }

  JsonNode raw(String field) {
    return node.get(field);
  }
}
