package vn.onestop.access;

import java.util.Objects;
import java.util.Optional;

/**
 * Turns presented {@link Credentials} into a {@link Principal}: API keys against the principals
 * file ({@link ApiKeyPrincipals}), bearer tokens that look like a JWT against the configured issuer
 * ({@link JwtAuthenticator}), other bearer tokens as API keys (the alert feed's {@code
 * Authorization: Bearer <key>}). The one authentication of the intake and the feeds.
 */
public final class Authenticator {
  private final ApiKeyPrincipals keys;
  private final Optional<JwtAuthenticator> jwt;

  /**
   * @param keys the API keys
   * @param jwt the JWT verifier, empty when no issuer is configured (then JWTs are refused)
   */
  public Authenticator(ApiKeyPrincipals keys, Optional<JwtAuthenticator> jwt) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.jwt = Objects.requireNonNull(jwt, "jwt");
  }

  /**
   * @param keys the API keys
   * @return an authenticator without JWT support
   */
  public static Authenticator of(ApiKeyPrincipals keys) {
    return new Authenticator(keys, Optional.empty());
  }

  /**
   * @param c the presented credentials
   * @return the principal; empty when nothing was presented (answer 401 "credential required")
   * @throws AuthenticationException when a credential was presented and is not valid (answer 401)
   */
  public Optional<Principal> authenticate(Credentials c) throws AuthenticationException {
    if (c.apiKey() != null) {
      return Optional.of(
          keys.find(c.apiKey()).orElseThrow(() -> new AuthenticationException("unknown API key")));
    }
    if (c.bearer() == null) {
      return Optional.empty();
    }
    if (JwtAuthenticator.looksLikeJwt(c.bearer())) {
      if (jwt.isEmpty()) {
        throw new AuthenticationException("bearer JWTs are not accepted: no issuer is configured");
      }
      return Optional.of(jwt.get().verify(c.bearer()));
    }
    return Optional.of(
        keys.find(c.bearer())
            .orElseThrow(() -> new AuthenticationException("unknown API key in the bearer token")));
  }

  /**
   * @return the API keys
   */
  public ApiKeyPrincipals keys() {
    return keys;
  }

  /**
   * @return whether bearer JWTs are verified
   */
  public boolean acceptsJwt() {
    return jwt.isPresent();
  }
}
