package vn.onestop.intake.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts denouncers' identities (Luật Tố cáo 2018, Art. 9 and 47: the
 * denouncer's identity is kept secret).
 *
 * <p>The key comes from the environment variable {@value #ENV}, base64 (standard alphabet) of
 * exactly 32 bytes. Its id ({@link #keyId()}) is {@code sha256-} plus the first 8 bytes of the
 * SHA-256 of the key, in hex: it names the key without revealing it, so rotated keys can be told
 * apart in the log.
 *
 * @param key the AES key
 * @param keyId public id of the key
 */
public record IdentityKey(SecretKey key, String keyId) {
  /** Name of the environment variable holding the base64 key. */
  public static final String ENV = "ONESTOP_IDENTITY_KEY";

  /**
   * Reads the key from the process environment.
   *
   * @return the key
   * @throws IllegalStateException when {@value #ENV} is missing, not base64, or not 256 bits; the
   *     message says how to create one
   */
  public static IdentityKey fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads the key from a given environment map (for tests and the app's own config).
   *
   * @param env environment variables
   * @return the key
   * @throws IllegalStateException when {@value #ENV} is missing or malformed
   */
  public static IdentityKey fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "environment variable "
              + ENV
              + " is not set: denunciations (TO_CAO) need a"
              + " 256-bit AES key to encrypt the denouncer's identity; create one with `openssl rand -base64 32`");
    }
    return fromBase64(value.trim());
  }

  /**
   * @param base64 standard base64 of 32 bytes
   * @return the key
   * @throws IllegalStateException when the text is not base64 of exactly 32 bytes (the message does
   *     not echo the value)
   */
  public static IdentityKey fromBase64(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(ENV + " is not valid base64", e);
    }
    if (raw.length != 32) {
      throw new IllegalStateException(
          ENV + " must be 32 bytes (256 bits) in base64, got " + raw.length + " bytes");
    }
    return fromBytes(raw);
  }

  /**
   * @param raw 32 key bytes
   * @return the key with its derived id
   */
  public static IdentityKey fromBytes(byte[] raw) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + raw.length);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      String id = "sha256-" + HexFormat.of().formatHex(digest, 0, 8);
      return new IdentityKey(new SecretKeySpec(raw, "AES"), id);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  @Override
  public String toString() {
    return "IdentityKey[" + keyId + "]";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
