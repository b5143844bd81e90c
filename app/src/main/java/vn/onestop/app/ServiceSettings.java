package vn.onestop.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.onestop.feed.Principals;

/**
 * Settings the services read from the environment, so containers (docker-compose.yml) and the
 * command line configure them the same way.
 */
final class ServiceSettings {
  private ServiceSettings() {}

  /**
   * Intake API keys from {@code ONESTOP_API_KEYS}: {@code key=clientId[,key=clientId...]}; a client
   * id may carry a role, {@code key=clientId:admin}, which the org-unit admin endpoints require
   * once any key has a role (see {@code vn.onestop.intake.http.ApiKeys}).
   *
   * @return key to client id; empty when unset (then every write answers 401)
   * @throws IllegalArgumentException naming the entry that has no {@code =}
   */
  static Map<String, String> intakeApiKeys(String spec) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return keys;
    }
    for (String entry : spec.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "ONESTOP_API_KEYS: entry '" + entry + "' is not key=clientId");
      }
      keys.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
    }
    return keys;
  }

  /**
   * @param file JSON principals file of the alert feed (see {@link Principals})
   * @return the principals, or none when no file is given
   * @throws IOException if the file cannot be read
   */
  static Principals feedPrincipals(Path file) throws IOException {
    if (file == null) {
      return Principals.of(Map.of());
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("principals file not found: " + file);
    }
    return Principals.load(file);
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
