package vn.onestop.intake.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import vn.onestop.schema.Complainant;
import vn.onestop.schema.EncryptedIdentity;

/**
 * Encrypts and decrypts the identity of a denouncer (tố cáo) or complainant (khiếu nại, and any
 * other submitter's contact) with AES-256-GCM (javax.crypto). New identities are encrypted with the
 * ring's current key; an identity is decrypted with the key its {@code keyId} names, current or
 * retired ({@link IdentityKeyRing}).
 *
 * <p>Plaintext: the UTF-8 JSON of the {@link Complainant} fields (fullName, phone, email,
 * citizenId, address; null fields left out). Nonce: 96 random bits per encryption. Tag: 128 bits,
 * appended to the ciphertext. Associated data: the UTF-8 case id, so an encrypted identity copied
 * onto another case does not decrypt. Thread-safe.
 */
public final class IdentityCipher {
  private static final int TAG_BITS = 128;
  private static final int NONCE_BYTES = 12;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IdentityKeyRing ring;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param key the AES-256 key (a ring of one key)
   */
  public IdentityCipher(IdentityKey key) {
    this(IdentityKeyRing.of(key));
  }

  /**
   * @param ring the current key and the retired ones
   */
  public IdentityCipher(IdentityKeyRing ring) {
    this.ring = java.util.Objects.requireNonNull(ring, "ring");
  }

  /**
   * @return the id of the key this cipher encrypts with
   */
  public String keyId() {
    return ring.current().keyId();
  }

  /**
   * @param caseId case the identity belongs to (bound as associated data)
   * @param identity the denouncer's identity
   * @return the encrypted identity for {@code Submitted.encryptedIdentity}
   */
  public EncryptedIdentity encrypt(String caseId, Complainant identity) {
    IdentityKey key = ring.current();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(IdentityKey.utf8(caseId));
      byte[] ciphertext = cipher.doFinal(toJson(identity));
      return EncryptedIdentity.newBuilder()
          .setKeyId(key.keyId())
          .setNonce(ByteBuffer.wrap(nonce))
          .setCiphertext(ByteBuffer.wrap(ciphertext))
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * @param caseId case the identity belongs to
   * @param encrypted the encrypted identity
   * @return the decrypted identity
   * @throws GeneralSecurityException when the ring holds no key of that id, the key is wrong, the
   *     case id differs or the ciphertext was altered (GCM tag mismatch)
   */
  public Complainant decrypt(String caseId, EncryptedIdentity encrypted)
      throws GeneralSecurityException {
    IdentityKey key =
        ring.byId(encrypted.getKeyId())
            .orElseThrow(
                () ->
                    new GeneralSecurityException(
                        "identity was encrypted with key "
                            + encrypted.getKeyId()
                            + ", this cipher holds "
                            + String.join(", ", ring.keyIds())));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.DECRYPT_MODE,
        key.key(),
        new GCMParameterSpec(TAG_BITS, bytes(encrypted.getNonce())));
    cipher.updateAAD(IdentityKey.utf8(caseId));
    byte[] plain = cipher.doFinal(bytes(encrypted.getCiphertext()));
    return fromJson(plain);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer dup = buffer.duplicate();
    byte[] out = new byte[dup.remaining()];
    dup.get(out);
    return out;
  }

  private static byte[] toJson(Complainant c) {
    ObjectNode n = JSON.createObjectNode();
    putIfSet(n, "fullName", c.getFullName());
    putIfSet(n, "phone", c.getPhone());
    putIfSet(n, "email", c.getEmail());
    putIfSet(n, "citizenId", c.getCitizenId());
    putIfSet(n, "address", c.getAddress());
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write identity JSON", e);
    }
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static Complainant fromJson(byte[] plain) throws GeneralSecurityException {
    try {
      var n = JSON.readTree(plain);
      return Complainant.newBuilder()
          .setFullName(text(n, "fullName"))
          .setPhone(text(n, "phone"))
          .setEmail(text(n, "email"))
          .setCitizenId(text(n, "citizenId"))
          .setAddress(text(n, "address"))
          .build();
    } catch (IOException e) {
      throw new GeneralSecurityException("decrypted identity is not JSON", e);
    }
  }

  private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
    var v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
