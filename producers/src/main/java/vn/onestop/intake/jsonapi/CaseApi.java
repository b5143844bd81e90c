package vn.onestop.intake.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
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
 *       202 with {@code caseId}, {@code eventId}, {@code action}; 404 for a case id the intake has
 *       not seen.
 *   <li>{@code GET /api/v1/cases/{id}}: the SLA engine's status via {@link CaseStatusLookup}; 503
 *       when no lookup is wired or the engine is unavailable.
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

  private final CaseIntake intake;
  private final ApiKeys keys;
  private final RequestBodies bodies;
  private final Optional<CaseStatusLookup> status;
  private final int retryAfter;
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
    this.intake = intake;
    this.keys = keys;
    this.bodies = bodies;
    this.status = status;
    this.retryAfter = retryAfter;
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
    json(
        ctx,
        202,
        JSON.createObjectNode()
            .put("caseId", r.caseId())
            .put("eventId", r.eventId())
            .put("action", command.action())
            .put("replayed", r.replayed()));
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
    json(ctx, 200, toJson(view.get()));
  }

  static ObjectNode toJson(CaseStatusView v) {
    ObjectNode n = JSON.createObjectNode();
    n.put("caseId", v.caseId());
    n.put("state", v.state());
    n.put("category", v.category());
    n.put("unitId", v.unitId());
    n.put("activeClock", v.activeClock());
    n.put("dueAt", iso(v.dueAt()));
    n.put("acceptanceDueAt", iso(v.acceptanceDueAt()));
    n.put("resolutionDueAt", iso(v.resolutionDueAt()));
    n.put("escalationLevel", v.escalationLevel());
    n.put("suspended", v.suspended());
    return n;
  }

  private static String iso(Instant i) {
    return i == null ? null : i.toString();
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
