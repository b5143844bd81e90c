package vn.onestop.intake.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import vn.onestop.intake.core.FieldError;

/** Writes {@link Problem}s as {@code application/problem+json} (RFC 9457). */
public final class ProblemRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemRenderer() {}

  /**
   * @param ctx the response
   * @param p the problem
   */
  public static void render(Context ctx, Problem p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", p.type());
    n.put("title", p.title());
    n.put("status", p.status());
    n.put("detail", p.detail());
    n.put("instance", ctx.path());
    if (!p.errors().isEmpty()) {
      ArrayNode errors = n.putArray("errors");
      for (FieldError e : p.errors()) {
        errors.addObject().put("field", e.field()).put("message", e.message());
      }
    }
    p.headers().forEach(ctx::header);
    ctx.status(p.status());
    ctx.contentType(Problem.MEDIA_TYPE);
    // Bytes, not a String: the media type has no charset parameter (JSON is UTF-8, RFC 8259), and
    // Jetty would encode a String result as ISO-8859-1, turning Vietnamese messages into '?'.
    ctx.result(n.toString().getBytes(StandardCharsets.UTF_8));
  }
}
