package vn.onestop.intake.open311;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import vn.onestop.access.Access;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.intake.core.CaseIntake;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.core.IntakeRefusal;
import vn.onestop.intake.core.InvalidFieldsException;
import vn.onestop.intake.core.Receipt;
import vn.onestop.intake.core.Submission;
import vn.onestop.intake.http.Authn;
import vn.onestop.intake.http.HttpChannel;
import vn.onestop.intake.http.Problem;
import vn.onestop.intake.http.ProblemException;
import vn.onestop.intake.http.RequestBodies;
import vn.onestop.intake.kafka.PublishUnavailableException;
import vn.onestop.intake.readmodel.CaseSummary;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.intake.status.StatusUnavailableException;

/**
 * Open311 GeoReport v2 under {@value #BASE} (see docs/open311.md): {@code services.{fmt}}, {@code
 * services/{code}.{fmt}}, {@code POST requests.{fmt}} (form-encoded; credential in {@code
 * X-API-Key} / {@code Authorization: Bearer}, checked before the body, or the form's {@code
 * api_key}), {@code GET requests.{fmt}} with its filters ({@link RequestsQuery}) and {@code
 * requests/{id}.{fmt}}. Errors are Open311 error lists (401 missing or bad credential, 403 a
 * principal without an intake role, 404 unknown service/request, 400 otherwise, 413/415 for bodies,
 * and 503 + Retry-After when Kafka is down, following the project rule rather than the spec's 400).
 *
 * <p>Date-times are W3C with offset in the configured zone (Asia/Ho_Chi_Minh, +07:00). {@code
 * status}, {@code status_notes}, {@code agency_responsible} and {@code expected_datetime} come from
 * the SLA engine's status, the one owner of case status; request reads answer 503 + Retry-After
 * when it is not served or cannot answer. A request the engine has not processed yet is open, with
 * the unit and the source system's due date it was filed with.
 */
public final class Open311Api implements HttpChannel {
  /** Base path. */
  public static final String BASE = "/open311/v2";

  private static final String SOURCE = "open311";

  private final ServiceCatalog catalog;
  private final CaseIntake intake;
  private final Authn authn;
  private final RequestBodies bodies;
  private final Optional<CaseStatusLookup> status;
  private final Clock clock;
  private final DateTimeFormatter dates;
  private final int retryAfter;
  private final Open311Submissions submissions = new Open311Submissions();

  /**
   * @param catalog services offered
   * @param intake case writer and read model
   * @param authn authentication of the principals
   * @param bodies body reader
   * @param status SLA status lookup, if wired
   * @param clock clock for the default date range
   * @param zone zone of date-times on the wire
   * @param retryAfter Retry-After seconds on 503
   */
  public Open311Api(
      ServiceCatalog catalog,
      CaseIntake intake,
      Authn authn,
      RequestBodies bodies,
      Optional<CaseStatusLookup> status,
      Clock clock,
      ZoneId zone,
      int retryAfter) {
    this.catalog = catalog;
    this.intake = intake;
    this.authn = authn;
    this.bodies = bodies;
    this.status = status;
    this.clock = clock;
    this.dates = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    this.retryAfter = retryAfter;
  }

  /**
   * @param routes Javalin routes to add the endpoints to
   */
  @Override
  public void register(RoutesConfig routes) {
    for (Open311Format f : Open311Format.values()) {
      String ext = "." + f.name().toLowerCase(java.util.Locale.ROOT);
      routes.get(BASE + "/services" + ext, ctx -> services(ctx, f));
      routes.get(BASE + "/requests" + ext, ctx -> listRequests(ctx, f));
      routes.post(BASE + "/requests" + ext, ctx -> postRequest(ctx, f));
    }
    routes.get(BASE + "/services/{file}", this::serviceDefinition);
    routes.get(BASE + "/requests/{file}", this::oneRequest);
  }

  /**
   * @param path a request path
   * @return true for paths under {@value #BASE}: their errors are Open311 error lists
   */
  @Override
  public boolean owns(String path) {
    return path.startsWith(BASE + "/");
  }

  /**
   * Renders a problem as an Open311 error list in the format of the path suffix: one description
   * per invalid field ({@code field: message}), or the detail; extra headers are kept.
   *
   * @param ctx the response
   * @param p the problem
   */
  @Override
  public void renderError(Context ctx, Problem p) {
    List<String> descriptions = new java.util.ArrayList<>();
    if (p.errors().isEmpty()) {
      descriptions.add(p.detail());
    } else {
      p.errors().forEach(fe -> descriptions.add(fe.field() + ": " + fe.message()));
    }
    p.headers().forEach(ctx::header);
    Open311Writer.errors(ctx, p.status(), formatOf(ctx.path()), descriptions);
  }

  /**
   * @param path a request path under {@value #BASE}
   * @return the format named by its suffix; XML (the mandatory format) when there is none
   */
  public static Open311Format formatOf(String path) {
    Open311Format f = Open311Format.ofSuffix(path);
    return f == null ? Open311Format.XML : f;
  }

  private void services(Context ctx, Open311Format f) {
    List<ObjectNode> items =
        catalog.services().stream()
            .map(
                s ->
                    Open311Writer.item()
                        .put("service_code", s.code())
                        .put("service_name", s.name())
                        .put("description", s.description())
                        .put("metadata", false)
                        .put("type", "realtime")
                        .put("keywords", s.keywords())
                        .put("group", s.group()))
            .toList();
    Open311Writer.list(ctx, 200, f, "services", "service", items);
  }

  private void serviceDefinition(Context ctx) {
    String file = ctx.pathParam("file");
    Open311Format f = requireFormat(file);
    String code = Open311Format.stripSuffix(file);
    ServiceType s =
        catalog
            .find(code)
            .orElseThrow(
                () ->
                    Problem.of(
                            404,
                            "unknown-service",
                            "Not Found",
                            "service_code '" + code + "' not found")
                        .toException());
    ObjectNode def = Open311Writer.item().put("service_code", s.code());
    if (f == Open311Format.JSON) {
      def.putArray("attributes");
    } else {
      def.putObject("attributes"); // <attributes/>: an empty XML list
    }
    Open311Writer.object(ctx, 200, f, "service_definition", def);
  }

  private void postRequest(Context ctx, Open311Format f) {
    // A credential in the headers (X-API-Key, Authorization) is checked before the body is read;
    // GeoReport v2's form field api_key can only be checked after.
    Principal early = Authn.hasHeaderCredential(ctx) ? authn.require(ctx) : null;
    bodies.requireContentType(ctx, "application/x-www-form-urlencoded");
    FormBody form;
    try {
      form = FormBody.parse(RequestBodies.utf8(bodies.read(ctx)));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid(
              List.of(
                  new FieldError(
                      "body", "is not valid application/x-www-form-urlencoded (bad % escape)")))
          .toException();
    }
    if (early == null && form.get("api_key") == null) {
      throw Authn.unauthorized(
          "api_key is required (form field api_key, or header X-API-Key / Authorization: Bearer)");
    }
    Principal p = early != null ? early : authn.require(ctx, form.get("api_key"));
    Access.requireRole(
        p,
        "submit a service request",
        java.util.EnumSet.of(Role.INTAKE, Role.OFFICER, Role.UNIT_HEAD));
    String client = p.id();
    String code = form.get("service_code");
    if (code == null) {
      throw Problem.invalid(
              List.of(new vn.onestop.intake.core.FieldError("service_code", "is required")))
          .toException();
    }
    ServiceType service =
        catalog
            .find(code)
            .orElseThrow(
                () ->
                    Problem.of(
                            404,
                            "unknown-service",
                            "Not Found",
                            "service_code '" + code + "' not found")
                        .toException());
    Submission s = submissions.toSubmission(service, form);
    try {
      intake.requireKnownUnit(s.unitId());
    } catch (InvalidFieldsException e) {
      // The unit comes from the service's mapping: name the Open311 field the client sent.
      throw new InvalidFieldsException(
          List.of(
              new FieldError(
                  "service_code",
                  "service '"
                      + code
                      + "' is handled by unit (unitId) '"
                      + s.unitId()
                      + "', which is not in the org-unit directory")));
    }
    Receipt r;
    try {
      r =
          intake.submit(
              SOURCE,
              client,
              null,
              null,
              s,
              new vn.onestop.schema.Actor(
                  p.has(Role.INTAKE)
                      ? vn.onestop.schema.ActorRole.INTAKE_OPERATOR
                      : p.has(Role.OFFICER)
                          ? vn.onestop.schema.ActorRole.CASE_OFFICER
                          : vn.onestop.schema.ActorRole.UNIT_HEAD,
                  p.id(),
                  null));
    } catch (IntakeRefusal e) {
      throw Problem.of(400, "refused", "Bad Request", e.getMessage()).toException();
    } catch (PublishUnavailableException e) {
      throw Problem.unavailable(
              "the request was not recorded, retry later: " + e.getMessage(), retryAfter)
          .toException();
    }
    ObjectNode item =
        Open311Writer.item()
            .put("service_request_id", r.caseId())
            .put("service_notice", "Đã tiếp nhận, mã tra cứu " + r.trackingCode())
            .putNull("account_id");
    Open311Writer.list(ctx, 200, f, "service_requests", "request", List.of(item));
  }

  private void listRequests(Context ctx, Open311Format f) {
    RequestsQuery q = RequestsQuery.parse(ctx::queryParam, clock.instant());
    List<ObjectNode> items =
        intake.model().query(q.filter(c -> effective(c).open()), RequestsQuery.LIMIT).stream()
            .map(this::toItem)
            .toList();
    Open311Writer.list(ctx, 200, f, "service_requests", "request", items);
  }

  private void oneRequest(Context ctx) {
    String file = ctx.pathParam("file");
    Open311Format f = requireFormat(file);
    String id = Open311Format.stripSuffix(file);
    CaseSummary c =
        intake
            .model()
            .get(id)
            .orElseThrow(
                () ->
                    Problem.of(
                            404,
                            "unknown-request",
                            "Not Found",
                            "service_request_id '" + id + "' not found")
                        .toException());
    Open311Writer.list(ctx, 200, f, "service_requests", "request", List.of(toItem(c)));
  }

  private static Open311Format requireFormat(String file) {
    Open311Format f = Open311Format.ofSuffix(file);
    if (f == null || file.length() <= 5) {
      throw Problem.of(404, "unknown-format", "Not Found", "the path must end in .json or .xml")
          .toException();
    }
    return f;
  }

  /**
   * How a request looks on the wire. Status, notes, agency and expected date come from the SLA
   * engine alone (one owner of case status: it knows which actions it refused). A case the engine
   * has not processed yet is open with the unit and due date it was filed with.
   */
  private record Effective(boolean open, String notes, String unitId, Instant expected) {}

  private static final java.util.Set<String> CLOSED_STATES =
      java.util.Set.of("RESOLVED", "REJECTED", "WITHDRAWN");

  private Effective effective(CaseSummary c) {
    Optional<CaseStatusView> v = engineView(c);
    if (v.isEmpty()) {
      return new Effective(
          true,
          "received; not yet processed by the SLA engine",
          c.submittedUnitId(),
          c.sourceDueAt());
    }
    CaseStatusView s = v.get();
    boolean open = !CLOSED_STATES.contains(s.state());
    Instant due = s.resolutionDueAt() != null ? s.resolutionDueAt() : s.dueAt();
    String notes =
        s.state().toLowerCase(java.util.Locale.ROOT)
            + (s.suspended() ? " (suspended)" : "")
            + (s.escalationLevel() > 0 ? ", escalation level " + s.escalationLevel() : "");
    return new Effective(
        open,
        notes,
        s.unitId() != null ? s.unitId() : c.submittedUnitId(),
        open && due != null ? due : c.sourceDueAt());
  }

  /**
   * @throws ProblemException 503 + Retry-After when no engine status is served in this process or
   *     the engine cannot answer (rebalancing, stopped): a status guessed from the raw log could
   *     show an action the engine refused as applied
   */
  private Optional<CaseStatusView> engineView(CaseSummary c) {
    if (status.isEmpty()) {
      throw Problem.unavailable(
              "request status is not available: the SLA engine's status is not served by this"
                  + " process",
              retryAfter)
          .toException();
    }
    try {
      return status.get().find(c.caseId());
    } catch (StatusUnavailableException e) {
      throw Problem.unavailable("request status is not available: " + e.getMessage(), retryAfter)
          .toException();
    } catch (RuntimeException e) {
      throw Problem.unavailable(
              "request status is not available: " + e.getClass().getSimpleName(), retryAfter)
          .toException();
    }
  }

  private ObjectNode toItem(CaseSummary c) {
    Effective e = effective(c);
    ObjectNode n = Open311Writer.item();
    n.put("service_request_id", c.caseId());
    n.put("status", e.open() ? "open" : "closed");
    n.put("status_notes", e.notes());
    n.put(
        "service_name",
        c.serviceCode() == null
            ? null
            : catalog.find(c.serviceCode()).map(ServiceType::name).orElse(c.serviceCode()));
    n.put("service_code", c.serviceCode());
    n.put("description", c.description());
    n.put("agency_responsible", e.unitId());
    n.putNull("service_notice");
    n.put("requested_datetime", format(c.requestedAt()));
    n.put("updated_datetime", format(c.updatedAt()));
    n.put("expected_datetime", format(e.expected()));
    n.put("address", c.address());
    n.putNull("address_id");
    n.putNull("zipcode");
    if (c.latitude() == null) {
      n.putNull("lat");
      n.putNull("long");
    } else {
      n.put("lat", c.latitude());
      n.put("long", c.longitude());
    }
    n.put("media_url", c.mediaUrl());
    return n;
  }

  private String format(Instant i) {
    return i == null ? null : dates.format(i.truncatedTo(ChronoUnit.SECONDS));
  }
}
