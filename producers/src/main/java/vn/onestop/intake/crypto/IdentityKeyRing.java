package vn.onestop.intake.crypto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity keys of a deployment: one current key, which encrypts every new identity, and any
 * number of retired keys, which still decrypt identities written before a rotation. Each encrypted
 * identity names its key ({@code EncryptedIdentity.keyId}, see {@link IdentityKey#keyId()}), so the
 * ring finds the key that wrote it.
 *
 * <p>Rotation: make a new key the current one ({@value IdentityKey#ENV}, or the run's data
 * directory key file) and move the old one to {@value #RETIRED_ENV} (comma-separated base64 keys).
 * Never drop a retired key while events written with it must be readable (the log keeps them
 * forever).
 */
public final class IdentityKeyRing {
  /** Environment variable with the retired keys: comma-separated base64 of 32 bytes each. */
  public static final String RETIRED_ENV = "ONESTOP_IDENTITY_KEYS_RETIRED";

  private final IdentityKey current;
  private final Map<String, IdentityKey> byId;

  private IdentityKeyRing(IdentityKey current, List<IdentityKey> retired) {
    this.current = Objects.requireNonNull(current, "current");
    Map<String, IdentityKey> m = new LinkedHashMap<>();
    m.put(current.keyId(), current);
    for (IdentityKey k : retired) {
      m.putIfAbsent(k.keyId(), k);
    }
    this.byId = Collections.unmodifiableMap(m);
  }

  /**
   * @param current the key that encrypts
   * @param retired keys that only decrypt
   * @return the ring
   */
  public static IdentityKeyRing of(IdentityKey current, List<IdentityKey> retired) {
    return new IdentityKeyRing(current, List.copyOf(retired));
  }

  /**
   * @param current the only key
   * @return a ring of one key
   */
  public static IdentityKeyRing of(IdentityKey current) {
    return new IdentityKeyRing(current, List.of());
  }

  /**
   * A ring whose current key is given and whose retired keys come from {@value #RETIRED_ENV}.
   *
   * @param current the key that encrypts
   * @param env environment variables
   * @return the ring
   * @throws IllegalStateException when a retired key is not base64 of 32 bytes (the message names
   *     its position, never its value)
   */
  public static IdentityKeyRing withRetiredFrom(IdentityKey current, Map<String, String> env) {
    String value = env.get(RETIRED_ENV);
    List<IdentityKey> retired = new ArrayList<>();
    if (value != null && !value.isBlank()) {
      String[] parts = value.split(",");
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i].trim();
        if (p.isEmpty()) {
          continue;
        }
        try {
          retired.add(IdentityKey.fromBase64(p));
        } catch (IllegalStateException e) {
          throw new IllegalStateException(
              RETIRED_ENV + ": key " + (i + 1) + " is not base64 of 32 bytes", null);
        }
      }
    }
    return new IdentityKeyRing(current, retired);
  }

  /**
   * @return the key new identities are encrypted with
   */
  public IdentityKey current() {
    return current;
  }

  /**
   * @param keyId a key id from an encrypted identity
   * @return the key with that id, current or retired
   */
  public Optional<IdentityKey> byId(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  /**
   * @return the ids of every key held, current first
   */
  public List<String> keyIds() {
    return List.copyOf(byId.keySet());
  }

  @Override
  public String toString() {
    return "IdentityKeyRing" + keyIds();
  }
}
