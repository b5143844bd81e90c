package vn.onestop.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import vn.onestop.access.AccessDeniedException;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.schema.Acknowledged;
import vn.onestop.schema.CaseAcknowledgement;
import vn.onestop.schema.Snoozed;

/**
 * The cockpit's write side (docs/access.md, Acknowledge and snooze):
 *
 * <ul>
 *   <li>{@code POST /supervisor/cases/{id}/acknowledge}, body {@code {}} or {@code {"alertId":
 *       "..."}} — records that the caller saw the case's latest alert.
 *   <li>{@code POST /supervisor/cases/{id}/snooze}, body {@code {"until": ISO-8601 instant,
 *       "reason": "1-500 characters"}} — shows the case as snoozed until then (at most 7 days). The
 *       case still escalates: nothing here reaches the SLA engine.
 * </ul>
 *
 * Caller: the cockpit's credentials (SUPERVISOR or UNIT_HEAD with a unit scope, as {@code GET
 * /supervisor/cases}); the actor of the record is always the authenticated principal, its role
 * UNIT_HEAD when it holds it, else SUPERVISOR. Answers (problem+json on error): 201 with the record
 * once Kafka acknowledged it ({@code acks=all}); 200 with the earlier record for a repeated {@code
 * Idempotency-Key} (1–255 visible ASCII characters, scoped to caller, case and action, as the
 * intake's); 404 when the case is not an open case of the cockpit (no alert in the recent window,
 * or resolved/withdrawn since); 403 naming {@code unit} when the case's units are outside the
 * caller's scope (the unit itself is not named); 400 naming the body member ({@link AckRequests});
 * 409 naming {@code alertId} when the case has a newer alert than the one acknowledged, or {@code
 * Idempotency-Key} reused with another body; 503 with {@code Retry-After} when Kafka did not
 * acknowledge (retry with the same key). A snooze reason is never logged nor put in an error.
 */
public final class AckRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final String ACKNOWLEDGE = "acknowledge";
  private static final String SNOOZE = "snooze";

  private final Function<Context, Principal> authenticate;
  private final CaseBoard board;
  private final AlertScope scope;
  private final Acknowledgements acks;
  private final Clock clock;
  private volatile AckWriter writer;

  /**
   * @param authenticate the cockpit's authentication (401/403 as problem+json)
   * @param board the open cases
   * @param scope who sees which case
   * @param acks the latest acknowledgements, updated once a write is acknowledged
   * @param clock source of {@code occurredAt} and of "now" for a snooze's bounds
   */
  public AckRoutes(
      Function<Context, Principal> authenticate,
      CaseBoard board,
      AlertScope scope,
      Acknowledgements acks,
      Clock clock) {
    this.authenticate = authenticate;
    this.board = board;
    this.scope = scope;
    this.acks = acks;
    this.clock = clock;
  }

  /**
   * @param w where records go; until set, the routes answer 503
   */
  public void writer(AckWriter w) {
    this.writer = w;
  }

  /**
   * Handles {@code POST /supervisor/cases/{id}/acknowledge}.
   *
   * @param ctx the request
   */
  public void acknowledge(Context ctx) {
    handle(ctx, ACKNOWLEDGE);
  }

  /**
   * Handles {@code POST /supervisor/cases/{id}/snooze}.
   *
   * @param ctx the request
   */
  public void snooze(Context ctx) {
    handle(ctx, SNOOZE);
  }

  private void handle(Context ctx, String action) {
    Principal p = authenticate.apply(ctx);
    String caseId = ctx.pathParam("id");
    String key = idempotencyKey(ctx);
    CaseBoard.LatestAlert latest =
        board
            .latestOpen(caseId)
            .orElseThrow(
                () ->
                    new FeedProblem(
                        404,
                        "Not Found",
                        "no open case '"
                            + safe(caseId)
                            + "' on the cockpit (unknown, no alert in the recent window, or"
                            + " resolved or withdrawn)"));
    if (!scope.visible(p, latest.unitId(), latest.recipientUnitId())) {
      throw new FeedProblem(
          403,
          "Forbidden",
          "case '" + safe(caseId) + "' is handled outside the scope of principal " + p.id(),
          AccessDeniedException.UNIT);
    }
    Instant now = clock.instant();
    Object payload;
    try {
      if (ACKNOWLEDGE.equals(action)) {
        AckRequests.Acknowledge a = AckRequests.acknowledge(ctx.body());
        String latestId = latest.alertId();
        if (a.alertId() != null && !a.alertId().equals(latestId)) {
          throw new FeedProblem(
              409,
              "Conflict",
              "alertId: the case's latest alert is now "
                  + latestId
                  + " (level "
                  + latest.level()
                  + "); reload the page and acknowledge what it shows",
              "alertId");
        }
        payload = new Acknowledged(latestId, latest.level(), latest.kind());
      } else {
        AckRequests.Snooze s = AckRequests.snooze(ctx.body(), now);
        payload = new Snoozed(s.until(), s.reason());
      }
    } catch (AckRequests.InvalidAckException e) {
      throw new FeedProblem(400, "Bad Request", e.getMessage(), e.field());
    }
    String ackId = key == null ? UUID.randomUUID().toString() : scopedId(p, caseId, action, key);
    if (key != null) {
      Optional<CaseAcknowledgement> earlier = acks.byId(ackId);
      if (earlier.isPresent()) {
        // Acknowledged carries the latest alert: a retry after a new escalation is another body.
        if (!Objects.equals(earlier.get().getAction(), payload)) {
          throw new FeedProblem(
              409,
              "Conflict",
              "Idempotency-Key was already used for another " + action + " of this case",
              "Idempotency-Key");
        }
        answer(ctx, 200, earlier.get(), null);
        return;
      }
    }
    CaseAcknowledgement record =
        CaseAcknowledgement.newBuilder()
            .setAckId(ackId)
            .setCaseId(caseId)
            .setUnitId(latest.unitId())
            .setActorId(p.id())
            .setActorRole(
                p.hasAny(java.util.EnumSet.of(Role.UNIT_HEAD)) ? "UNIT_HEAD" : "SUPERVISOR")
            .setOccurredAt(now)
            .setAction(payload)
            .build();
    AckWriter w = writer;
    if (w == null) {
      throw new FeedProblem(
          503, "Service Unavailable", "acknowledgements are not enabled on this feed", 30);
    }
    String where;
    try {
      where = w.write(record);
    } catch (AckWriter.AckWriteException e) {
      throw new FeedProblem(
          503,
          "Service Unavailable",
          e.getMessage() + "; retry with the same Idempotency-Key",
          null,
          5);
    }
    acks.apply(record);
    answer(ctx, 201, record, where);
  }

  private static void answer(Context ctx, int status, CaseAcknowledgement r, String where) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ackId", r.getAckId());
    m.put("caseId", r.getCaseId());
    m.put("unitId", r.getUnitId());
    m.put("actorId", r.getActorId());
    m.put("actorRole", r.getActorRole());
    m.put("occurredAt", r.getOccurredAt().toString());
    m.put("occurredAtLocal", AlertView.local(r.getOccurredAt()));
    if (r.getAction() instanceof Acknowledged k) {
      m.put("action", "ACKNOWLEDGED");
      m.put("alertId", k.getAlertId());
      m.put("alertLevel", k.getAlertLevel());
      m.put("alertKind", k.getAlertKind());
    } else if (r.getAction() instanceof Snoozed z) {
      m.put("action", "SNOOZED");
      m.put("until", z.getUntil().toString());
      m.put("untilLocal", AlertView.local(z.getUntil()));
      m.put("reason", z.getReason());
    }
    if (where != null) {
      m.put("written", where);
    }
    m.put(
        "note",
        "recorded for the audit history; the legal clock keeps running and alerts still go out");
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String idempotencyKey(Context ctx) {
    String key = ctx.header("Idempotency-Key");
    if (key == null) {
      return null;
    }
    if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
      throw new FeedProblem(
          400,
          "Bad Request",
          "Idempotency-Key: must be 1-255 visible ASCII characters",
          "Idempotency-Key");
    }
    return key;
  }

  /**
   * The record id of a request with an Idempotency-Key: SHA-256 of caller, case, action and key
   * (the key itself is never stored), so a retry after a restart finds the same record.
   */
  static String scopedId(Principal p, String caseId, String action, String key) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] h =
          d.digest(String.join("\n", p.id(), caseId, action, key).getBytes(StandardCharsets.UTF_8));
      return "ack-" + HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String safe(String s) {
    return s.replaceAll("[^\\p{L}\\p{N}._-]", "?");
  }
}
