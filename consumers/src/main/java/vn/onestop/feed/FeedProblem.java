package vn.onestop.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP error of the feed, answered as RFC 9457 {@code application/problem+json}. */
public final class FeedProblem extends RuntimeException {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int status;
  private final String title;
  private final long retryAfterSeconds;

  /**
   * @param status HTTP status, e.g. 401
   * @param title short title
   * @param detail what is wrong, naming the field or header
   */
  public FeedProblem(int status, String title, String detail) {
    this(status, title, detail, 0);
  }

  /**
   * @param status HTTP status, e.g. 429
   * @param title short title
   * @param detail what is wrong, naming the field or header
   * @param retryAfterSeconds value of the {@code Retry-After} header in seconds, 0 for none
   */
  public FeedProblem(int status, String title, String detail, long retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.title = title;
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
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "about:blank");
    m.put("title", title);
    m.put("status", status);
    m.put("detail", getMessage());
    try {
      return JSON.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
