package vn.onestop.access;

/**
 * The credential a request presented, as the HTTP servers extract it: the {@value #API_KEY_HEADER}
 * header, or {@code Authorization: Bearer <token>} where the token is a JWT (three dot-separated
 * parts) or an API key. Never logged.
 *
 * @param apiKey the API key, or null
 * @param bearer the bearer token, or null
 */
public record Credentials(String apiKey, String bearer) {
  /** Header carrying an API key. */
  public static final String API_KEY_HEADER = "X-API-Key";

  /**
   * @param apiKeyHeader value of {@value #API_KEY_HEADER}, may be null
   * @param authorization value of the {@code Authorization} header, may be null
   * @return the credentials (blank values count as absent)
   */
  public static Credentials fromHeaders(String apiKeyHeader, String authorization) {
    String bearer = null;
    if (authorization != null) {
      String a = authorization.trim();
      if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
        bearer = a.substring(7).trim();
      }
    }
    return new Credentials(blankToNull(apiKeyHeader), blankToNull(bearer));
  }

  /**
   * @return true when no credential was presented (then the answer is 401)
   */
  public boolean absent() {
    return apiKey == null && bearer == null;
  }

  /** Does not print the credential. */
  @Override
  public String toString() {
    return "Credentials[" + (apiKey != null ? "api-key" : bearer != null ? "bearer" : "none") + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
