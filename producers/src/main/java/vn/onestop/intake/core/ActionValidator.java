package vn.onestop.intake.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.Actor;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.Assigned;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Rejected;
import vn.onestop.schema.Reopened;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Resumed;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.Withdrawn;

/**
 * Checks the shape of a {@code POST /api/v1/cases/{id}/actions} body and names every bad field.
 * Whether the action is legal in the case's state is decided by the SLA engine, which routes an
 * impossible event to {@code case-events-rejected}; this class only checks fields.
 *
 * <p>Body: {@code action} plus its fields, and optionally the actor ({@code officialId}, {@code
 * unitId}, {@code role}):
 *
 * <ul>
 *   <li>{@code accept}: decisionNumber?, complexity? (thụ lý)
 *   <li>{@code reject}: reason (không thụ lý)
 *   <li>{@code assign}: officerId
 *   <li>{@code transfer}: toUnitId, reason?
 *   <li>{@code suspend}: reason, decisionNumber (tạm đình chỉ, Luật Tố cáo 2018 Art. 34)
 *   <li>{@code resume}: decisionNumber?
 *   <li>{@code extend}: decisionNumber, days (1–365 calendar days; the legal cap per category, e.g.
 *       30 for tố cáo under Luật Tố cáo 2018 Art. 30, is the engine's rule), reason?
 *   <li>{@code resolve}: outcome (UPHELD, PARTIALLY_UPHELD, DISMISSED, ANSWERED, FIXED, NO_ACTION,
 *       OTHER), note?
 *   <li>{@code reopen}: reason
 *   <li>{@code withdraw}: reason? (rút đơn, Luật Khiếu nại 2011 Art. 10)
 *   <li>{@code rate}: score (1–5), comment?
 * </ul>
 *
 * Text fields are at most 1000 characters; decision numbers at most 64.
 */
public final class ActionValidator {
  private static final Set<String> ACTOR_FIELDS = Set.of("action", "officialId", "unitId", "role");
  private static final Map<String, Set<String>> ACTION_FIELDS =
      Map.ofEntries(
          Map.entry("accept", Set.of("decisionNumber", "complexity")),
          Map.entry("reject", Set.of("reason")),
          Map.entry("assign", Set.of("officerId")),
          Map.entry("transfer", Set.of("toUnitId", "reason")),
          Map.entry("suspend", Set.of("reason", "decisionNumber")),
          Map.entry("resume", Set.of("decisionNumber")),
          Map.entry("extend", Set.of("decisionNumber", "days", "reason")),
          Map.entry("resolve", Set.of("outcome", "note")),
          Map.entry("reopen", Set.of("reason")),
          Map.entry("withdraw", Set.of("reason")),
          Map.entry("rate", Set.of("score", "comment")));
  private static final int TEXT = 1000;

  /**
   * @return the action names this validator accepts
   */
  public static Set<String> actions() {
    return ACTION_FIELDS.keySet();
  }

  /**
   * @param body parsed JSON body
   * @return the command
   * @throws InvalidFieldsException naming every invalid field (the HTTP channels answer 400)
   */
  public ActionCommand validate(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidFieldsException(List.of(new FieldError("$", "body must be a JSON object")));
    }
    List<FieldError> errors = new ArrayList<>();
    JsonFields f = JsonFields.root(body, errors);
    String action = f.text("action", true, 32);
    Set<String> own = action == null ? null : ACTION_FIELDS.get(action);
    if (action != null && own == null) {
      f.error(
          "action",
          "must be one of " + String.join(", ", new java.util.TreeSet<>(ACTION_FIELDS.keySet())));
    }
    if (own != null) {
      Set<String> allowed = new HashSet<>(ACTOR_FIELDS);
      allowed.addAll(own);
      f.rejectUnknown(allowed);
    }
    String officialId = f.id("officialId", false);
    String unitId = f.unitId("unitId", false);
    ActorRole role =
        f.enumValue(
            "role", false, ActorRole.class, EnumSet.complementOf(EnumSet.of(ActorRole.UNKNOWN)));
    SpecificRecord payload = own == null ? null : payload(action, f);
    if (!errors.isEmpty()) {
      throw new InvalidFieldsException(errors);
    }
    if (role == null) {
      role =
          action.equals("rate") || action.equals("withdraw")
              ? ActorRole.CITIZEN
              : ActorRole.CASE_OFFICER;
    }
    if (role == ActorRole.CITIZEN) {
      officialId = null; // a citizen actor carries no id (Actor contract)
    }
    return new ActionCommand(action, payload, new Actor(role, officialId, unitId));
  }

  private static SpecificRecord payload(String action, JsonFields f) {
    switch (action) {
      case "accept":
        return new Accepted(
            f.text("decisionNumber", false, 64),
            f.enumValue("complexity", false, Complexity.class, EnumSet.allOf(Complexity.class)));
      case "reject":
        return new Rejected(f.text("reason", true, TEXT));
      case "assign":
        return new Assigned(f.id("officerId", true));
      case "transfer":
        return new Transferred(f.unitId("toUnitId", true), f.text("reason", false, TEXT));
      case "suspend":
        return new Suspended(f.text("reason", true, TEXT), f.text("decisionNumber", true, 64));
      case "resume":
        return new Resumed(f.text("decisionNumber", false, 64));
      case "extend":
        String decision = f.text("decisionNumber", true, 64);
        Integer days = f.integer("days", true, 1, 365);
        return new DeadlineExtended(
            decision, days == null ? 0 : days, f.text("reason", false, TEXT));
      case "resolve":
        return new Resolved(
            f.enumValue("outcome", true, Outcome.class, EnumSet.allOf(Outcome.class)),
            f.text("note", false, TEXT));
      case "reopen":
        return new Reopened(f.text("reason", true, TEXT));
      case "withdraw":
        return new Withdrawn(f.text("reason", false, TEXT));
      case "rate":
        Integer score = f.integer("score", true, 1, 5);
        return new Rated(score == null ? 0 : score, f.text("comment", false, TEXT));
      default:
        throw new IllegalArgumentException(action);
    }
  }
}
