package vn.onestop.intake.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/** Checks API keys of write requests in constant time per configured key. Keys are never logged. */
public final class ApiKeys {
  /** Header carrying the key on the JSON API. */
  public static final String HEADER = "X-API-Key";

  private final Map<String, String> clients;

  /**
   * @param clients API key to client id
   */
  public ApiKeys(Map<String, String> clients) {
    this.clients = Map.copyOf(clients);
  }

  /**
   * @param key presented key, may be null
   * @return the client id, or empty for a missing or unknown key
   */
  public Optional<String> clientFor(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    byte[] given = key.getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (Map.Entry<String, String> e : clients.entrySet()) {
      if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }
}
