package vn.onestop.intake.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.intake.core.InvalidFieldsException;

/**
 * The intake HTTP server (Javalin 7 on Jetty) serving any number of {@link HttpChannel}s (the JSON
 * API, Open311 GeoReport v2, ...). Errors are rendered by the channel that {@link HttpChannel#owns
 * owns} the request path, otherwise as RFC 9457 problem+json; the core's {@link
 * InvalidFieldsException} becomes a 400 naming every field. Unexpected exceptions give 500 and are
 * logged without request bodies.
 *
 * <p>Operations: {@code GET /health/live} (200 {@code live} while the server answers), {@code GET
 * /health/ready} (200 {@code ready}, or 503 {@code not ready: ...} naming each problem the {@link
 * #readiness} supplier reports, e.g. the broker unreachable) and {@code GET /metrics} (Prometheus
 * text from the {@link #metrics} supplier; 404 when none is set). Every answered request is timed
 * on the meter {@value #REQUESTS_METER} with tags {@code method}, {@code route} (the matched route
 * template such as {@code /api/v1/cases/{caseId}}, never the raw path with its case id; {@code
 * unmatched} for a 404 without a route) and {@code status}.
 *
 * <p>Slow clients ({@link IntakeHttpConfig.Limits}): Jetty's idle timeout and minimum request data
 * rate end a connection that trickles its body (408 problem+json when a handler was reading it);
 * {@link ConcurrencyLimiter} caps requests in progress in total and per remote address (503
 * problem+json with Retry-After). Handlers check credentials from the headers before reading a
 * body, so an unauthenticated slow body is answered 401 at once. A role or scope failure ({@link
 * vn.onestop.access.AccessDeniedException}) is a 403 naming what was missing.
 */
public final class IntakeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IntakeServer.class);

  private final Javalin app;
  private final IntakeHttpConfig config;
  private final List<HttpChannel> channels;
  private final MeterRegistry meters;
  private final ConcurrencyLimiter limiter;
  private volatile Supplier<List<String>> notReady = List::of;
  private volatile Supplier<String> scrape;

  /** Name of the request timer (Prometheus: {@code onestop_intake_requests_seconds_*}). */
  public static final String REQUESTS_METER = "onestop.intake.requests";

  /**
   * Creates (does not start) the server, with no meters.
   *
   * @param config address and limits
   * @param channels the channels whose routes it serves
   */
  public IntakeServer(IntakeHttpConfig config, List<HttpChannel> channels) {
    this(config, channels, new CompositeMeterRegistry());
  }

  /**
   * Creates (does not start) the server.
   *
   * @param config address and limits
   * @param channels the channels whose routes it serves
   * @param meters where the request timer {@value #REQUESTS_METER} goes
   */
  public IntakeServer(IntakeHttpConfig config, List<HttpChannel> channels, MeterRegistry meters) {
    this.config = config;
    this.meters = meters;
    this.channels = List.copyOf(channels);
    this.limiter =
        new ConcurrencyLimiter(
            config.limits().maxConcurrent(),
            config.limits().maxConcurrentPerClient(),
            config.retryAfterSeconds());
    this.app =
        Javalin.create(
            c -> {
              c.jetty.host = config.host();
              c.jetty.port = config.port();
              c.http.maxRequestSize = config.maxBodyBytes();
              IntakeHttpConfig.Limits limits = config.limits();
              c.jetty.modifyHttpConfiguration(
                  h -> {
                    h.setIdleTimeout(limits.idleTimeout().toMillis());
                    h.setMinRequestDataRate(limits.minBodyBytesPerSecond());
                  });
              c.jetty.modifyServer(
                  server -> {
                    for (org.eclipse.jetty.server.Connector conn : server.getConnectors()) {
                      if (conn instanceof org.eclipse.jetty.server.AbstractConnector a) {
                        a.setIdleTimeout(limits.idleTimeout().toMillis());
                      }
                    }
                  });
              c.routes.before(ctx -> limiter.acquire(ctx));
              c.routes.after(ctx -> limiter.release(ctx));
              c.startup.showJavalinBanner = false;
              this.channels.forEach(ch -> ch.register(c.routes));
              c.requestLogger.http(this::countRequest);
              c.routes.get("/health/live", ctx -> ctx.result("live"));
              c.routes.get("/health/ready", this::ready);
              c.routes.get("/metrics", this::metrics);
              c.routes.exception(ProblemException.class, (e, ctx) -> render(ctx, e.problem()));
              c.routes.exception(
                  vn.onestop.access.AccessDeniedException.class,
                  (e, ctx) -> render(ctx, Authn.forbidden(e).problem()));
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
   * Sets what {@code GET /health/ready} checks: 200 {@code ready} when the supplier returns no
   * problem, otherwise 503 with the problems. Until set, the server is ready.
   *
   * @param problems returns one short text per reason the intake cannot serve (e.g. {@code broker
   *     unreachable})
   */
  public void readiness(Supplier<List<String>> problems) {
    this.notReady = problems;
  }

  /**
   * Sets what {@code GET /metrics} answers.
   *
   * @param prometheusText returns the Prometheus text exposition of the process's meters
   */
  public void metrics(Supplier<String> prometheusText) {
    this.scrape = prometheusText;
  }

  private void ready(Context ctx) {
    List<String> down = notReady.get();
    if (down.isEmpty()) {
      ctx.result("ready");
    } else {
      ctx.status(503).result("not ready: " + String.join("; ", down));
    }
  }

  private void metrics(Context ctx) {
    Supplier<String> s = scrape;
    if (s == null) {
      ctx.status(404).result("no metrics registry in this process");
      return;
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(s.get().getBytes(StandardCharsets.UTF_8));
  }

  private void countRequest(Context ctx, Float millis) {
    Endpoint e = ctx.endpoints().lastHttpEndpoint();
    Timer.builder(REQUESTS_METER)
        .description("Intake HTTP requests by route template and status")
        .tags(
            "method",
            ctx.method().name(),
            "route",
            e == null ? "unmatched" : e.path,
            "status",
            Integer.toString(ctx.statusCode()))
        .register(meters)
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
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
