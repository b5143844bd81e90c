package vn.onestop.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * The shared secret of the engine's internal status endpoint ({@code GET
 * /internal/v1/cases/{id}/status}, docs/access.md "Internal status endpoint"): every engine
 * instance and every intake that asks them ({@code onestop intake --engine-url}) is given the same
 * {@value #ENV}; a caller sends it in header {@value #HEADER}. The endpoint answers no one when the
 * instance has no key.
 *
 * <p>Compared in constant time: both sides are digested with SHA-256 and the digests compared with
 * {@link MessageDigest#isEqual}, so neither the key's length nor its content shows in the time. The
 * key is never logged or printed ({@link #toString}).
 */
final class InternalKey {
  /** Environment variable holding the key. */
  static final String ENV = "ONESTOP_INTERNAL_KEY";

  /** Header carrying the key on an internal request. */
  static final String HEADER = "X-OneStop-Internal-Key";

  /** Shortest accepted key, in characters (a generated key has 43). */
  static final int MIN_CHARS = 16;

  private final String key;
  private final byte[] digest;

  private InternalKey(String key) {
    this.key = key;
    this.digest = sha256(key);
  }

  /**
   * @param key the shared secret, at least {@value #MIN_CHARS} characters
   * @return the key
   * @throws IllegalArgumentException naming {@value #ENV} (never the key) when it is too short
   */
  static InternalKey of(String key) {
    String k = key == null ? "" : key.strip();
    if (k.length() < MIN_CHARS) {
      throw new IllegalArgumentException(
          ENV + " must be at least " + MIN_CHARS + " characters (e.g. openssl rand -base64 32)");
    }
    return new InternalKey(k);
  }

  /**
   * @param env the process environment
   * @return the key of {@value #ENV}, or empty when it is unset or blank
   * @throws IllegalArgumentException when it is set but shorter than {@value #MIN_CHARS}
   */
  static Optional<InternalKey> fromEnvironment(Map<String, String> env) {
    String v = env.get(ENV);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(of(v));
  }

  /**
   * @param presented the value of header {@value #HEADER}, may be null
   * @return whether it is this key (constant time)
   */
  boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented.strip()));
  }

  /**
   * @return the value to send in header {@value #HEADER}
   */
  String value() {
    return key;
  }

  /** Does not print the key. */
  @Override
  public String toString() {
    return "InternalKey[" + ENV + "]";
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JRE", e);
    }
  }
}
