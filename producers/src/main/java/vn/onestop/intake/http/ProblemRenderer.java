package vn.onestop.intake.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

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
    ctx.result(n.toString());
  }
}
