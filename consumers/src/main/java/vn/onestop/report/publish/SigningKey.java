package vn.onestop.report.publish;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Objects;

/**
 * The key that signs published scorecard records: a JWK (RFC 7517) of an EC P-256 key (JWS {@code
 * ES256}, the default) or an RSA key of at least 2048 bits ({@code RS256}). The private JWK comes
 * from a file or from the environment variable {@value #ENV} (the JWK's JSON text); only its public
 * part is ever written next to the published site. Key material never appears in messages.
 *
 * @param jwk the key (private for signing; public suffices to verify)
 */
public record SigningKey(JWK jwk) {
  /** Environment variable holding the private JWK's JSON when no key file is given. */
  public static final String ENV = "ONESTOP_KPI_SIGNING_KEY";

  /**
   * @throws NullPointerException if the key is null
   * @throws IllegalArgumentException if the key is neither EC P-256 nor RSA
   */
  public SigningKey {
    Objects.requireNonNull(jwk, "jwk");
    if (jwk instanceof ECKey ec) {
      if (!Curve.P_256.equals(ec.getCurve())) {
        throw new IllegalArgumentException("EC signing key must be on curve P-256 (ES256)");
      }
    } else if (!(jwk instanceof RSAKey)) {
      throw new IllegalArgumentException(
          "signing key must be an EC P-256 or RSA JWK, was " + jwk.getKeyType());
    }
  }

  /**
   * A new EC P-256 key with a key id.
   *
   * @param keyId the key id ({@code kid}), e.g. {@code onestop-kpi-2026}
   * @return the key (private)
   */
  public static SigningKey generate(String keyId) {
    try {
      return new SigningKey(new ECKeyGenerator(Curve.P_256).keyID(keyId).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("EC P-256 key generation failed", e);
    }
  }

  /**
   * @param json a JWK's JSON text
   * @param where where it came from (for the error message: a file name or the variable name)
   * @return the key
   * @throws IllegalArgumentException if the text is not a supported JWK (the message names {@code
   *     where}, never the text)
   */
  public static SigningKey parse(String json, String where) {
    try {
      return new SigningKey(JWK.parse(json));
    } catch (ParseException e) {
      throw new IllegalArgumentException(where + ": not a JWK (JSON Web Key)");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage());
    }
  }

  /**
   * The signing key: the file if given, else {@value #ENV}.
   *
   * @param file a private JWK file, or null
   * @return the key
   * @throws IllegalArgumentException if neither is given, the file cannot be read or the key is not
   *     a private supported JWK
   */
  public static SigningKey load(Path file) {
    SigningKey k;
    if (file != null) {
      try {
        k = parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": cannot read the signing key file");
      }
    } else {
      String env = System.getenv(ENV);
      if (env == null || env.isBlank()) {
        throw new IllegalArgumentException(
            "no signing key: give --key FILE (a private JWK) or set " + ENV);
      }
      k = parse(env, ENV);
    }
    if (!k.jwk().isPrivate()) {
      throw new IllegalArgumentException(
          "the signing key is a public key: a private JWK is needed");
    }
    return k;
  }

  /**
   * @return the JWS algorithm: ES256 for EC P-256, RS256 for RSA
   */
  public JWSAlgorithm algorithm() {
    return jwk instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
  }

  /**
   * @return the public key only (what is published)
   */
  public SigningKey publicKey() {
    return new SigningKey(jwk.toPublicJWK());
  }

  /**
   * @return the RFC 7638 SHA-256 thumbprint of the public key (base64url), to compare with the one
   *     the city announces
   */
  public String thumbprint() {
    try {
      return jwk.computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalStateException("thumbprint failed", e);
    }
  }

  JWSSigner signer() throws JOSEException {
    return jwk instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) jwk);
  }

  JWSVerifier verifier() throws JOSEException {
    return jwk instanceof ECKey ec
        ? new ECDSAVerifier(ec.toPublicJWK())
        : new RSASSAVerifier(((RSAKey) jwk).toPublicJWK());
  }
}
