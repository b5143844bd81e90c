package vn.onestop.access;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How bearer JWTs (OIDC access or ID tokens) are verified (docs/access.md, "JWT bearer tokens").
 *
 * @param issuer the required {@code iss}, exactly
 * @param audience the required {@code aud} (one of the token's audiences)
 * @param jwksUrl the issuer's JWK Set URL (keys fetched and cached by nimbus-jose-jwt); null when
 *     {@code publicKey} is given
 * @param publicKey a file with the verification key: a JWK, a JWK Set (JSON) or a PEM {@code PUBLIC
 *     KEY} (RSA or EC); null when {@code jwksUrl} is given
 * @param rolesClaim claim with the OneStop role names (array, or a space-separated string), e.g.
 *     {@code roles}
 * @param unitClaim claim with the principal's unit id, e.g. {@code unit}
 * @param unitScopeClaim claim saying {@code unit} (default), {@code subtree} or {@code all}
 * @param clockSkew tolerance on {@code exp}/{@code nbf}
 */
public record JwtSettings(
    String issuer,
    String audience,
    URI jwksUrl,
    Path publicKey,
    String rolesClaim,
    String unitClaim,
    String unitScopeClaim,
    Duration clockSkew) {

  /**
   * @throws IllegalArgumentException when issuer or audience is blank, or not exactly one of
   *     jwksUrl and publicKey is given
   */
  public JwtSettings {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("JWT issuer is required");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("JWT audience is required");
    }
    if ((jwksUrl == null) == (publicKey == null)) {
      throw new IllegalArgumentException(
          "give exactly one of the JWKS URL and the public key file");
    }
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    Objects.requireNonNull(unitClaim, "unitClaim");
    Objects.requireNonNull(unitScopeClaim, "unitScopeClaim");
    Objects.requireNonNull(clockSkew, "clockSkew");
  }

  /**
   * @param issuer required {@code iss}
   * @param audience required {@code aud}
   * @param jwksUrl JWK Set URL, or null
   * @param publicKey key file, or null
   * @return settings with claims {@code roles}, {@code unit}, {@code unit_scope} and 60 s skew
   */
  public static JwtSettings of(String issuer, String audience, URI jwksUrl, Path publicKey) {
    return new JwtSettings(
        issuer,
        audience,
        jwksUrl,
        publicKey,
        "roles",
        "unit",
        "unit_scope",
        Duration.ofSeconds(60));
  }
}
