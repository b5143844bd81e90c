package vn.onestop.intake.http;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.onestop.access.AccessDeniedException;
import vn.onestop.access.AmbiguousCredentialsException;
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
  public static final String CHALLENGE = Credentials.CHALLENGE;

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
   * @throws ProblemException 401 when no credential is presented or it is not valid; 400 naming the
   *     header when more than one is presented (two {@value Credentials#API_KEY_HEADER}, two {@code
   *     Authorization}, or both)
   */
  public Principal require(Context ctx, String fallbackKey) {
    return require(headerCredentials(ctx), fallbackKey);
  }

  /**
   * @param ctx the request
   * @return the credential of its headers (every value of each header is looked at)
   * @throws ProblemException 400 naming the header when more than one credential is presented
   *     ({@link Credentials#fromHeaderValues}); the values are never echoed
   */
  public static Credentials headerCredentials(Context ctx) {
    try {
      return Credentials.fromHeaderValues(
          values(ctx, Credentials.API_KEY_HEADER), values(ctx, "Authorization"));
    } catch (AmbiguousCredentialsException e) {
      throw new Problem(
              "https://onestop.vn/problems/ambiguous-credentials",
              "More than one credential",
              400,
              e.getMessage(),
              List.of(new FieldError(e.header(), e.getMessage())),
              Map.of())
          .toException();
    }
  }

  private static List<String> values(Context ctx, String header) {
    Enumeration<String> all = ctx.req().getHeaders(header);
    return all == null ? List.of() : Collections.list(all);
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
    return require(Credentials.fromHeaders(apiKeyHeader, authorization), fallbackKey);
  }

  private Principal require(Credentials headers, String fallbackKey) {
    Credentials c = headers;
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
   * @throws ProblemException 400 when the headers carry more than one credential
   */
  public static boolean hasHeaderCredential(Context ctx) {
    return !headerCredentials(ctx).absent();
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
   * @return the 403 problem naming what was missing: {@code detail} in a sentence, and {@code
   *     errors} in the shape of a 400's invalid fields, one entry per requirement not met ({@code
   *     role}, {@code article}, {@code unit}, {@code scope} or {@code action}, {@link
   *     AccessDeniedException#missing()}); never a credential
   */
  public static ProblemException forbidden(AccessDeniedException e) {
    List<FieldError> errors =
        e.missing().isEmpty()
            ? List.of(new FieldError("access", e.getMessage()))
            : e.missing().entrySet().stream()
                .map(m -> new FieldError(m.getKey(), m.getValue()))
                .toList();
    return new Problem(
            "https://onestop.vn/problems/forbidden",
            "Forbidden",
            403,
            e.getMessage(),
            errors,
            Map.of())
        .toException();
  }
}
