package vn.onestop.intake.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.onestop.access.Access;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.access.SigningRules;
import vn.onestop.intake.core.ActionCommand;
import vn.onestop.intake.core.ActionValidator;
import vn.onestop.intake.core.CaseIntake;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.core.IntakeRefusal;
import vn.onestop.intake.core.Receipt;
import vn.onestop.intake.core.Submission;
import vn.onestop.intake.core.SubmissionValidator;
import vn.onestop.intake.core.TextRules;
import vn.onestop.intake.http.Authn;
import vn.onestop.intake.http.HttpChannel;
import vn.onestop.intake.http.Problem;
import vn.onestop.intake.http.RequestBodies;
import vn.onestop.intake.kafka.PublishUnavailableException;
import vn.onestop.intake.readmodel.CaseReadModel;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;
import vn.onestop.schema.Actor;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.Category;
import vn.onestop.schema.Transferred;

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
 * Every endpoint needs a credential ({@link Authn}: {@code X-API-Key} or {@code Authorization:
 * Bearer}; 401 without), checked before the body is read. Who may do what (docs/access.md):
 *
 * <ul>
 *   <li>submit: INTAKE, OFFICER or UNIT_HEAD; the Submitted event's actor is the principal
 *       (INTAKE_OPERATOR, CASE_OFFICER or UNIT_HEAD with its id).
 *   <li>actions: the case's handling unit must be in the principal's scope (403 before the body is
 *       read), and the principal must hold a role the signing table allows for the action and the
 *       case's category ({@link SigningRules}, 403 naming the role and the article). The event's
 *       actor is the principal: {@code officialId} its id, {@code role} CASE_OFFICER or UNIT_HEAD,
 *       {@code unitId} the unit of its scope (the case's unit for a whole-tree scope). The body may
 *       still carry {@code officialId}, {@code role}, {@code unitId}; a value that contradicts the
 *       principal is a 400 naming the field (a head may send {@code role: CASE_OFFICER} to act as
 *       an officer where the table allows it). A transfer's {@code toUnitId} must be in the org
 *       directory once one is loaded (400).
 *   <li>read: OFFICER, UNIT_HEAD, SUPERVISOR or AUDITOR with the case's unit in scope; INTAKE for
 *       the cases it submitted.
 * </ul>
 *
 * Writes may carry {@code Idempotency-Key} (1–255 visible ASCII characters; reuse with another body
 * gives 409; the body is compared in a canonical form, object keys sorted, so key order does not
 * matter). Errors are {@code application/problem+json}.
 */
public final class CaseApi implements HttpChannel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
  private static final Set<Role> SUBMITTERS = EnumSet.of(Role.INTAKE, Role.OFFICER, Role.UNIT_HEAD);
  private static final Set<Role> READERS =
      EnumSet.of(Role.OFFICER, Role.UNIT_HEAD, Role.SUPERVISOR, Role.AUDITOR);
  private static final Set<Role> ACTORS = EnumSet.of(Role.OFFICER, Role.UNIT_HEAD);
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final String SOURCE = "web-intake";

  /** Default bound on the wait for the engine's decision on an action, in milliseconds. */
  public static final long DEFAULT_DECISION_WAIT_MS = 2000;

  private static final long POLL_MS = 25;

  private final CaseIntake intake;
  private final Authn authn;
  private final SigningRules rules = SigningRules.load();
  private final Clock clock;
  private final RequestBodies bodies;
  private final Optional<CaseStatusLookup> status;
  private final int retryAfter;
  private final Duration decisionWait;
  private final ZoneId zone;
  private final SubmissionValidator submissions = new SubmissionValidator();
  private final ActionValidator actions = new ActionValidator();

  /**
   * @param intake case writer
   * @param authn authentication of the principals
   * @param bodies body reader
   * @param status status lookup, empty when the SLA engine is not wired
   * @param retryAfter Retry-After seconds on 503
   * @param clock for the org directory version in force (scope checks)
   */
  public CaseApi(
      CaseIntake intake,
      Authn authn,
      RequestBodies bodies,
      Optional<CaseStatusLookup> status,
      int retryAfter,
      Clock clock) {
    this(
        intake,
        authn,
        bodies,
        status,
        retryAfter,
        clock,
        Duration.ofMillis(DEFAULT_DECISION_WAIT_MS),
        ZoneId.of("Asia/Ho_Chi_Minh"));
  }

  /**
   * @param intake case writer
   * @param authn authentication of the principals
   * @param bodies body reader
   * @param status status lookup, empty when the SLA engine is not wired
   * @param retryAfter Retry-After seconds on 503
   * @param clock for the org directory version in force (scope checks)
   * @param decisionWait how long an action waits for the engine's decision (zero: answer 202 at
   *     once)
   * @param zone local zone of last days in the status view (Asia/Ho_Chi_Minh)
   */
  public CaseApi(
      CaseIntake intake,
      Authn authn,
      RequestBodies bodies,
      Optional<CaseStatusLookup> status,
      int retryAfter,
      Clock clock,
      Duration decisionWait,
      ZoneId zone) {
    this.intake = intake;
    this.authn = authn;
    this.clock = clock;
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
    Principal p = authn.require(ctx);
    Access.requireRole(p, "submit a case", SUBMITTERS);
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
    Actor actor = new Actor(submitterRole(p), p.id(), unitOf(p.scope(), null));
    Receipt r = call(() -> intake.submit(SOURCE, p.id(), key, canonical(body), s, actor));
    ObjectNode out =
        JSON.createObjectNode()
            .put("caseId", r.caseId())
            .put("trackingCode", r.trackingCode())
            .put("eventId", r.eventId())
            .put("replayed", r.replayed());
    ctx.header("Location", "/api/v1/cases/" + r.caseId());
    JsonApiAnswers.json(ctx, 202, out);
  }

  private void act(Context ctx) {
    Principal p = authn.require(ctx);
    Access.requireRole(p, "act on a case", ACTORS);
    String caseId = ctx.pathParam("id");
    String key = idempotencyKey(ctx);
    call(
        () -> {
          intake.requireKnown(caseId);
          return null;
        });
    String unit = handlingUnit(caseId);
    Access.requireScope(p, "act on case " + caseId, unit, intake.unitParents(clock.instant()));
    bodies.requireContentType(ctx, "application/json");
    JsonNode body = bodies.parseJson(bodies.read(ctx));
    ActionCommand parsed = actions.validate(body);
    String category =
        intake.model().get(caseId).map(c -> c.category()).orElse(Category.UNKNOWN.name());
    SigningRules.Rule rule = rules.require(p, parsed.action(), category);
    ActionCommand command =
        new ActionCommand(parsed.action(), parsed.payload(), actor(p, rule, unit, body, parsed));
    if (command.payload() instanceof Transferred t) {
      intake.requireKnownUnit("toUnitId", t.getToUnitId());
    }
    Receipt r = call(() -> intake.act(SOURCE, p.id(), caseId, key, canonical(body), command));
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
      JsonApiAnswers.json(ctx, 202, out);
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
    JsonApiAnswers.json(ctx, 200, out);
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
    Principal p = authn.require(ctx);
    String caseId = ctx.pathParam("id");
    requireRead(p, caseId);
    if (status.isEmpty()) {
      throw Problem.unavailable(
              "case status is not available: the SLA engine's status query is not running"
                  + " in this process",
              retryAfter)
          .toException();
    }
    Optional<CaseStatusView> view = JsonApiAnswers.status(status.get(), caseId, retryAfter);
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
    JsonApiAnswers.json(ctx, 200, StatusJson.officer(view.get(), zone));
  }

  /**
   * Read access: an OFFICER, UNIT_HEAD, SUPERVISOR or AUDITOR with the case's handling unit in
   * scope, or the INTAKE principal that submitted it. An unknown case is left to the 404 below, but
   * only for a principal that may read some case.
   */
  private void requireRead(Principal p, String caseId) {
    Optional<CaseReadModel.Handling> h = intake.model().handling(caseId);
    if (p.has(Role.INTAKE) && h.isPresent() && p.id().equals(h.get().submittedBy())) {
      return;
    }
    if (!p.hasAny(READERS)) {
      Access.requireRole(p, "read a case (INTAKE reads only the cases it submitted)", READERS);
    }
    if (h.isPresent()) {
      Access.requireScope(
          p, "read case " + caseId, h.get().unitId(), intake.unitParents(clock.instant()));
    }
  }

  private String handlingUnit(String caseId) {
    return intake.model().handling(caseId).map(CaseReadModel.Handling::unitId).orElse(null);
  }

  private static ActorRole submitterRole(Principal p) {
    if (p.has(Role.INTAKE)) {
      return ActorRole.INTAKE_OPERATOR;
    }
    return p.has(Role.OFFICER) ? ActorRole.CASE_OFFICER : ActorRole.UNIT_HEAD;
  }

  private static String unitOf(Scope scope, String caseUnit) {
    return scope.kind() == Scope.Kind.UNIT || scope.kind() == Scope.Kind.SUBTREE
        ? scope.unitId()
        : caseUnit;
  }

  /** The event's actor from the principal; body actor fields must agree with it (400 otherwise). */
  private static Actor actor(
      Principal p, SigningRules.Rule rule, String caseUnit, JsonNode body, ActionCommand parsed) {
    List<FieldError> errors = new java.util.ArrayList<>();
    ActorRole role;
    if (body.hasNonNull("role")) {
      role = parsed.actor().getRole();
      Role needed =
          role == ActorRole.CASE_OFFICER
              ? Role.OFFICER
              : role == ActorRole.UNIT_HEAD ? Role.UNIT_HEAD : null;
      if (needed == null || !p.has(needed)) {
        errors.add(
            new FieldError(
                "role",
                "must be a role of the authenticated principal "
                    + p.id()
                    + " (CASE_OFFICER for OFFICER, UNIT_HEAD for UNIT_HEAD) or be omitted"));
      } else if (!rule.roles().contains(needed)) {
        throw new vn.onestop.access.AccessDeniedException(
            "role "
                + rule.rolesText()
                + " is required to '"
                + rule.action()
                + "' a case of category "
                + rule.category()
                + " ("
                + rule.source()
                + "); the request asked to act as "
                + needed,
            SigningRules.missing(rule, "the request asked to act as " + needed));
      }
    } else {
      role =
          rule.roles().contains(Role.OFFICER) && p.has(Role.OFFICER)
              ? ActorRole.CASE_OFFICER
              : ActorRole.UNIT_HEAD;
    }
    if (body.hasNonNull("officialId") && !p.id().equals(body.get("officialId").asText())) {
      errors.add(
          new FieldError("officialId", "must be the authenticated principal's id or be omitted"));
    }
    String unit = unitOf(p.scope(), caseUnit);
    if (body.hasNonNull("unitId") && !body.get("unitId").asText().equals(unit)) {
      errors.add(
          new FieldError(
              "unitId",
              "must be the unit of the authenticated principal's scope ("
                  + unit
                  + ") or be omitted"));
    }
    if (!errors.isEmpty()) {
      throw new vn.onestop.intake.core.InvalidFieldsException(errors);
    }
    return new Actor(role, p.id(), unit);
  }

  /**
   * @param body a parsed request body
   * @return its canonical text: object keys sorted at every level, no insignificant whitespace (the
   *     Idempotency-Key body hash does not depend on key order)
   */
  static String canonical(JsonNode body) {
    try {
      return CANONICAL.writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree did not serialize", e);
    }
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
      throw JsonApiAnswers.refused(e, retryAfter);
    } catch (PublishUnavailableException e) {
      throw Problem.unavailable(
              "Kafka did not acknowledge the write; retry later with the same"
                  + " Idempotency-Key (a repeated event id is ignored): "
                  + e.getMessage(),
              retryAfter)
          .toException();
    }
  }
}
