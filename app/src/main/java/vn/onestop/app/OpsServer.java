package vn.onestop.app;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;

/**
 * The small HTTP server of a service that has no other ({@code onestop engine}): {@code GET
 * /health/live} (200 {@code live}), {@code GET /health/ready} (200 {@code ready}, or 503 {@code not
 * ready: ...} naming each problem of the process's {@link Readiness}) and {@code GET /metrics}
 * (Prometheus text of the process's meters) — the same answers as the intake's and the feed's.
 */
final class OpsServer implements AutoCloseable {
  private final Javalin app;

  /**
   * Starts the server.
   *
   * @param host address to bind (127.0.0.1 by default; 0.0.0.0 in containers)
   * @param port port, 0 for any free one
   * @param ops the process's meters and readiness
   */
  OpsServer(String host, int port, Operations ops) {
    this(host, port, ops, new AtomicReference<>(), Optional.empty());
  }

  /**
   * Starts the server, also answering {@code GET /internal/v1/cases/{id}/status} for the other
   * engine instances and the intakes ({@link RemoteStatusLookup}): 200 with the case status as
   * JSON, 404 when the engine has not processed the case, 503 with Retry-After while {@code status}
   * is unset or the engine cannot answer. A query forwarded by another instance is answered from
   * this instance's stores only. The status holds no personal data; the port is the engine's
   * internal one (127.0.0.1 by default; in a container, the cluster network only).
   *
   * <p>The status endpoint is authenticated before anything else: a request must carry the shared
   * {@value InternalKey#ENV} in header {@value InternalKey#HEADER} (compared in constant time),
   * otherwise 401 problem+json naming the header (never the key); an instance without a key answers
   * every status request 401. Health and metrics need no key.
   *
   * @param host address to bind
   * @param port port, 0 for any free one
   * @param ops the process's meters and readiness
   * @param status the engine's lookup, set once the engine runs
   * @param key the shared internal key, or empty (then the status endpoint answers no one)
   */
  OpsServer(
      String host,
      int port,
      Operations ops,
      AtomicReference<EngineStatusLookup> status,
      Optional<InternalKey> key) {
    this.app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.jetty.host = host;
              c.jetty.port = port;
              c.routes.get("/health/live", ctx -> ctx.result("live"));
              c.routes.get(
                  "/health/ready",
                  ctx -> {
                    List<String> down = ops.readiness().problems();
                    if (down.isEmpty()) {
                      ctx.result("ready");
                    } else {
                      ctx.status(503).result("not ready: " + String.join("; ", down));
                    }
                  });
              c.routes.get(
                  StatusJson.PATH,
                  ctx -> {
                    String refused = refusal(key, ctx.header(InternalKey.HEADER));
                    if (refused != null) {
                      ctx.status(401)
                          .contentType("application/problem+json")
                          .result(unauthorized(refused));
                      return;
                    }
                    EngineStatusLookup lookup = status.get();
                    String problem;
                    if (lookup == null) {
                      problem = "the SLA engine is not running in this process yet";
                    } else {
                      if (ctx.header(StatusJson.FORWARDED_HEADER) != null) {
                        lookup = lookup.localOnly();
                      }
                      try {
                        Optional<CaseStatusView> view = lookup.find(ctx.pathParam("id"));
                        if (view.isEmpty()) {
                          ctx.status(404).result("the SLA engine has not processed this case");
                        } else {
                          ctx.contentType("application/json")
                              .result(StatusJson.MAPPER.writeValueAsBytes(view.get()));
                        }
                        return;
                      } catch (StatusUnavailableException e) {
                        problem = e.getMessage();
                      } catch (IllegalArgumentException e) {
                        ctx.status(400).result(e.getMessage());
                        return;
                      }
                    }
                    ctx.status(503).header("Retry-After", "2").result(problem);
                  });
              c.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(ops.scrape().getBytes(StandardCharsets.UTF_8)));
            });
    app.start();
  }

  /**
   * @return why the presented internal key is refused, or null when it is the instance's key
   */
  static String refusal(Optional<InternalKey> key, String presented) {
    if (key.isEmpty()) {
      return "this engine instance has no "
          + InternalKey.ENV
          + ": its internal status endpoint answers no one";
    }
    if (presented == null || presented.isBlank()) {
      return "header " + InternalKey.HEADER + " is required (the shared " + InternalKey.ENV + ")";
    }
    return key.get().matches(presented)
        ? null
        : "the key in header " + InternalKey.HEADER + " is not this instance's " + InternalKey.ENV;
  }

  private static byte[] unauthorized(String detail) throws java.io.IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://onestop.vn/problems/unauthorized");
    body.put("title", "Unauthorized");
    body.put("status", 401);
    body.put("detail", detail);
    body.put("errors", List.of(Map.of("field", InternalKey.HEADER, "message", detail)));
    return StatusJson.MAPPER.writeValueAsBytes(body);
  }

  /**
   * @return the bound port
   */
  int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
