package vn.onestop.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured mapping API key (or bearer token) → {@link Principal}.
 *
 * <p>Keys are kept only as SHA-256 digests, so a heap dump or a log line of this object does not
 * reveal them. File format (JSON, UTF-8):
 *
 * <pre>
 * [ {"key": "k-hoan-kiem", "officialId": "cb-001", "unitId": "HK", "scope": "UNIT"},
 *   {"key": "k-city",      "officialId": "cb-900", "unitId": "HN", "scope": "SUBTREE"} ]
 * </pre>
 *
 * {@code scope} is optional and defaults to {@code UNIT}.
 */
public final class Principals {
  private final Map<String, Principal> byDigest;

  private Principals(Map<String, Principal> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  /**
   * @param keys API key → principal
   * @return the mapping
   * @throws IllegalArgumentException if a key is blank
   */
  public static Principals of(Map<String, Principal> keys) {
    Map<String, Principal> m = new HashMap<>();
    keys.forEach(
        (k, p) -> {
          if (k == null || k.isBlank()) {
            throw new IllegalArgumentException(
                "principals: blank API key for official " + p.officialId());
          }
          m.put(digest(k), p);
        });
    return new Principals(m);
  }

  /**
   * Reads the JSON file described in the class comment.
   *
   * @param file path of the file
   * @return the mapping
   * @throws IllegalArgumentException naming the file and the entry index when an entry is invalid
   * @throws IOException if the file cannot be read
   */
  public static Principals load(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(
          file + ": expected a JSON array of {key, officialId, unitId, scope}");
    }
    Map<String, Principal> m = new HashMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode n = root.get(i);
      String where = file + ": entry " + i + ": ";
      String key = text(n, "key", where);
      String official = text(n, "officialId", where);
      String unit = text(n, "unitId", where);
      Scope scope;
      try {
        scope =
            n.hasNonNull("scope")
                ? Scope.valueOf(n.get("scope").asText().toUpperCase(Locale.ROOT))
                : Scope.UNIT;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "field 'scope' must be UNIT or SUBTREE");
      }
      if (m.put(key, new Principal(official, unit, scope)) != null) {
        throw new IllegalArgumentException(where + "field 'key' repeats an earlier key");
      }
    }
    return of(m);
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + "field '" + field + "' is missing or blank");
    }
    return v.asText();
  }

  /**
   * @param key the presented API key or token; may be null
   * @return its principal, empty if unknown or null
   */
  public Optional<Principal> find(String key) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byDigest.get(digest(key.trim())));
  }

  /**
   * @return number of configured keys
   */
  public int size() {
    return byDigest.size();
  }

  private static String digest(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  @Override
  public String toString() {
    return "Principals[" + byDigest.size() + " keys]";
  }
}
