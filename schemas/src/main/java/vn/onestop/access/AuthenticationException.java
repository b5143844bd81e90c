package vn.onestop.access;

/**
 * A presented credential is not valid: an unknown API key, or a JWT that is expired, not yet valid,
 * from another issuer or audience, badly signed or unsigned. HTTP servers answer 401. The message
 * says what is wrong and never contains the credential.
 */
public final class AuthenticationException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param reason what is wrong, without the credential
   */
  public AuthenticationException(String reason) {
    super(reason);
  }
}
