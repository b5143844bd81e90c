package vn.onestop.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP error of the feed, answered as RFC 9457 {@code application/problem+json}. */
public final class FeedProblem extends RuntimeException {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int status;
  private final String title;
  private final String field;
  private final long retryAfterSeconds;

  /**
   * @param status HTTP status, e.g. 401
   * @param title short title
   * @param detail what is wrong, naming the field or header
   */
  public FeedProblem(int status, String title, String detail) {
    this(status, title, detail, null, 0);
  }

  /**
   * A problem whose {@code errors} member names what was wrong or missing, the shape of the
   * intake's problems: {@code "errors": [{"field": ..., "message": detail}]}.
   *
   * @param status HTTP status, e.g. 400 or 403
   * @param title short title
   * @param detail what is wrong, never a credential
   * @param field the header, parameter or requirement (e.g. {@code role}, {@code scope}), or null
   *     for no {@code errors} member
   */
  public FeedProblem(int status, String title, String detail, String field) {
    this(status, title, detail, field, 0);
  }

  /**
   * @param status HTTP status, e.g. 429
   * @param title short title
   * @param detail what is wrong, naming the field or header
   * @param retryAfterSeconds value of the {@code Retry-After} header in seconds, 0 for none
   */
  public FeedProblem(int status, String title, String detail, long retryAfterSeconds) {
    this(status, title, detail, null, retryAfterSeconds);
  }

  /**
   * @param status HTTP status
   * @param title short title
   * @param detail what is wrong, never a credential
   * @param field the header, parameter or requirement, or null for no {@code errors} member
   * @param retryAfterSeconds value of the {@code Retry-After} header in seconds, 0 for none
   */
  public FeedProblem(
      int status, String title, String detail, String field, long retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.title = title;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * @return seconds for the {@code Retry-After} header, 0 when none is sent
   */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * @return the problem document as JSON
   */
  public String toJson() {
    return toJson(null);
  }

  /**
   * @param instance the request path the problem answers (RFC 9457 {@code instance}), or null
   * @return the problem document as JSON
   */
  public String toJson(String instance) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "about:blank");
    m.put("title", title);
    m.put("status", status);
    m.put("detail", getMessage());
    if (instance != null) {
      m.put("instance", instance);
    }
    if (field != null) {
      m.put("errors", List.of(Map.of("field", field, "message", getMessage())));
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
