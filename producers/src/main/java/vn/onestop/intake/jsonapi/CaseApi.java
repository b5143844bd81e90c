package vn.onestop.intake.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.onestop.intake.core.ActionCommand;
import vn.onestop.intake.core.ActionValidator;
import vn.onestop.intake.core.CaseIntake;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.core.IntakeRefusal;
import vn.onestop.intake.core.Receipt;
import vn.onestop.intake.core.Submission;
import vn.onestop.intake.core.SubmissionValidator;
import vn.onestop.intake.core.TextRules;
import vn.onestop.intake.http.ApiKeys;
import vn.onestop.intake.http.HttpChannel;
import vn.onestop.intake.http.Problem;
import vn.onestop.intake.http.RequestBodies;
import vn.onestop.intake.kafka.PublishUnavailableException;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;
import vn.onestop.schema.Category;

/**
 * The JSON API under {@code /api/v1}:
 *
 * <ul>
 *   <li>{@code POST /api/v1/cases}: new case (see {@link SubmissionValidator}); 202 with {@code
 *       caseId}, {@code trackingCode}, {@code eventId} once Kafka acknowledged.
 *   <li>{@code POST /api/v1/cases/{id}/actions}: case-officer action (see {@link ActionValidator});
 *       once Kafka acknowledged the event, the intake waits a bounded time (default {@value
 *       #DEFAULT_DECISION_WAIT_MS} ms, {@code ONESTOP_DECISION_WAIT_MS}) for the SLA engine's
 *       decision: 200 with {@code decision: applied} and the new state when the engine applied it;
 *       409 problem+json {@code refused-by-engine} with the engine's reason when it refused it; 202
 *       with {@code decision: pending} and a {@code Location} status link when no decision came in
 *       time (or no engine status is served). All with {@code caseId}, {@code eventId}, {@code
 *       action}. 404 for a case id the intake has not seen.
 *   <li>{@code GET /api/v1/cases/{id}}: the SLA engine's status via {@link CaseStatusLookup} in the
 *       officer's view ({@link StatusJson#officer}); 503 when no lookup is wired or the engine is
 *       unavailable.
 * </ul>
 *
 * Writes need the {@value ApiKeys#HEADER} header (401) and may carry {@code Idempotency-Key} (1–255
 * visible ASCII characters; reuse with another body gives 409). Errors are {@code
 * application/problem+json}.
 */
public final class CaseApi implements HttpChannel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final String SOURCE = "web-intake";

  /** Default bound on the wait for the engine's decision on an action, in milliseconds. */
  public static final long DEFAULT_DECISION_WAIT_MS = 2000;

  private static final long POLL_MS = 25;

  private final CaseIntake intake;
  private final ApiKeys keys;
  private final RequestBodies bodies;
  private final Optional<CaseStatusLookup> status;
  private final int retryAfter;
  private final Duration decisionWait;
  private final ZoneId zone;
  private final SubmissionValidator submissions = new SubmissionValidator();
  private final ActionValidator actions = new ActionValidator();

  /**
   * @param intake case writer
   * @param keys API keys
   * @param bodies body reader
   * @param status status lookup, empty when the SLA engine is not wired
   * @param retryAfter Retry-After seconds on 503
   */
  public CaseApi(
      CaseIntake intake,
      ApiKeys keys,
      RequestBodies bodies,
      Optional<CaseStatusLookup> status,
      int retryAfter) {
    this(
        intake,
        keys,
        bodies,
        status,
        retryAfter,
        Duration.ofMillis(DEFAULT_DECISION_WAIT_MS),
        ZoneId.of("Asia/Ho_Chi_Minh"));
  }

  /**
   * @param intake case writer
   * @param keys API keys
   * @param bodies body reader
   * @param status status lookup, empty when the SLA engine is not wired
   * @param retryAfter Retry-After seconds on 503
   * @param decisionWait how long an action waits for the engine's decision (zero: answer 202 at
   *     once)
   * @param zone local zone of last days in the status view (Asia/Ho_Chi_Minh)
   */
  public CaseApi(
      CaseIntake intake,
      ApiKeys keys,
      RequestBodies bodies,
      Optional<CaseStatusLookup> status,
      int retryAfter,
      Duration decisionWait,
      ZoneId zone) {
    this.intake = intake;
    this.keys = keys;
    this.bodies = bodies;
    this.status = status;
    this.retryAfter = retryAfter;
    this.decisionWait = decisionWait;
    this.zone = zone;
  }

  /**
   * @param env environment variables
   * @return the decision wait from {@code ONESTOP_DECISION_WAIT_MS} (0–60000), else from the system
   *     property {@code onestop.decisionWaitMs}, else the default
   * @throws IllegalArgumentException naming the variable when it is not such a number
   */
  public static Duration decisionWait(java.util.Map<String, String> env) {
    String v = env.get("ONESTOP_DECISION_WAIT_MS");
    if (v == null || v.isBlank()) {
      v = System.getProperty("onestop.decisionWaitMs");
    }
    if (v == null || v.isBlank()) {
      return Duration.ofMillis(DEFAULT_DECISION_WAIT_MS);
    }
    try {
      long ms = Long.parseLong(v.trim());
      if (ms < 0 || ms > 60_000) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis(ms);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "ONESTOP_DECISION_WAIT_MS must be a number of milliseconds from 0 to 60000");
    }
  }

  /**
   * @param routes Javalin routes to add the endpoints to
   */
  @Override
  public void register(RoutesConfig routes) {
    routes.post("/api/v1/cases", this::submit);
    routes.post("/api/v1/cases/{id}/actions", this::act);
    routes.get("/api/v1/cases/{id}", this::status);
  }

  private void submit(Context ctx) {
    String client = authenticate(ctx);
    String key = idempotencyKey(ctx);
    bodies.requireContentType(ctx, "application/json");
    JsonNode body = bodies.parseJson(bodies.read(ctx));
    Submission s = submissions.validate(body);
    if ((s.category() == Category.TO_CAO || s.complainant() != null)
        && !intake.acceptsDenunciations()) {
      throw Problem.unavailable(
              s.category() == Category.TO_CAO
                  ? "denunciations (TO_CAO) cannot be accepted: the identity key is not configured"
                  : "a submission with a complainant cannot be accepted: the identity key that"
                      + " encrypts it is not configured",
              retryAfter)
          .toException();
    }
    Receipt r = call(() -> intake.submit(SOURCE, client, key, body.toString(), s));
    ObjectNode out =
        JSON.createObjectNode()
            .put("caseId", r.caseId())
            .put("trackingCode", r.trackingCode())
            .put("eventId", r.eventId())
            .put("replayed", r.replayed());
    ctx.header("Location", "/api/v1/cases/" + r.caseId());
    json(ctx, 202, out);
  }

  private void act(Context ctx) {
    String client = authenticate(ctx);
    String caseId = ctx.pathParam("id");
    String key = idempotencyKey(ctx);
    call(
        () -> {
          intake.requireKnown(caseId);
          return null;
        });
    bodies.requireContentType(ctx, "application/json");
    JsonNode body = bodies.parseJson(bodies.read(ctx));
    ActionCommand command = actions.validate(body);
    Receipt r = call(() -> intake.act(SOURCE, client, caseId, key, body.toString(), command));
    ObjectNode out =
        JSON.createObjectNode()
            .put("caseId", r.caseId())
            .put("eventId", r.eventId())
            .put("action", command.action())
            .put("replayed", r.replayed());
    Optional<CaseStatusView> decided = awaitDecision(caseId, r.eventId());
    if (decided.isEmpty()) {
      ctx.header("Location", "/api/v1/cases/" + caseId);
      out.put("decision", "pending");
      out.put("status", "/api/v1/cases/" + caseId);
      json(ctx, 202, out);
      return;
    }
    CaseStatusView v = decided.get();
    var refusal = v.details().lastRefusal();
    if (refusal != null && refusal.eventId().equals(r.eventId())) {
      throw new Problem(
              "https://onestop.vn/problems/refused-by-engine",
              "Conflict",
              409,
              refusal.reason(),
              List.of(),
              java.util.Map.of())
          .toException();
    }
    out.put("decision", "applied");
    out.put("state", v.state());
    out.put("legalStep", v.details().legalStep());
    json(ctx, 200, out);
  }

  /**
   * Polls the engine's status until it applied or refused the event, at most {@link #decisionWait}.
   * Empty when no decision was seen in time or the status cannot be read.
   */
  private Optional<CaseStatusView> awaitDecision(String caseId, String eventId) {
    if (status.isEmpty() || decisionWait.isZero()) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + decisionWait.toNanos();
    while (true) {
      try {
        Optional<CaseStatusView> v = status.get().find(caseId);
        if (v.isPresent()) {
          var d = v.get().details();
          if (d.legalStep() == null) {
            return Optional.empty(); // a lookup that reports no decisions: nothing to wait for
          }
          if (d.appliedEventIds().contains(eventId)
              || (d.lastRefusal() != null && d.lastRefusal().eventId().equals(eventId))) {
            return v;
          }
        }
      } catch (StatusUnavailableException | RuntimeException e) {
        return Optional.empty();
      }
      if (System.nanoTime() >= deadline) {
        return Optional.empty();
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }

  private void status(Context ctx) {
    String caseId = ctx.pathParam("id");
    if (status.isEmpty()) {
      throw Problem.unavailable(
              "case status is not available: the SLA engine's status query is not running"
                  + " in this process",
              retryAfter)
          .toException();
    }
    Optional<CaseStatusView> view;
    try {
      view = status.get().find(caseId);
    } catch (StatusUnavailableException e) {
      throw Problem.unavailable("case status is not available: " + e.getMessage(), retryAfter)
          .toException();
    } catch (RuntimeException e) {
      throw Problem.unavailable(
              "case status is not available: " + e.getClass().getSimpleName(), retryAfter)
          .toException();
    }
    if (view.isEmpty()) {
      if (intake.model().get(caseId).isPresent()) {
        throw Problem.unavailable(
                "the SLA engine has not processed case '" + caseId + "' yet", retryAfter)
            .toException();
      }
      throw Problem.of(
              404,
              "unknown-case",
              "Not Found",
              "no case with id '" + TextRules.preview(caseId) + "'")
          .toException();
    }
    json(ctx, 200, StatusJson.officer(view.get(), zone));
  }

  private String authenticate(Context ctx) {
    String given = ctx.header(ApiKeys.HEADER);
    return keys.clientFor(given)
        .orElseThrow(
            () ->
                new Problem(
                        "https://onestop.vn/problems/unauthorized",
                        "Unauthorized",
                        401,
                        given == null || given.isEmpty()
                            ? "missing " + ApiKeys.HEADER + " header"
                            : "unknown API key in " + ApiKeys.HEADER,
                        List.of(
                            new FieldError(
                                ApiKeys.HEADER,
                                given == null || given.isEmpty()
                                    ? "is required for writes"
                                    : "is not a known API key")),
                        java.util.Map.of(
                            "WWW-Authenticate", "ApiKey header=\"" + ApiKeys.HEADER + "\""))
                    .toException());
  }

  private static String idempotencyKey(Context ctx) {
    String key = ctx.header("Idempotency-Key");
    if (key == null) {
      return null;
    }
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw Problem.invalid(
              List.of(new FieldError("Idempotency-Key", "must be 1-255 visible ASCII characters")))
          .toException();
    }
    return key;
  }

  private interface IntakeCall<T> {
    T run() throws IntakeRefusal, PublishUnavailableException;
  }

  private <T> T call(IntakeCall<T> c) {
    try {
      return c.run();
    } catch (IntakeRefusal e) {
      throw switch (e.kind()) {
        case IDEMPOTENCY_CONFLICT ->
            Problem.of(409, "idempotency-key-reused", "Conflict", e.getMessage()).toException();
        case UNKNOWN_CASE ->
            Problem.of(404, "unknown-case", "Not Found", e.getMessage()).toException();
        case NOT_READY -> Problem.unavailable(e.getMessage(), retryAfter).toException();
      };
    } catch (PublishUnavailableException e) {
      throw Problem.unavailable(
              "Kafka did not acknowledge the write; retry later with the same"
                  + " Idempotency-Key (a repeated event id is ignored): "
                  + e.getMessage(),
              retryAfter)
          .toException();
    }
  }

  private static void json(Context ctx, int code, JsonNode body) {
    ctx.status(code);
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(body.toString());
  }
}
