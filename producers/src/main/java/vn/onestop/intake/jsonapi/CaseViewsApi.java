package vn.onestop.intake.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.intake.core.CaseIntake;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.core.IntakeRefusal;
import vn.onestop.intake.core.Receipt;
import vn.onestop.intake.core.TextRules;
import vn.onestop.intake.http.CaseAccess;
import vn.onestop.intake.http.HttpChannel;
import vn.onestop.intake.http.Problem;
import vn.onestop.intake.http.RequestBodies;
import vn.onestop.intake.kafka.PublishUnavailableException;
import vn.onestop.intake.readmodel.CaseSummary;
import vn.onestop.intake.status.CaseStatusLookup;
import vn.onestop.intake.status.CaseStatusView;
import vn.onestop.schema.Actor;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complainant;

/**
 * The case views that need care with secrets or scope:
 *
 * <ul>
 *   <li>{@code GET /api/v1/track/{code}}: public, no credential. The case a citizen's tracking code
 *       ({@code OS-…}) names, privacy-safe ({@link StatusJson#tracking}): service, category,
 *       status, legal step, unit, dates, due dates (UTC and the local last day) and the numbers and
 *       dates of extension and suspension decisions. 404 for an unknown code.
 *   <li>{@code POST /api/v1/cases/{id}/identity/reveal} with {@code {"reason": "..."}} (1–1000
 *       characters): an OFFICER or UNIT_HEAD whose scope covers the case's current handling unit
 *       decrypts the identity of its denouncer or complainant. The {@code IdentityRevealed} event
 *       (actor = the principal, the reason, the key id; no identity) is written to {@code
 *       case-events} and acknowledged by Kafka before the identity is answered; a role or scope
 *       failure is a 403 and nothing is written; an anonymous case is a 404 and nothing is written.
 *   <li>{@code GET /api/v1/cases?unit=&state=&category=&dueBefore=&page=&size=}: the work list of
 *       the principal's scope (OFFICER, UNIT_HEAD, SUPERVISOR or AUDITOR), ordered by the due
 *       instant of the running clock (cases without one last), then case id. The case set is the
 *       intake's read model of {@code case-events}; state, unit and due date of each case come from
 *       the SLA engine's status query, the one owner of case status (a case the engine has not
 *       processed yet is left out). {@code dueBefore}: an ISO-8601 instant, or a local date D
 *       (Asia/Ho_Chi_Minh) meaning "due by the end of day D". {@code page} from 0, {@code size}
 *       1–200 (default 50).
 * </ul>
 *
 * Errors are {@code application/problem+json}; no answer names an identity or a case's content.
 */
public final class CaseViewsApi implements HttpChannel {
  private static final Logger LOG = LoggerFactory.getLogger(CaseViewsApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOURCE = "web-intake";
  private static final Pattern TRACKING = Pattern.compile("OS-[0-9A-Z]{10}");
  private static final Set<Role> REVEALERS = EnumSet.of(Role.OFFICER, Role.UNIT_HEAD);
  private static final Set<Role> READERS =
      EnumSet.of(Role.OFFICER, Role.UNIT_HEAD, Role.SUPERVISOR, Role.AUDITOR);
  private static final Set<String> STATES =
      Set.of("SUBMITTED", "ACCEPTED", "ASSIGNED", "SUSPENDED", "RESOLVED", "REJECTED", "WITHDRAWN");
  private static final int MAX_SIZE = 200;
  private static final int DEFAULT_SIZE = 50;

  private final CaseIntake intake;
  private final CaseAccess access;
  private final RequestBodies bodies;
  private final CaseStatusLookup status;
  private final ZoneId zone;
  private final int retryAfter;

  /**
   * @param intake case writer and read model
   * @param access authentication, role and scope checks
   * @param bodies body reader
   * @param status the SLA engine's status lookup
   * @param zone local zone of last days (Asia/Ho_Chi_Minh)
   * @param retryAfter Retry-After seconds on 503
   */
  public CaseViewsApi(
      CaseIntake intake,
      CaseAccess access,
      RequestBodies bodies,
      CaseStatusLookup status,
      ZoneId zone,
      int retryAfter) {
    this.intake = intake;
    this.access = access;
    this.bodies = bodies;
    this.status = status;
    this.zone = zone;
    this.retryAfter = retryAfter;
  }

  /**
   * @param routes Javalin routes to add the endpoints to
   */
  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/track/{code}", this::track);
    routes.post("/api/v1/cases/{id}/identity/reveal", this::reveal);
    routes.get("/api/v1/cases", this::workList);
  }

  private void track(Context ctx) {
    String code = ctx.pathParam("code").trim().toUpperCase(Locale.ROOT);
    Optional<CaseSummary> c =
        TRACKING.matcher(code).matches() ? intake.model().byTrackingCode(code) : Optional.empty();
    if (c.isEmpty()) {
      throw Problem.of(
              404,
              "unknown-tracking-code",
              "Not Found",
              "no case with tracking code '" + TextRules.preview(code) + "'")
          .toException();
    }
    CaseStatusView v =
        view(c.get().caseId())
            .orElseThrow(
                () ->
                    Problem.unavailable(
                            "the case was received and is not yet processed; retry shortly",
                            retryAfter)
                        .toException());
    JsonApiAnswers.json(ctx, 200, StatusJson.tracking(code, c.get().serviceCode(), v, zone));
  }

  private void reveal(Context ctx) {
    Principal p = access.authenticate(ctx);
    String caseId = ctx.pathParam("id");
    access.requireRole(p, "reveal an identity", REVEALERS);
    requireKnown(caseId);
    CaseStatusView v =
        view(caseId)
            .orElseThrow(
                () ->
                    Problem.unavailable(
                            "the SLA engine has not processed case '" + caseId + "' yet",
                            retryAfter)
                        .toException());
    access.requireScope(p, "reveal the identity of case " + caseId, v.unitId());
    bodies.requireContentType(ctx, "application/json");
    JsonNode body = bodies.parseJson(bodies.read(ctx));
    String reason = reason(body);
    Optional<CaseIntake.RevealedIdentity> identity;
    try {
      identity = intake.decryptIdentity(caseId);
    } catch (GeneralSecurityException e) {
      LOG.warn("case {}: identity cannot be decrypted ({})", caseId, e.getClass().getSimpleName());
      throw Problem.unavailable(
              "the identity cannot be decrypted: the key that encrypted it is not in this"
                  + " intake's key ring",
              retryAfter)
          .toException();
    }
    if (identity.isEmpty()) {
      throw Problem.of(
              404,
              "no-identity",
              "Not Found",
              "case '" + caseId + "' was filed without an identity (anonymous)")
          .toException();
    }
    Actor actor =
        new Actor(
            p.has(Role.UNIT_HEAD) ? ActorRole.UNIT_HEAD : ActorRole.CASE_OFFICER,
            p.id(),
            v.unitId());
    Receipt r;
    try {
      r = intake.recordReveal(SOURCE, caseId, actor, reason, identity.get().keyId());
    } catch (IntakeRefusal e) {
      throw Problem.of(404, "unknown-case", "Not Found", e.getMessage()).toException();
    } catch (PublishUnavailableException e) {
      throw Problem.unavailable(
              "the reveal could not be recorded, so the identity is not shown; retry later",
              retryAfter)
          .toException();
    }
    Complainant c = identity.get().identity();
    ObjectNode out = JSON.createObjectNode();
    out.put("caseId", caseId);
    out.put("revealEventId", r.eventId());
    out.put("keyId", identity.get().keyId());
    out.putObject("identity")
        .put("fullName", c.getFullName())
        .put("phone", c.getPhone())
        .put("email", c.getEmail())
        .put("citizenId", c.getCitizenId())
        .put("address", c.getAddress());
    ctx.header("Cache-Control", "no-store");
    JsonApiAnswers.json(ctx, 200, out);
  }

  private static String reason(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw Problem.invalid(List.of(new FieldError("$", "body must be a JSON object")))
          .toException();
    }
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            n -> {
              if (!n.equals("reason")) {
                errors.add(new FieldError(TextRules.preview(n), "unknown field"));
              }
            });
    JsonNode r = body.get("reason");
    String reason = r != null && r.isTextual() ? r.textValue().strip() : null;
    if (reason == null || reason.isEmpty()) {
      errors.add(new FieldError("reason", "is required: say why the identity is needed"));
    } else if (reason.codePointCount(0, reason.length()) > 1000) {
      errors.add(new FieldError("reason", "at most 1000 characters"));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors).toException();
    }
    return reason;
  }

  private void workList(Context ctx) {
    Principal p = access.authenticate(ctx);
    access.requireRole(p, "read the work list", READERS);
    List<FieldError> errors = new ArrayList<>();
    String unit = ctx.queryParam("unit");
    String state = upper(ctx.queryParam("state"));
    if (state != null && !STATES.contains(state)) {
      errors.add(new FieldError("state", "must be one of " + new java.util.TreeSet<>(STATES)));
    }
    String category = upper(ctx.queryParam("category"));
    if (category != null) {
      try {
        Category.valueOf(category);
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "category",
                "must be one of KHIEU_NAI, TO_CAO, PHAN_ANH, KIEN_NGHI, SERVICE_REQUEST"));
      }
    }
    Instant dueBefore = dueBefore(ctx.queryParam("dueBefore"), errors);
    int page = integer(ctx.queryParam("page"), "page", 0, 0, Integer.MAX_VALUE, errors);
    int size = integer(ctx.queryParam("size"), "size", DEFAULT_SIZE, 1, MAX_SIZE, errors);
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors).toException();
    }
    if (unit != null) {
      access.requireScope(p, "list the cases of unit " + unit, unit);
    }
    List<CaseStatusView> rows = new ArrayList<>();
    for (CaseSummary c : intake.model().query(x -> true, Integer.MAX_VALUE)) {
      if (category != null && !category.equals(c.category())) {
        continue;
      }
      Optional<CaseStatusView> v = view(c.caseId());
      if (v.isEmpty()) {
        continue;
      }
      CaseStatusView s = v.get();
      if (!access.covers(p, s.unitId())
          || (unit != null && !unit.equals(s.unitId()))
          || (state != null && !state.equals(s.state()))
          || (dueBefore != null && (s.dueAt() == null || !s.dueAt().isBefore(dueBefore)))) {
        continue;
      }
      rows.add(s);
    }
    rows.sort(
        Comparator.comparing(CaseStatusView::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(CaseStatusView::caseId));
    int from = (int) Math.min((long) page * size, rows.size());
    int to = Math.min(from + size, rows.size());
    ObjectNode out = JSON.createObjectNode();
    out.put("page", page);
    out.put("size", size);
    out.put("total", rows.size());
    ArrayNode items = out.putArray("items");
    for (CaseStatusView s : rows.subList(from, to)) {
      items.add(StatusJson.officer(s, zone));
    }
    if (to < rows.size()) {
      out.put("next", nextLink(ctx, page + 1));
    } else {
      out.putNull("next");
    }
    JsonApiAnswers.json(ctx, 200, out);
  }

  private static String nextLink(Context ctx, int page) {
    StringBuilder sb = new StringBuilder("/api/v1/cases?page=").append(page);
    for (String q : List.of("size", "unit", "state", "category", "dueBefore")) {
      String v = ctx.queryParam(q);
      if (v != null) {
        sb.append('&')
            .append(q)
            .append('=')
            .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  private Instant dueBefore(String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(raw.trim());
    } catch (DateTimeParseException e) {
      try {
        // "due by the end of day D": before 00:00 local of D+1
        return LocalDate.parse(raw.trim()).plusDays(1).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException e2) {
        errors.add(
            new FieldError(
                "dueBefore",
                "must be an ISO-8601 instant (2026-03-16T17:00:00Z) or a local date (2026-03-16)"));
        return null;
      }
    }
  }

  private static int integer(
      String raw, String field, int dflt, int min, int max, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        errors.add(new FieldError(field, "must be between " + min + " and " + max));
        return dflt;
      }
      return v;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "must be an integer"));
      return dflt;
    }
  }

  private static String upper(String s) {
    return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
  }

  private void requireKnown(String caseId) {
    try {
      intake.requireKnown(caseId);
    } catch (IntakeRefusal e) {
      throw JsonApiAnswers.refused(e, retryAfter);
    }
  }

  private Optional<CaseStatusView> view(String caseId) {
    return JsonApiAnswers.status(status, caseId, retryAfter);
  }
}
