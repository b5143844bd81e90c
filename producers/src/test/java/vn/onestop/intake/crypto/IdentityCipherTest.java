package vn.onestop.intake.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Complainant;
import vn.onestop.schema.EncryptedIdentity;

class IdentityCipherTest {
  private static IdentityKey randomKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return IdentityKey.fromBytes(raw);
  }

  private static final Complainant WHO =
      new Complainant(
          "Lê Thị Hồng Nhung",
          "0912345678",
          "nhung@example.vn",
          "001234567890",
          "Số 5 ngõ 12 Đường Láng, Đống Đa, Hà Nội");

  @Test
  void roundTripRestoresTheIdentityAndHidesIt() throws Exception {
    IdentityCipher cipher = new IdentityCipher(randomKey());
    EncryptedIdentity enc = cipher.encrypt("case-1", WHO);
    assertThat(enc.getNonce().remaining()).isEqualTo(12);
    assertThat(enc.getKeyId()).startsWith("sha256-").isEqualTo(cipher.keyId());
    String ciphertext = new String(bytes(enc.getCiphertext()), StandardCharsets.ISO_8859_1);
    assertThat(ciphertext).doesNotContain("0912345678").doesNotContain("nhung@");
    assertThat(cipher.decrypt("case-1", enc)).isEqualTo(WHO);
  }

  @Test
  void nonceIsFreshEachTime() {
    IdentityCipher cipher = new IdentityCipher(randomKey());
    assertThat(cipher.encrypt("c", WHO).getNonce())
        .isNotEqualTo(cipher.encrypt("c", WHO).getNonce());
  }

  @Test
  void otherCaseOtherKeyOrTamperingFailToDecrypt() {
    IdentityKey key = randomKey();
    IdentityCipher cipher = new IdentityCipher(key);
    EncryptedIdentity enc = cipher.encrypt("case-1", WHO);
    assertThatThrownBy(() -> cipher.decrypt("case-2", enc))
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> new IdentityCipher(randomKey()).decrypt("case-1", enc))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("encrypted with key");
    byte[] ct = bytes(enc.getCiphertext());
    ct[0] ^= 1;
    EncryptedIdentity tampered =
        new EncryptedIdentity(enc.getKeyId(), enc.getNonce(), ByteBuffer.wrap(ct));
    assertThatThrownBy(() -> cipher.decrypt("case-1", tampered))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keyFromEnvironmentIsCheckedWithClearMessages() {
    assertThatThrownBy(() -> IdentityKey.fromEnvironment(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ONESTOP_IDENTITY_KEY is not set");
    assertThatThrownBy(() -> IdentityKey.fromEnvironment(Map.of("ONESTOP_IDENTITY_KEY", "%%%")))
        .hasMessageContaining("not valid base64");
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> IdentityKey.fromEnvironment(Map.of("ONESTOP_IDENTITY_KEY", shortKey)))
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining(shortKey);
    String good = Base64.getEncoder().encodeToString(new byte[32]);
    IdentityKey k = IdentityKey.fromEnvironment(Map.of("ONESTOP_IDENTITY_KEY", good));
    assertThat(k.toString()).doesNotContain(good);
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }

  @Test
  void aRotatedRingEncryptsWithTheNewKeyAndStillDecryptsTheOld() throws Exception {
    IdentityKey old = randomKey();
    IdentityKey fresh = randomKey();
    EncryptedIdentity before = new IdentityCipher(old).encrypt("case-1", WHO);
    IdentityCipher rotated =
        new IdentityCipher(
            IdentityKeyRing.withRetiredFrom(
                fresh,
                java.util.Map.of(
                    IdentityKeyRing.RETIRED_ENV,
                    java.util.Base64.getEncoder().encodeToString(old.key().getEncoded()))));
    EncryptedIdentity after = rotated.encrypt("case-2", WHO);
    assertThat(after.getKeyId()).isEqualTo(fresh.keyId()).isNotEqualTo(before.getKeyId());
    assertThat(rotated.decrypt("case-1", before)).isEqualTo(WHO);
    assertThat(rotated.decrypt("case-2", after)).isEqualTo(WHO);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new IdentityCipher(fresh).decrypt("case-1", before))
        .isInstanceOf(java.security.GeneralSecurityException.class)
        .hasMessageContaining(before.getKeyId());
  }

  @Test
  void aMalformedRetiredKeyIsNamedByPositionNotEchoed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                IdentityKeyRing.withRetiredFrom(
                    randomKey(), java.util.Map.of(IdentityKeyRing.RETIRED_ENV, "c2VjcmV0LXRleHQ=")))
        .hasMessageContaining("key 1")
        .hasMessageNotContaining("c2VjcmV0");
  }
}
