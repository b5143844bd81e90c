package vn.onestop.intake.jsonapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import vn.onestop.access.Access;
import vn.onestop.access.Role;
import vn.onestop.intake.core.FieldError;
import vn.onestop.intake.http.Authn;
import vn.onestop.intake.http.HttpChannel;
import vn.onestop.intake.http.Problem;
import vn.onestop.intake.http.RequestBodies;
import vn.onestop.intake.kafka.OrgUnitPublisher;
import vn.onestop.intake.kafka.PublishUnavailableException;
import vn.onestop.intake.readmodel.OrgUnitsView;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.directory.InvalidUnitException;
import vn.onestop.schema.directory.UnitDirectoryFile;

/**
 * The admin endpoints of the org-unit directory (format of a unit: {@code docs/org-units.md}, the
 * JSON object of a directory file), behind a principal with the ADMIN role ({@link Authn}; 401
 * without a key, 403 for a key without the role):
 *
 * <ul>
 *   <li>{@code GET /api/v1/units} — 200, a JSON array: per unit id (sorted) the version in force
 *       now (the latest valid-from not after now; the earliest version when all start later), each
 *       with {@code unitId, name, parentId, level, headOfficialId, headName, headContact,
 *       deputyOfficialId, calendarId, validFrom} ({@code validFrom} a local date in
 *       Asia/Ho_Chi_Minh, null = since always).
 *   <li>{@code PUT /api/v1/units/{id}} — one unit version (same fields; {@code unitId} may be left
 *       out and is then the path's id). Validated against the directory as {@code onestop units
 *       import} validates a file ({@link UnitDirectoryFile#readOne}): unknown parent, cycle,
 *       unknown calendar, head missing, bad field, or {@code unitId} differing from the path → 400
 *       naming each field; then written to {@code org-units} as a version with its valid-from (a
 *       version with the same valid-from is replaced) → 200 with the version as stored. 503 while
 *       the directory has not been read yet or Kafka does not acknowledge.
 * </ul>
 */
public final class UnitsApi implements HttpChannel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrgUnitsView directory;
  private final BooleanSupplier directoryLoaded;
  private final OrgUnitPublisher publisher;
  private final Set<String> calendarIds;
  private final Authn authn;
  private final RequestBodies bodies;
  private final Clock clock;
  private final int retryAfter;

  /**
   * @param directory the intake's copy of org-units
   * @param directoryLoaded true once the copy has read the topic present at start
   * @param publisher writer of org-units
   * @param calendarIds the engine's working-day calendar ids (empty: PUT answers 503)
   * @param keys API keys and roles
   * @param bodies request body limits
   * @param clock clock of "in force now"
   * @param retryAfterSeconds Retry-After of 503 answers
   */
  public UnitsApi(
      OrgUnitsView directory,
      BooleanSupplier directoryLoaded,
      OrgUnitPublisher publisher,
      Set<String> calendarIds,
      Authn authn,
      RequestBodies bodies,
      Clock clock,
      int retryAfterSeconds) {
    this.directory = directory;
    this.directoryLoaded = directoryLoaded;
    this.publisher = publisher;
    this.calendarIds = Set.copyOf(calendarIds);
    this.authn = authn;
    this.bodies = bodies;
    this.clock = clock;
    this.retryAfter = retryAfterSeconds;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/units", this::list);
    routes.put("/api/v1/units/{id}", this::put);
  }

  private void list(Context ctx) {
    requireAdmin(ctx);
    requireLoaded();
    ArrayNode out = JSON.createArrayNode();
    directory.inForce(clock.instant()).forEach(u -> out.add(toJson(u)));
    JsonApiAnswers.json(ctx, 200, out);
  }

  private void put(Context ctx) {
    requireAdmin(ctx);
    String id = ctx.pathParam("id");
    bodies.requireContentType(ctx, "application/json");
    JsonNode body = bodies.parseJson(bodies.read(ctx));
    if (!body.isObject()) {
      throw Problem.invalid(List.of(new FieldError("body", "expected one JSON object")))
          .toException();
    }
    ObjectNode unit = (ObjectNode) body.deepCopy();
    JsonNode given = unit.get("unitId");
    if (given == null || given.isNull()) {
      unit.put("unitId", id);
    } else if (!id.equals(given.asText())) {
      throw Problem.invalid(
              List.of(
                  new FieldError(
                      "unitId",
                      "unitId '"
                          + given.asText()
                          + "' differs from the path's unit id '"
                          + id
                          + "'")))
          .toException();
    }
    if (calendarIds.isEmpty()) {
      throw Problem.unavailable(
              "unit changes need the engine's calendar ids, not configured in this intake",
              retryAfter)
          .toException();
    }
    requireLoaded();
    OrgUnit version;
    try {
      version = UnitDirectoryFile.readOne(unit, directory.versions(), calendarIds);
    } catch (InvalidUnitException e) {
      throw Problem.invalid(
              e.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList())
          .toException();
    }
    try {
      publisher.publish(version);
    } catch (PublishUnavailableException e) {
      throw Problem.unavailable(
              "Kafka did not acknowledge the unit version; retry (the same version replaces"
                  + " itself): "
                  + e.getMessage(),
              retryAfter)
          .toException();
    }
    // Visible to the next read at once (the follower applies the same record again later).
    directory.apply(vn.onestop.schema.OrgUnitKeys.key(version), version);
    JsonApiAnswers.json(ctx, 200, toJson(version));
  }

  private void requireLoaded() {
    if (!directoryLoaded.getAsBoolean()) {
      throw Problem.unavailable("the org-unit directory has not been read yet", retryAfter)
          .toException();
    }
  }

  private void requireAdmin(Context ctx) {
    Access.requireRole(
        authn.require(ctx), "read or change the org-unit directory", java.util.Set.of(Role.ADMIN));
  }

  /**
   * @param u a unit version
   * @return its JSON in the directory file's format
   */
  static ObjectNode toJson(OrgUnit u) {
    ObjectNode n = JSON.createObjectNode();
    n.put("unitId", u.getUnitId());
    n.put("name", u.getName());
    n.put("parentId", u.getParentId());
    n.put("level", u.getLevel());
    n.put("headOfficialId", u.getHead() == null ? null : u.getHead().getOfficialId());
    n.put("headName", u.getHead() == null ? null : u.getHead().getName());
    n.put("headContact", u.getHead() == null ? null : u.getHead().getContact());
    n.put("deputyOfficialId", u.getDeputyOfficialId());
    n.put("calendarId", u.getCalendarId());
    Instant from = u.getValidFrom();
    n.put(
        "validFrom",
        from.equals(Instant.EPOCH)
            ? null
            : LocalDate.ofInstant(from, UnitDirectoryFile.ZONE).toString());
    return n;
  }
}
