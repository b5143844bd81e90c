package vn.onestop.app;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(ops.scrape().getBytes(StandardCharsets.UTF_8)));
            });
    app.start();
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
