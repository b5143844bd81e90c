package vn.onestop.feed;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import vn.onestop.access.AccessDeniedException;
import vn.onestop.access.AmbiguousCredentialsException;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.AuthenticationException;
import vn.onestop.access.Authenticator;
import vn.onestop.access.Credentials;
import vn.onestop.access.JwtAuthenticator;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;

/**
 * The HTTP side of the alert feed (Javalin, bound to 127.0.0.1 by default):
 *
 * <ul>
 *   <li>{@code GET /feeds/alerts} — Server-Sent Events, one {@code alert} event per alert the
 *       caller may see ({@link AlertScope}), data = {@link AlertView} JSON, id = {@link
 *       FeedPosition}. Caller: {@code Authorization: Bearer <key or JWT>}, {@code X-API-Key: <key>}
 *       or {@code ?key=<key or JWT>} (browsers' EventSource cannot set headers); JWTs are verified
 *       as by the intake when an issuer is configured. Start: header {@code Last-Event-ID} (or
 *       {@code ?lastEventId=}) resumes after that position; otherwise {@code ?from=now} starts at
 *       the live end, and anything else sends the latest alert of each case in the recent window
 *       first (the open-case summary), then live alerts ({@link SseSession}). 401 for a missing or
 *       unknown key or a refused token, 400 for a malformed position, 410 for a position older than
 *       the window (alerts were evicted: reconnect without it), 429 with {@code Retry-After} when
 *       the principal or the server has its maximum of open connections ({@link FeedLimits}), all
 *       as problem+json.
 *   <li>{@code GET /supervisor} — self-contained cockpit page (no external assets): one row per
 *       open case, refreshed when an alert arrives.
 *   <li>{@code GET /supervisor/cases} — its JSON ({@link CaseBoard.Page}): one row per open case in
 *       the caller's scope, same keys as the feed; query {@code unit}, {@code category}, {@code
 *       level}, {@code due=overdue|atRisk} (at risk: due within 24 h), {@code
 *       sort=deadline|level|lastAlert}, {@code page} (0-based), {@code size} (1..500, default 50);
 *       {@code snoozed=hide|show} (default show); 400 problem+json naming a bad parameter. Each row
 *       also carries the case's latest acknowledgement and the snooze in force.
 *   <li>{@code POST /supervisor/cases/{id}/acknowledge} and {@code .../snooze} — see {@link
 *       AckRoutes}: recorded in {@code case-acknowledgements}, never a change of a legal clock.
 *   <li>{@code GET /health} — {@code ok} and the number of alerts loaded.
 *   <li>{@code GET /health/live} — 200 while the process serves HTTP; {@code GET /health/ready} —
 *       200 {@code ready}, or 503 naming each tailer that is down (see {@link #readiness}).
 *   <li>{@code GET /metrics} — Prometheus text from the {@link #metrics} supplier (404 when none).
 * </ul>
 */
public final class FeedServer implements AutoCloseable {
  private static final String PRINCIPAL = "onestop.principal";
  private static final java.util.Set<Role> FEED_ROLES =
      java.util.EnumSet.of(Role.SUPERVISOR, Role.UNIT_HEAD);
  private static final String START = "onestop.start";
  private static final String POSITION = "onestop.position";

  private final Authenticator principals;
  private final AlertLog log;
  private final AlertScope scope;
  private final OrgTree org;
  private final long keepAliveMillis;
  private final FeedLimits limits;
  private final Map<String, Integer> openByPrincipal = new HashMap<>();
  private int openTotal;
  private final ExecutorService sessions;
  private final Javalin app;
  private volatile Supplier<List<String>> notReady = List::of;
  private volatile Supplier<String> scrape;
  private final String page;
  private final CaseBoard board;
  private final AckRoutes ackRoutes;

  /**
   * Creates and starts the server.
   *
   * @param host interface to bind, e.g. {@code 127.0.0.1}
   * @param port port, 0 for any free port
   * @param principals API keys of the callers
   * @param log the shared alert log
   * @param org the org-units directory
   * @param keepAliveMillis interval of SSE keep-alive comments in milliseconds
   */
  public FeedServer(
      String host,
      int port,
      ApiKeyPrincipals principals,
      AlertLog log,
      OrgTree org,
      long keepAliveMillis) {
    this(host, port, Authenticator.of(principals), log, org, keepAliveMillis, FeedLimits.DEFAULT);
  }

  /**
   * Creates and starts the server with API keys only and connection caps.
   *
   * @param host interface to bind, e.g. {@code 127.0.0.1}
   * @param port port, 0 for any free port
   * @param principals API keys of the callers
   * @param log the shared alert log
   * @param org the org-units directory
   * @param keepAliveMillis interval of SSE keep-alive comments in milliseconds
   * @param limits connection caps (the window bounds belong to {@code log})
   */
  public FeedServer(
      String host,
      int port,
      ApiKeyPrincipals principals,
      AlertLog log,
      OrgTree org,
      long keepAliveMillis,
      FeedLimits limits) {
    this(host, port, Authenticator.of(principals), log, org, keepAliveMillis, limits);
  }

  /**
   * Creates and starts the server with the one authentication of intake and feed (API keys and,
   * when the authenticator has a JWT issuer, bearer JWTs) and the default connection caps.
   *
   * @param host interface to bind, e.g. {@code 127.0.0.1}
   * @param port port, 0 for any free port
   * @param principals API keys and JWT verification of the callers
   * @param log the shared alert log
   * @param org the org-units directory
   * @param keepAliveMillis interval of SSE keep-alive comments in milliseconds
   */
  public FeedServer(
      String host,
      int port,
      Authenticator principals,
      AlertLog log,
      OrgTree org,
      long keepAliveMillis) {
    this(host, port, principals, log, org, keepAliveMillis, FeedLimits.DEFAULT);
  }

  /**
   * Creates and starts the server with the one authentication of intake and feed ({@link
   * Authenticator}) and connection caps.
   *
   * @param host interface to bind, e.g. {@code 127.0.0.1}
   * @param port port, 0 for any free port
   * @param principals API keys and JWT verification of the callers
   * @param log the shared alert log
   * @param org the org-units directory
   * @param keepAliveMillis interval of SSE keep-alive comments in milliseconds
   * @param limits connection caps (the window bounds belong to {@code log})
   */
  public FeedServer(
      String host,
      int port,
      Authenticator principals,
      AlertLog log,
      OrgTree org,
      long keepAliveMillis,
      FeedLimits limits) {
    this.limits = limits;
    this.principals = principals;
    this.log = log;
    this.org = org;
    this.scope = new AlertScope(org);
    this.keepAliveMillis = keepAliveMillis;
    this.page = resource("supervisor.html");
    this.board = new CaseBoard(log, scope, org, Duration.ofHours(24), 4 * limits.windowAlerts());
    this.ackRoutes =
        new AckRoutes(
            this::authenticate,
            board,
            scope,
            board.acknowledgements(),
            java.time.Clock.systemUTC());
    AtomicInteger n = new AtomicInteger();
    this.sessions =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "sse-session-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jetty.host = host;
              cfg.jetty.port = port;
              cfg.routes.exception(
                  FeedProblem.class,
                  (e, ctx) -> {
                    if (e.retryAfterSeconds() > 0) {
                      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                    }
                    if (e.status() == 401) {
                      ctx.header("WWW-Authenticate", Credentials.CHALLENGE);
                    }
                    // bytes: Jetty encodes Strings as ISO-8859-1 here
                    ctx.status(e.status())
                        .contentType("application/problem+json")
                        .result(e.toJson(ctx.path()).getBytes(StandardCharsets.UTF_8));
                  });
              cfg.routes.before("/feeds/alerts", this::authorize);
              cfg.routes.sse("/feeds/alerts", this::openSession);
              cfg.routes.get("/supervisor", ctx -> ctx.html(page));
              cfg.routes.get("/supervisor/cases", this::cases);
              cfg.routes.post("/supervisor/cases/{id}/acknowledge", ackRoutes::acknowledge);
              cfg.routes.post("/supervisor/cases/{id}/snooze", ackRoutes::snooze);
              cfg.routes.get("/health", ctx -> ctx.result("ok " + log.size()));
              cfg.routes.get("/health/live", ctx -> ctx.result("live"));
              cfg.routes.get(
                  "/health/ready",
                  ctx -> {
                    List<String> down = notReady.get();
                    if (down.isEmpty()) {
                      ctx.result("ready");
                    } else {
                      ctx.status(503).result("not ready: " + String.join("; ", down));
                    }
                  });
              cfg.routes.get(
                  "/metrics",
                  ctx -> {
                    Supplier<String> text = scrape;
                    if (text == null) {
                      ctx.status(404).result("no metrics registry in this process");
                    } else {
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(text.get().getBytes(StandardCharsets.UTF_8));
                    }
                  });
            });
    app.start();
  }

  /**
   * Sets what {@code GET /health/ready} checks: 200 {@code ready} when the supplier returns no
   * problem, otherwise 503 with the problems (e.g. {@code tailer case-alerts down}). Until set, the
   * server is ready.
   *
   * @param problems returns one short text per reason the feed cannot serve complete data
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

  /**
   * @return the bound port
   */
  public int port() {
    return app.port();
  }

  private Principal authenticate(Context ctx) {
    Credentials c;
    try {
      c =
          Credentials.fromHeaderValues(
              java.util.Collections.list(ctx.req().getHeaders(Credentials.API_KEY_HEADER)),
              java.util.Collections.list(ctx.req().getHeaders("Authorization")));
    } catch (AmbiguousCredentialsException e) {
      throw new FeedProblem(400, "Bad Request", e.getMessage(), e.header());
    }
    String q = ctx.queryParam("key");
    if (!c.absent() && q != null) {
      // two credentials: nothing is picked silently (docs/access.md)
      throw new FeedProblem(
          400, "Bad Request", "two credentials: ?key= and a header; send one of them", "key");
    }
    if (c.absent()) {
      // browsers' EventSource cannot set headers: ?key= carries an API key or a JWT
      if (q != null && !q.isBlank()) {
        c =
            JwtAuthenticator.looksLikeJwt(q.trim())
                ? new Credentials(null, q.trim())
                : new Credentials(q.trim(), null);
      }
    }
    Principal p;
    try {
      p =
          principals
              .authenticate(c)
              .orElseThrow(
                  () ->
                      new FeedProblem(
                          401,
                          "Unauthorized",
                          "a credential is required: X-API-Key, Authorization: Bearer <key or JWT>"
                              + " or ?key=",
                          Credentials.API_KEY_HEADER));
    } catch (AuthenticationException e) {
      throw new FeedProblem(
          401,
          "Unauthorized",
          e.getMessage(),
          c.bearer() != null ? "Authorization" : Credentials.API_KEY_HEADER);
    }
    if (!p.hasAny(FEED_ROLES)) {
      throw new FeedProblem(
          403,
          "Forbidden",
          "role SUPERVISOR or UNIT_HEAD is required to read the alert feed; principal "
              + p.id()
              + " has "
              + p.roles().stream().map(Role::name).sorted().toList(),
          AccessDeniedException.ROLE);
    }
    if (p.scope().kind() == Scope.Kind.NONE) {
      throw new FeedProblem(
          403,
          "Forbidden",
          "principal " + p.id() + " has no unit scope: the feed shows none",
          AccessDeniedException.SCOPE);
    }
    return p;
  }

  private void authorize(Context ctx) {
    Principal p = authenticate(ctx);
    String last = ctx.header("Last-Event-ID");
    if (last == null) {
      last = ctx.queryParam("lastEventId");
    }
    FeedPosition position = FeedPosition.BEGINNING;
    SseSession.Start start;
    if (last != null) {
      try {
        position = FeedPosition.parse(last);
      } catch (IllegalArgumentException e) {
        throw new FeedProblem(400, "Bad Request", e.getMessage());
      }
      Map<Integer, Long> gaps = log.gaps(position);
      if (!gaps.isEmpty()) {
        throw new FeedProblem(
            410,
            "Gone",
            "Last-Event-ID '"
                + last
                + "' is older than the feed's recent window (partition=first offset kept: "
                + gaps
                + "): alerts after it are no longer kept; reconnect without Last-Event-ID to get"
                + " the latest alert of each case in the window");
      }
      start = SseSession.Start.RESUME;
    } else {
      start =
          "now".equals(ctx.queryParam("from")) ? SseSession.Start.NOW : SseSession.Start.SUMMARY;
    }
    acquire(p);
    ctx.attribute(PRINCIPAL, p);
    ctx.attribute(START, start);
    ctx.attribute(POSITION, position);
  }

  /**
   * Takes a connection slot of {@code p} or refuses with 429.
   *
   * @throws FeedProblem 429 with Retry-After when the principal or the server is at its cap
   */
  private synchronized void acquire(Principal p) {
    int mine = openByPrincipal.getOrDefault(p.id(), 0);
    long retry = Math.max(1, limits.retryAfter().toSeconds());
    if (mine >= limits.maxConnectionsPerPrincipal()) {
      throw new FeedProblem(
          429,
          "Too Many Requests",
          "principal "
              + p.id()
              + " already has "
              + mine
              + " open feed connections (at most "
              + limits.maxConnectionsPerPrincipal()
              + "): close one, e.g. another browser tab",
          retry);
    }
    if (openTotal >= limits.maxConnections()) {
      throw new FeedProblem(
          429,
          "Too Many Requests",
          "the feed has its maximum of " + limits.maxConnections() + " open connections",
          retry);
    }
    openByPrincipal.put(p.id(), mine + 1);
    openTotal++;
  }

  private synchronized void release(Principal p) {
    openByPrincipal.computeIfPresent(p.id(), (k, n) -> n <= 1 ? null : n - 1);
    openTotal--;
  }

  /**
   * @return open SSE connections in total
   */
  public synchronized int openConnections() {
    return openTotal;
  }

  /**
   * @return the acknowledge and snooze routes (set their writer to enable them)
   */
  public AckRoutes acknowledgements() {
    return ackRoutes;
  }

  /**
   * @return the cockpit data this server answers on {@code /supervisor/cases}
   */
  public CaseBoard board() {
    return board;
  }

  private void cases(Context ctx) {
    Principal p = authenticate(ctx);
    Integer level =
        blankToNull(ctx.queryParam("level")) == null ? null : intParam(ctx, "level", 0, 0, 3);
    String category = blankToNull(ctx.queryParam("category"));
    if (category != null && !CATEGORIES.contains(category)) {
      throw badParameter(
          "category",
          "expected one of " + String.join(", ", CATEGORIES) + ", got '" + category + "'");
    }
    String due = blankToNull(ctx.queryParam("due"));
    if (due != null && !due.equals("overdue") && !due.equals("atRisk")) {
      throw badParameter("due", "expected overdue or atRisk, got '" + due + "'");
    }
    String sort = ctx.queryParam("sort") == null ? "due" : ctx.queryParam("sort");
    if (!List.of("due", "deadline", "level", "unit", "lastAlert").contains(sort)) {
      throw badParameter(
          "sort", "expected due, deadline, level, unit or lastAlert, got '" + sort + "'");
    }
    if (sort.equals("lastAlert") && board.followsEngine()) {
      throw badParameter("sort", "expected due, level or unit (rows follow the engine's state)");
    }
    int pageNo = intParam(ctx, "page", 1, 1, Integer.MAX_VALUE / 200);
    int size = intParam(ctx, "size", 50, 1, 200);
    String unit = blankToNull(ctx.queryParam("unit"));
    if (unit != null && !scope.covers(p, unit)) {
      // an empty page would read as "no overdue case there"; the caller may not look at all
      throw new FeedProblem(
          403,
          "Forbidden",
          "unit '"
              + unit.replaceAll("[^\\p{L}\\p{N}._-]", "?")
              + "' is outside the scope of principal "
              + p.id(),
          AccessDeniedException.UNIT);
    }
    String snoozed = blankToNull(ctx.queryParam("snoozed"));
    if (snoozed != null && !snoozed.equals("hide") && !snoozed.equals("show")) {
      throw badParameter("snoozed", "expected hide or show, got '" + snoozed + "'");
    }
    CaseBoard.Query q =
        new CaseBoard.Query(unit, category, level, due, sort, pageNo, size, "hide".equals(snoozed));
    CaseBoard.Page result;
    try {
      result = board.query(p, q, Instant.now());
    } catch (vn.onestop.sla.query.CaseStatusUnavailableException e) {
      ctx.header("Retry-After", "5");
      throw new FeedProblem(
          503, "Service Unavailable", "the SLA engine's case store is not queryable now; retry");
    }
    ctx.contentType("application/json").result(result.toJson().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The values of the cockpit's {@code category} filter: the legal categories of {@code
   * CaseEvent.avsc}'s {@code Category} (its {@code UNKNOWN} fallback is never a filter).
   */
  static final List<String> CATEGORIES =
      java.util.Arrays.stream(vn.onestop.schema.Category.values())
          .filter(c -> c != vn.onestop.schema.Category.UNKNOWN)
          .map(Enum::name)
          .toList();

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static int intParam(Context ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw badParameter(name, "expected " + min + ".." + max + ", got '" + v + "'");
    }
  }

  /**
   * A 400 naming the query parameter in {@code detail} ({@code "level: expected 0..3, got '9'"})
   * and in {@code errors[].field}, as the intake's 400s do.
   */
  private static FeedProblem badParameter(String name, String problem) {
    return new FeedProblem(400, "Bad Request", name + ": " + problem, name);
  }

  private void openSession(SseClient client) {
    Principal p = client.ctx().attribute(PRINCIPAL);
    SseSession.Start start = client.ctx().attribute(START);
    FeedPosition position = client.ctx().attribute(POSITION);
    SseSession session =
        new SseSession(
            client, p, start, position, log, scope, org, keepAliveMillis, () -> release(p));
    client.keepAlive();
    client.onClose(session::stop);
    try {
      sessions.submit(session);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      session.stop();
      client.close();
    }
  }

  private static String resource(String name) {
    try (InputStream in = FeedServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource vn/onestop/feed/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server and ends all sessions. */
  @Override
  public void close() {
    // End sessions first, so each completes its response while Jetty still holds it.
    sessions.shutdownNow();
    try {
      sessions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    app.stop();
  }
}
