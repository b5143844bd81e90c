package vn.onestop.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API keys and their principals (docs/access.md, "Principals file"). Keys are held only as SHA-256
 * digests (API keys are high-entropy random strings, see {@link #newKey}, so an unsalted digest is
 * enough to keep them secret at rest); a presented key is digested and compared with every stored
 * digest by {@link MessageDigest#isEqual}, without stopping at a match, so the time taken does not
 * tell which key or how much of it matched.
 *
 * <p>Principals file (JSON, UTF-8), an object with a {@code principals} array or the array itself:
 *
 * <pre>
 * {"principals": [
 *   {"id": "hotline", "roles": ["INTAKE"], "keySha256": "&lt;64 hex&gt;"},
 *   {"id": "cb-001", "roles": ["OFFICER"], "scope": {"unit": "HK"}, "keySha256": "..."},
 *   {"id": "tp-head", "roles": ["UNIT_HEAD", "SUPERVISOR"], "scope": {"subtree": "HN"},
 *    "keySha256": "..."},
 *   {"id": "audit", "roles": ["AUDITOR"], "scope": "all", "keySha256": "..."}
 * ]}
 * </pre>
 *
 * {@code scope} is {@code {"unit": id}}, {@code {"subtree": id}}, {@code "all"} or absent (no unit:
 * enough for INTAKE and ADMIN). {@code key} (the plain key) is accepted instead of {@code
 * keySha256} for development files; it is digested on load. The alert feed's earlier format, an
 * array of {@code {"key", "officialId", "unitId", "scope": "UNIT"|"SUBTREE"}}, still loads: each
 * entry becomes a SUPERVISOR with that unit or subtree scope.
 *
 * <p>Command-line key lists ({@code ONESTOP_API_KEYS}, {@code --api-key}), see {@link #parseSpec}:
 * {@code key=clientId[:roles[@scope]]}.
 */
public final class ApiKeyPrincipals {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

  /**
   * Shortest plain {@code key} accepted in a principals file (characters): a shorter key can be
   * guessed. {@link #newKey} gives 43.
   */
  public static final int MIN_KEY_CHARS = 16;

  /** Roles that act on the cases of a unit and so need a unit scope in a principals file. */
  private static final Set<Role> SCOPED = EnumSet.of(Role.OFFICER, Role.UNIT_HEAD);

  private record Entry(byte[] digest, Principal principal) {}

  private final List<Entry> entries;

  private ApiKeyPrincipals(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * @param keys plain API key to principal
   * @return the key set
   * @throws IllegalArgumentException if a key is blank
   */
  public static ApiKeyPrincipals of(Map<String, Principal> keys) {
    List<Entry> list = new ArrayList<>();
    keys.forEach(
        (k, p) -> {
          if (k == null || k.isBlank()) {
            throw new IllegalArgumentException("blank API key for principal " + p.id());
          }
          list.add(new Entry(digest(k.trim()), p));
        });
    return new ApiKeyPrincipals(list);
  }

  /**
   * @return a key set with no key (every API key is refused)
   */
  public static ApiKeyPrincipals none() {
    return new ApiKeyPrincipals(List.of());
  }

  /**
   * @param more another key set
   * @return a key set holding the keys of both
   */
  public ApiKeyPrincipals plus(ApiKeyPrincipals more) {
    List<Entry> list = new ArrayList<>(entries);
    list.addAll(more.entries);
    return new ApiKeyPrincipals(list);
  }

  /**
   * Reads a principals file (format in the class comment).
   *
   * @param file the file
   * @return the key set
   * @throws IllegalArgumentException naming the file and the entry number (from 1) of an invalid
   *     entry, or the file when it is missing, or the file, line and column when it is not JSON
   */
  public static ApiKeyPrincipals load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("principals file not found: " + file);
    } catch (IOException e) {
      throw new IllegalArgumentException("principals file " + file + ": cannot read: " + e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
      throw new IllegalArgumentException(
          "principals file " + file + where + ": not JSON (" + e.getOriginalMessage() + ")");
    }
    return parse(root, file.toString());
  }

  /**
   * @param root the parsed principals file
   * @param where name of the source for messages (the file path)
   * @return the key set
   * @throws IllegalArgumentException naming {@code where} and the entry number (from 1) of an
   *     invalid entry: a bad key, role, scope or id (ids: {@link vn.onestop.ids.OfficialIds}, unit
   *     ids: {@link vn.onestop.ids.UnitIds}), an OFFICER or UNIT_HEAD without a scope, a principal
   *     id or key that repeats an earlier entry's, a plain key shorter than {@link #MIN_KEY_CHARS}
   */
  public static ApiKeyPrincipals parse(JsonNode root, String where) {
    JsonNode array = root != null && root.isObject() ? root.get("principals") : root;
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException(
          where + ": expected {\"principals\": [...]} or a JSON array of principals");
    }
    List<Entry> list = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = where + ": entry " + (i + 1) + ": ";
      JsonNode n = array.get(i);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException(at + "must be a JSON object");
      }
      byte[] d = keyDigest(n, at);
      String hex = HexFormat.of().formatHex(d);
      if (seen.contains(hex)) {
        throw new IllegalArgumentException(at + "the key repeats an earlier entry's key");
      }
      seen.add(hex);
      Principal p;
      try {
        p = n.has("officialId") ? legacyFeed(n, at) : principal(n, at);
      } catch (IllegalArgumentException e) {
        throw e.getMessage().startsWith(at) ? e : new IllegalArgumentException(at + e.getMessage());
      }
      if (p.hasAny(SCOPED) && p.scope().kind() == Scope.Kind.NONE) {
        throw new IllegalArgumentException(
            at + "an OFFICER or UNIT_HEAD needs a 'scope' (the unit whose cases they handle)");
      }
      if (!ids.add(p.id())) {
        throw new IllegalArgumentException(at + "principal id repeats an earlier entry's id");
      }
      list.add(new Entry(d, p));
    }
    return new ApiKeyPrincipals(list);
  }

  private static byte[] keyDigest(JsonNode n, String at) {
    JsonNode hashed = n.get("keySha256");
    JsonNode plain = n.get("key");
    if (hashed != null && plain != null) {
      throw new IllegalArgumentException(at + "give either 'keySha256' or 'key', not both");
    }
    if (hashed != null) {
      if (!hashed.isTextual() || !HEX64.matcher(hashed.asText()).matches()) {
        throw new IllegalArgumentException(
            at + "field 'keySha256' must be 64 hex digits (SHA-256 of the key's UTF-8 bytes)");
      }
      return HexFormat.of().parseHex(hashed.asText().toLowerCase(Locale.ROOT));
    }
    if (plain == null || !plain.isTextual() || plain.asText().isBlank()) {
      throw new IllegalArgumentException(at + "field 'keySha256' (or 'key') is missing or blank");
    }
    if (plain.asText().trim().length() < MIN_KEY_CHARS) {
      throw new IllegalArgumentException(
          at + "field 'key' is shorter than " + MIN_KEY_CHARS + " characters");
    }
    return digest(plain.asText().trim());
  }

  private static Principal principal(JsonNode n, String at) {
    String id = text(n, "id", at);
    JsonNode rolesNode = n.get("roles");
    if (rolesNode == null || !rolesNode.isArray() || rolesNode.isEmpty()) {
      throw new IllegalArgumentException(
          at + "field 'roles' must be a non-empty array of " + List.of(Role.values()));
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (JsonNode r : rolesNode) {
      roles.add(role(r.asText(), at + "field 'roles': "));
    }
    return new Principal(id, roles, scope(n.get("scope"), at));
  }

  private static Scope scope(JsonNode s, String at) {
    if (s == null || s.isNull()) {
      return Scope.none();
    }
    if (s.isTextual() && s.asText().equalsIgnoreCase("all")) {
      return Scope.all();
    }
    if (s.isObject() && s.size() == 1) {
      if (s.hasNonNull("unit") && !s.get("unit").asText().isBlank()) {
        return Scope.unit(s.get("unit").asText());
      }
      if (s.hasNonNull("subtree") && !s.get("subtree").asText().isBlank()) {
        return Scope.subtree(s.get("subtree").asText());
      }
    }
    throw new IllegalArgumentException(
        at + "field 'scope' must be {\"unit\": id}, {\"subtree\": id} or \"all\"");
  }

  private static Principal legacyFeed(JsonNode n, String at) {
    String official = text(n, "officialId", at);
    String unit = text(n, "unitId", at);
    String kind = n.hasNonNull("scope") ? n.get("scope").asText().toUpperCase(Locale.ROOT) : "UNIT";
    Scope scope =
        switch (kind) {
          case "UNIT" -> Scope.unit(unit);
          case "SUBTREE" -> Scope.subtree(unit);
          default ->
              throw new IllegalArgumentException(at + "field 'scope' must be UNIT or SUBTREE");
        };
    return Principal.of(official, scope, Role.SUPERVISOR);
  }

  private static String text(JsonNode n, String field, String at) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(at + "field '" + field + "' is missing or blank");
    }
    return v.asText();
  }

  private static Role role(String name, String at) {
    try {
      return Role.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          at + "unknown role '" + name + "', expected one of " + List.of(Role.values()));
    }
  }

  /**
   * Parses a command-line key list: comma-separated {@code key=clientId[:roles[@scope]]}, where
   * roles are role names joined by {@code +} (case-insensitive) and scope is a unit id, {@code
   * unitId/*} (its subtree) or {@code *} (all units). Without roles a key is INTAKE (it may submit
   * cases, nothing else); {@code key=ops:admin} is ADMIN, as before. Examples: {@code k1=hotline},
   * {@code k2=cb-001:officer@HK}, {@code k3=tp-head:unit_head+supervisor@HN/*}.
   *
   * @param spec the list; blank gives no key
   * @param source name of the setting for messages, e.g. {@code ONESTOP_API_KEYS}
   * @return the key set
   * @throws IllegalArgumentException naming the setting and the entry (never the key itself)
   */
  public static ApiKeyPrincipals parseSpec(String spec, String source) {
    Map<String, Principal> m = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return of(m);
    }
    String[] parts = spec.split(",");
    for (int i = 0; i < parts.length; i++) {
      String entry = parts[i].trim();
      if (entry.isEmpty()) {
        continue;
      }
      String at = source + ": entry " + (i + 1) + ": ";
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(at + "expected key=clientId[:roles[@scope]]");
      }
      String key = entry.substring(0, eq).trim();
      String rest = entry.substring(eq + 1).trim();
      int colon = rest.indexOf(':');
      String id = colon < 0 ? rest : rest.substring(0, colon).trim();
      if (id.isEmpty()) {
        throw new IllegalArgumentException(at + "the client id is empty");
      }
      Set<Role> roles = EnumSet.of(Role.INTAKE);
      Scope scope = Scope.none();
      if (colon >= 0) {
        String r = rest.substring(colon + 1).trim();
        int atSign = r.indexOf('@');
        String roleList = atSign < 0 ? r : r.substring(0, atSign);
        roles = EnumSet.noneOf(Role.class);
        for (String name : roleList.split("\\+")) {
          roles.add(role(name, at));
        }
        if (atSign >= 0) {
          String s = r.substring(atSign + 1).trim();
          if (s.isEmpty()) {
            throw new IllegalArgumentException(at + "the scope after '@' is empty");
          }
          try {
            scope =
                s.equals("*")
                    ? Scope.all()
                    : s.endsWith("/*")
                        ? Scope.subtree(s.substring(0, s.length() - 2))
                        : Scope.unit(s);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + e.getMessage());
          }
        }
      }
      Principal p;
      try {
        p = new Principal(id, roles, scope);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + e.getMessage());
      }
      if (m.put(key, p) != null) {
        throw new IllegalArgumentException(at + "repeats an earlier key");
      }
    }
    return of(m);
  }

  /**
   * @param key the presented API key, may be null
   * @return its principal; empty for a null, blank or unknown key
   */
  public Optional<Principal> find(String key) {
    if (key == null || key.isBlank()) {
      return Optional.empty();
    }
    byte[] given = digest(key.trim());
    Principal found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(given, e.digest()) && found == null) {
        found = e.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * @return the number of keys
   */
  public int size() {
    return entries.size();
  }

  /**
   * @return the principals of all keys, in file order (no keys)
   */
  public List<Principal> principals() {
    return entries.stream().map(Entry::principal).toList();
  }

  /**
   * @param key a plain API key
   * @return the 64 lower-case hex digits of its SHA-256 (the {@code keySha256} of the file)
   */
  public static String sha256Hex(String key) {
    return HexFormat.of().formatHex(digest(key.trim()));
  }

  /**
   * @return a new random API key: 32 bytes from {@link SecureRandom}, URL-safe base64 (43
   *     characters)
   */
  public static String newKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  /** Does not print keys or digests. */
  @Override
  public String toString() {
    return "ApiKeyPrincipals[" + entries.size() + " keys]";
  }
}
