package vn.onestop.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP error of the feed, answered as RFC 9457 {@code application/problem+json}. */
public final class FeedProblem extends RuntimeException {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int status;
  private final String title;

  /**
   * @param status HTTP status, e.g. 401
   * @param title short title
   * @param detail what is wrong, naming the field or header
   */
  public FeedProblem(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
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
