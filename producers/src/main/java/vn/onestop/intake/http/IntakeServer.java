package vn.onestop.intake.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.intake.core.InvalidFieldsException;

/**
 * The intake HTTP server (Javalin 7 on Jetty) serving any number of {@link HttpChannel}s (the JSON
 * API, Open311 GeoReport v2, ...). Errors are rendered by the channel that {@link HttpChannel#owns
 * owns} the request path, otherwise as RFC 9457 problem+json; the core's {@link
 * InvalidFieldsException} becomes a 400 naming every field. Unexpected exceptions give 500 and are
 * logged without request bodies.
 */
public final class IntakeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IntakeServer.class);

  private final Javalin app;
  private final IntakeHttpConfig config;
  private final List<HttpChannel> channels;

  /**
   * Creates (does not start) the server.
   *
   * @param config address and limits
   * @param channels the channels whose routes it serves
   */
  public IntakeServer(IntakeHttpConfig config, List<HttpChannel> channels) {
    this.config = config;
    this.channels = List.copyOf(channels);
    this.app =
        Javalin.create(
            c -> {
              c.jetty.host = config.host();
              c.jetty.port = config.port();
              c.http.maxRequestSize = config.maxBodyBytes();
              c.startup.showJavalinBanner = false;
              this.channels.forEach(ch -> ch.register(c.routes));
              c.routes.exception(ProblemException.class, (e, ctx) -> render(ctx, e.problem()));
              c.routes.exception(
                  InvalidFieldsException.class,
                  (e, ctx) -> render(ctx, Problem.invalid(e.errors())));
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

  private void render(Context ctx, Problem p) {
    for (HttpChannel ch : channels) {
      if (ch.owns(ctx.path())) {
        ch.renderError(ctx, p);
        return;
      }
    }
    ProblemRenderer.render(ctx, p);
  }

  @Override
  public void close() {
    app.stop();
  }
}
