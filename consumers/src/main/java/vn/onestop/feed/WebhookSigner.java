package vn.onestop.feed;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies: header {@code X-OneStop-Signature: sha256=<lower-case hex of
 * HMAC-SHA256(secret, body bytes)>}. A receiver recomputes it over the raw body it received.
 */
public final class WebhookSigner {
  /** Name of the signature header. */
  public static final String SIGNATURE_HEADER = "X-OneStop-Signature";

  /** Name of the alert-id header receivers de-duplicate by. */
  public static final String ALERT_ID_HEADER = "X-OneStop-Alert-Id";

  private final byte[] secret;

  /**
   * @param secret the shared secret, UTF-8, at least 16 characters
   * @throws IllegalArgumentException if shorter
   */
  public WebhookSigner(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("webhook secret: at least 16 characters required");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param body the exact request body bytes
   * @return the header value {@code sha256=<hex>}
   */
  public String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Constant-time check of a received signature header.
   *
   * @param body the body bytes as received
   * @param header the {@code X-OneStop-Signature} value, may be null
   * @return true if it matches
   */
  public boolean verify(byte[] body, String header) {
    return header != null
        && MessageDigest.isEqual(
            sign(body).getBytes(StandardCharsets.US_ASCII),
            header.getBytes(StandardCharsets.US_ASCII));
  }
}
