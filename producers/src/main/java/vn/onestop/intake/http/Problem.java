package vn.onestop.intake.http;

import java.util.List;
import java.util.Map;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.core.InvalidFieldsException;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type URI reference naming the problem type ({@code about:blank} or {@code
 *     https://onestop.vn/problems/<slug>})
 * @param title short summary of the type
 * @param status HTTP status code
 * @param detail explanation of this occurrence (never contains personal data)
 * @param errors invalid fields (may be empty)
 * @param headers extra response headers, e.g. {@code Retry-After}
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    List<FieldError> errors,
    Map<String, String> headers) {

  /** Media type of problem responses. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * Copies the lists.
   *
   * @param type see the record component
   * @param title see the record component
   * @param status see the record component
   * @param detail see the record component
   * @param errors see the record component
   * @param headers see the record component
   */
  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /**
   * @param status HTTP status
   * @param slug problem type slug
   * @param title summary
   * @param detail explanation
   * @return a problem without field errors
   */
  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(
        "https://onestop.vn/problems/" + slug, title, status, detail, List.of(), Map.of());
  }

  /**
   * @param errors the invalid fields
   * @return a 400 naming every invalid field
   */
  public static Problem invalid(List<FieldError> errors) {
    return new Problem(
        "https://onestop.vn/problems/invalid-fields",
        "Invalid request fields",
        400,
        InvalidFieldsException.summary(errors),
        errors,
        Map.of());
  }

  /**
   * @param detail why the backend is unavailable
   * @param retryAfterSeconds value of the Retry-After header
   * @return a 503 with Retry-After
   */
  public static Problem unavailable(String detail, int retryAfterSeconds) {
    return new Problem(
        "https://onestop.vn/problems/unavailable",
        "Service temporarily unavailable",
        503,
        detail,
        List.of(),
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  /**
   * @return this problem as an exception to throw from a handler
   */
  public ProblemException toException() {
    return new ProblemException(this);
  }
}
