package vn.onestop.intake.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks API keys of write requests in constant time per configured key. Keys are never logged.
 *
 * <p>Roles: a client id may carry a role after a colon, {@code clientId:admin} (in {@code
 * ONESTOP_API_KEYS}: {@code key1=hotline,key2=ops:admin}). When some key has a role, only keys with
 * the {@code admin} role may use the admin endpoints (the org-unit directory); when no key has a
 * role, every valid key may (a deployment whose keys all belong to its operators).
 */
public final class ApiKeys {
  /** Header carrying the key on the JSON API. */
  public static final String HEADER = "X-API-Key";

  /** The role that may change the org-unit directory. */
  public static final String ADMIN = "admin";

  private record Client(String id, String role) {}

  private final Map<String, Client> clients = new HashMap<>();
  private final boolean roles;

  /**
   * @param clients API key to client id, optionally {@code clientId:role}
   */
  public ApiKeys(Map<String, String> clients) {
    boolean anyRole = false;
    for (Map.Entry<String, String> e : clients.entrySet()) {
      String v = e.getValue();
      int colon = v.lastIndexOf(':');
      Client c =
          colon < 0
              ? new Client(v, null)
              : new Client(v.substring(0, colon), v.substring(colon + 1).trim());
      anyRole |= c.role() != null;
      this.clients.put(e.getKey(), c);
    }
    this.roles = anyRole;
  }

  /**
   * @param key presented key, may be null
   * @return the client id, or empty for a missing or unknown key
   */
  public Optional<String> clientFor(String key) {
    return find(key).map(Client::id);
  }

  /**
   * @param key presented key, may be null
   * @return true if the key is valid and may use the admin endpoints (see the class comment)
   */
  public boolean isAdmin(String key) {
    return find(key).map(c -> !roles || ADMIN.equals(c.role())).orElse(false);
  }

  private Optional<Client> find(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    byte[] given = key.getBytes(StandardCharsets.UTF_8);
    Client found = null;
    for (Map.Entry<String, Client> e : clients.entrySet()) {
      if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }
}
