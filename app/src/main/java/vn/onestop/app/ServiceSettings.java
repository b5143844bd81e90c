package vn.onestop.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.JwtSettings;

/**
 * Settings the services read from the environment, so containers (docker-compose.yml) and the
 * command line configure them the same way.
 */
final class ServiceSettings {
  private ServiceSettings() {}

  /** The key of the embedded default: every role on every unit (docs/access.md). */
  static final String DEV_PRINCIPAL = "dev:intake+officer+unit_head+supervisor+auditor+admin@*";

  /**
   * Intake API keys from {@code ONESTOP_API_KEYS}: {@code key=clientId[:roles[@scope]][,...]}
   * ({@link ApiKeyPrincipals#parseSpec}: a bare client id is INTAKE, {@code key=ops:admin} ADMIN,
   * {@code key=cb-001:officer@HK} an officer of unit HK, {@code @HN/*} a subtree, {@code @*} every
   * unit).
   *
   * @return key to {@code clientId[:roles[@scope]]}; empty when unset (then every call answers 401)
   * @throws IllegalArgumentException naming the entry (never the key) that is not valid
   */
  static Map<String, String> intakeApiKeys(String spec) {
    ApiKeyPrincipals.parseSpec(spec, "ONESTOP_API_KEYS");
    Map<String, String> keys = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return keys;
    }
    for (String entry : spec.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "ONESTOP_API_KEYS: an entry is not key=clientId[:roles[@scope]]");
      }
      keys.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return keys;
  }

  /**
   * @param file JSON principals file (docs/access.md; the feed's earlier format also loads)
   * @return the principals, or none when no file is given
   * @throws IOException never (kept for callers)
   * @throws IllegalArgumentException naming the file and entry when it is missing or invalid
   */
  static ApiKeyPrincipals feedPrincipals(Path file) throws IOException {
    if (file == null) {
      return ApiKeyPrincipals.none();
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("principals file not found: " + file);
    }
    return ApiKeyPrincipals.load(file);
  }

  /**
   * @param keys command-line keys as from {@link #intakeApiKeys}
   * @return the same keys as principals (the feed takes those with a feed role)
   */
  static ApiKeyPrincipals feedKeys(Map<String, String> keys) {
    StringBuilder spec = new StringBuilder();
    keys.forEach((k, v) -> spec.append(spec.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return ApiKeyPrincipals.parseSpec(spec.toString(), "ONESTOP_API_KEYS");
  }

  /**
   * JWT bearer verification from the environment: {@code ONESTOP_JWT_ISSUER}, {@code
   * ONESTOP_JWT_AUDIENCE} and one of {@code ONESTOP_JWT_JWKS_URL} or {@code ONESTOP_JWT_PUBLIC_KEY}
   * (a PEM, JWK or JWK Set file).
   *
   * @param env the environment
   * @return the settings, or null when {@code ONESTOP_JWT_ISSUER} is unset (JWTs are refused)
   * @throws IllegalArgumentException naming the variable that is missing or bad
   */
  static JwtSettings jwt(Map<String, String> env) {
    String issuer = env.get("ONESTOP_JWT_ISSUER");
    if (issuer == null || issuer.isBlank()) {
      return null;
    }
    String audience = env.get("ONESTOP_JWT_AUDIENCE");
    String jwks = env.get("ONESTOP_JWT_JWKS_URL");
    String key = env.get("ONESTOP_JWT_PUBLIC_KEY");
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException(
          "ONESTOP_JWT_AUDIENCE is required with ONESTOP_JWT_ISSUER");
    }
    boolean hasJwks = jwks != null && !jwks.isBlank();
    boolean hasKey = key != null && !key.isBlank();
    if (hasJwks == hasKey) {
      throw new IllegalArgumentException(
          "set exactly one of ONESTOP_JWT_JWKS_URL and ONESTOP_JWT_PUBLIC_KEY with ONESTOP_JWT_ISSUER");
    }
    URI uri = null;
    if (hasJwks) {
      try {
        uri = URI.create(jwks.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ONESTOP_JWT_JWKS_URL is not a URL");
      }
    }
    return JwtSettings.of(issuer.trim(), audience.trim(), uri, hasKey ? Path.of(key.trim()) : null);
  }

  /**
   * @return a duration parsed as ISO-8601 ({@code PT30S}) or plain seconds ({@code 30})
   */
  static Duration duration(String text) {
    String t = text.trim();
    return t.chars().allMatch(Character::isDigit)
        ? Duration.ofSeconds(Long.parseLong(t))
        : Duration.parse(t);
  }
}
