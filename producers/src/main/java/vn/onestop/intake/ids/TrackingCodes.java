package vn.onestop.intake.ids;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Tracking codes given to citizens: {@code OS-} followed by 10 Crockford base-32 characters (no I,
 * L, O, U), derived from the case id so the same case always has the same code.
 */
public final class TrackingCodes {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private TrackingCodes() {}

  /**
   * @param caseId case id
   * @return e.g. {@code OS-7K2M9QX4TB}
   */
  public static String forCase(String caseId) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(caseId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (hash[i] & 0xff);
    }
    StringBuilder sb = new StringBuilder("OS-");
    for (int i = 0; i < 10; i++) {
      sb.append(ALPHABET[(int) (bits & 31)]);
      bits >>>= 5;
    }
    return sb.toString();
  }
}
