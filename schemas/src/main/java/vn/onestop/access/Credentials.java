package vn.onestop.access;

import java.util.List;

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
   * The {@code WWW-Authenticate} challenge every 401 of the intake and of the feed carries: a
   * bearer token (API key or JWT) or the API key header (docs/access.md).
   */
  public static final String CHALLENGE =
      "Bearer realm=\"onestop\", ApiKey header=\"" + API_KEY_HEADER + "\"";

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
   * Reads the credential from every value of the two headers, refusing more than one credential.
   *
   * @param apiKeyHeaders every value of {@value #API_KEY_HEADER} in the request (empty when absent)
   * @param authorizationHeaders every value of {@code Authorization} (empty when absent)
   * @return the credentials (blank values count as absent)
   * @throws AmbiguousCredentialsException when {@value #API_KEY_HEADER} or {@code Authorization}
   *     appears more than once, or both carry a credential (a non-Bearer {@code Authorization}
   *     scheme is not a credential here)
   */
  public static Credentials fromHeaderValues(
      List<String> apiKeyHeaders, List<String> authorizationHeaders) {
    if (apiKeyHeaders.size() > 1) {
      throw new AmbiguousCredentialsException(
          API_KEY_HEADER,
          "header " + API_KEY_HEADER + " appears " + apiKeyHeaders.size() + " times: send one key");
    }
    if (authorizationHeaders.size() > 1) {
      throw new AmbiguousCredentialsException(
          "Authorization",
          "header Authorization appears "
              + authorizationHeaders.size()
              + " times: send one credential");
    }
    Credentials c =
        fromHeaders(
            apiKeyHeaders.isEmpty() ? null : apiKeyHeaders.get(0),
            authorizationHeaders.isEmpty() ? null : authorizationHeaders.get(0));
    if (c.apiKey() != null && c.bearer() != null) {
      throw new AmbiguousCredentialsException(
          "Authorization",
          "both "
              + API_KEY_HEADER
              + " and Authorization: Bearer carry a credential: send one of them");
    }
    return c;
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
