package vn.onestop.intake.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.intake.open311.Open311Api;
import vn.onestop.intake.open311.Open311Writer;

/**
 * The intake HTTP server (Javalin 7 on Jetty): the JSON API ({@link CaseApi}) and Open311 GeoReport
 * v2 ({@link Open311Api}). Errors are rendered as RFC 9457 problem+json, except under {@value
 * Open311Api#BASE}, where they are Open311 error lists in the format of the path suffix. Unexpected
 * exceptions give 500 and are logged without request bodies.
 */
public final class IntakeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IntakeServer.class);

  private final Javalin app;
  private final IntakeHttpConfig config;

  /**
   * Creates (does not start) the server.
   *
   * @param config address and limits
   * @param caseApi the JSON API
   * @param open311 the Open311 API
   */
  public IntakeServer(IntakeHttpConfig config, CaseApi caseApi, Open311Api open311) {
    this.config = config;
    this.app =
        Javalin.create(
            c -> {
              c.jetty.host = config.host();
              c.jetty.port = config.port();
              c.http.maxRequestSize = config.maxBodyBytes();
              c.startup.showJavalinBanner = false;
              caseApi.register(c.routes);
              open311.register(c.routes);
              c.routes.exception(ProblemException.class, (e, ctx) -> render(ctx, e.problem()));
              c.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      render(
                          ctx,
                          Problem.of(
                              e.getStatus(),
                              "http-" + e.getStatus(),
                              e.getMessage(),
                              e.getMessage() + ": " + ctx.method() + " " + ctx.path())));
              c.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                    render(
                        ctx,
                        Problem.of(
                            500,
                            "internal",
                            "Internal Server Error",
                            "unexpected error; see the server log"));
                  });
            });
  }

  /**
   * Starts listening.
   *
   * @return this server
   */
  public IntakeServer start() {
    app.start();
    LOG.info("intake HTTP server listening on {}:{}", config.host(), app.port());
    return this;
  }

  /**
   * @return the bound port
   */
  public int port() {
    return app.port();
  }

  /**
   * @return {@code http://host:port}
   */
  public String baseUrl() {
    return "http://" + config.host() + ":" + port();
  }

  static void render(Context ctx, Problem p) {
    if (ctx.path().startsWith(Open311Api.BASE + "/")) {
      List<String> descriptions = new ArrayList<>();
      if (p.errors().isEmpty()) {
        descriptions.add(p.detail());
      } else {
        p.errors().forEach(fe -> descriptions.add(fe.field() + ": " + fe.message()));
      }
      p.headers().forEach(ctx::header);
      Open311Writer.errors(ctx, p.status(), Open311Api.formatOf(ctx.path()), descriptions);
    } else {
      ProblemRenderer.render(ctx, p);
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
