package vn.onestop.intake.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.onestop.access.AccessDeniedException;
import vn.onestop.access.AuthenticationException;
import vn.onestop.access.Authenticator;
import vn.onestop.access.Credentials;
import vn.onestop.access.Principal;
import vn.onestop.intake.core.FieldError;

/**
 * Authentication of intake requests with the one principals model ({@link Authenticator}): the
 * {@value Credentials#API_KEY_HEADER} header or {@code Authorization: Bearer} (a JWT or an API
 * key), read from the headers before any body is read. No credential, or a bad one, is a 401
 * problem+json with {@code WWW-Authenticate}; {@link #forbidden} renders a role or scope failure as
 * 403 naming what was missing. Credentials are never logged or echoed.
 */
public final class Authn {
  /** The challenge sent with every 401. */
  public static final String CHALLENGE =
      "Bearer realm=\"onestop\", ApiKey header=\"" + Credentials.API_KEY_HEADER + "\"";

  private final Authenticator authenticator;

  /**
   * @param authenticator API keys and JWT verification
   */
  public Authn(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /**
   * @param ctx the request
   * @return the principal of the request's credential
   * @throws ProblemException 401 when none is presented or it is not valid
   */
  public Principal require(Context ctx) {
    return require(ctx, null);
  }

  /**
   * @param ctx the request
   * @param fallbackKey an API key found elsewhere (the Open311 form's {@code api_key}), or null
   * @return the principal
   * @throws ProblemException 401 when no credential is presented or it is not valid
   */
  public Principal require(Context ctx, String fallbackKey) {
    return require(
        ctx.header(Credentials.API_KEY_HEADER), ctx.header("Authorization"), fallbackKey);
  }

  /**
   * @param apiKeyHeader the {@value Credentials#API_KEY_HEADER} header, or null
   * @param authorization the {@code Authorization} header, or null
   * @param fallbackKey an API key found elsewhere (the Open311 form's {@code api_key}), or null
   * @return the principal
   * @throws ProblemException 401 when no credential is presented or it is not valid; its {@code
   *     errors[].field} names the header that carried the refused credential ({@code Authorization}
   *     for a bearer token, {@code api_key} for the fallback key, {@value
   *     Credentials#API_KEY_HEADER} otherwise)
   */
  public Principal require(String apiKeyHeader, String authorization, String fallbackKey) {
    Credentials c = Credentials.fromHeaders(apiKeyHeader, authorization);
    String field =
        c.apiKey() == null && c.bearer() != null ? "Authorization" : Credentials.API_KEY_HEADER;
    if (c.absent() && fallbackKey != null && !fallbackKey.isBlank()) {
      c = new Credentials(fallbackKey, null);
      field = "api_key";
    }
    Optional<Principal> p;
    try {
      p = authenticator.authenticate(c);
    } catch (AuthenticationException e) {
      throw unauthorized(field, e.getMessage());
    }
    return p.orElseThrow(
        () ->
            unauthorized(
                "a credential is required: header "
                    + Credentials.API_KEY_HEADER
                    + " or Authorization: Bearer <token>"));
  }

  /**
   * @param ctx the request
   * @return whether it carries a credential in its headers (Open311 may carry it in the body)
   */
  public static boolean hasHeaderCredential(Context ctx) {
    return !Credentials.fromHeaders(
            ctx.header(Credentials.API_KEY_HEADER), ctx.header("Authorization"))
        .absent();
  }

  /**
   * @param detail why, without the credential
   * @return the 401 problem
   */
  public static ProblemException unauthorized(String detail) {
    return unauthorized(Credentials.API_KEY_HEADER, detail);
  }

  /**
   * @param field the header (or form field) that carried the refused credential
   * @param detail why, without the credential
   * @return the 401 problem
   */
  public static ProblemException unauthorized(String field, String detail) {
    return new Problem(
            "https://onestop.vn/problems/unauthorized",
            "Unauthorized",
            401,
            detail,
            List.of(new FieldError(field, detail)),
            Map.of("WWW-Authenticate", CHALLENGE))
        .toException();
  }

  /**
   * @param e the denial
   * @return the 403 problem naming what was missing
   */
  public static ProblemException forbidden(AccessDeniedException e) {
    return Problem.of(403, "forbidden", "Forbidden", e.getMessage()).toException();
  }
}
