package vn.onestop.access;

/**
 * A request presented more than one credential: the same credential header twice, or {@value
 * Credentials#API_KEY_HEADER} together with {@code Authorization: Bearer}. The servers answer 400
 * naming {@link #header()}, never the values: picking one silently would let a proxy's header or a
 * client's stale one decide who acts.
 */
public final class AmbiguousCredentialsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String header;

  /**
   * @param header the header to name in the answer
   * @param message what was presented, without any credential value
   */
  public AmbiguousCredentialsException(String header, String message) {
    super(message);
    this.header = header;
  }

  /**
   * @return the header the answer names, e.g. {@code X-API-Key} or {@code Authorization}
   */
  public String header() {
    return header;
  }
}
