package vn.onestop.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * Validation of the cockpit's acknowledge and snooze request bodies (JSON), free of Kafka and of
 * the generated Avro classes. Each rule lives here once; a violation is an {@link
 * InvalidAckException} naming the field.
 *
 * <p>Acknowledge: {@code {}} or {@code {"alertId": "..."}} — the id of the alert the caller saw
 * (the page sends the one it shows, so an escalation that arrived meanwhile is not acknowledged
 * unseen). Snooze: {@code {"until": "2026-03-05T10:00:00Z", "reason": "..."}} — {@code until} an
 * ISO-8601 instant with {@code Z} or an offset, strictly after now and at most {@link #MAX_SNOOZE}
 * later; {@code reason} 1–{@link #MAX_REASON} characters (Unicode code points, after trimming), no
 * control characters other than line breaks and tabs. Any other member (e.g. {@code actor}: the
 * actor is always the authenticated principal) is refused.
 *
 * <p>Neither request touches a legal clock: the SLA engine never reads what they write
 * (docs/design.md, Acknowledgements).
 */
public final class AckRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest snooze: a week, so that a snoozed case comes back to the head's attention. */
  public static final Duration MAX_SNOOZE = Duration.ofDays(7);

  /** Longest reason, in Unicode code points. */
  public static final int MAX_REASON = 500;

  private AckRequests() {}

  /** A validated request. */
  public sealed interface AckRequest permits Acknowledge, Snooze {}

  /**
   * Acknowledge the case's latest alert.
   *
   * @param alertId the alert the caller saw, or null for "the latest alert"
   */
  public record Acknowledge(String alertId) implements AckRequest {}

  /**
   * Snooze the case on the cockpit.
   *
   * @param until UTC instant until which the case shows as snoozed
   * @param reason the official's reason, trimmed
   */
  public record Snooze(Instant until, String reason) implements AckRequest {}

  /** A request body that breaks a rule; {@link #field()} names the member. */
  public static final class InvalidAckException extends RuntimeException {
    private final String field;

    /**
     * @param field the body member (or {@code body} for the whole body)
     * @param problem what is wrong, never quoting the reason text
     */
    public InvalidAckException(String field, String problem) {
      super(field + ": " + problem);
      this.field = field;
    }

    /**
     * @return the body member that is wrong
     */
    public String field() {
      return field;
    }
  }

  /**
   * @param body the request body (empty or blank counts as {@code {}})
   * @return the acknowledgement request
   * @throws InvalidAckException naming the bad member
   */
  public static Acknowledge acknowledge(String body) {
    JsonNode n = object(body);
    onlyMembers(n, Set.of("alertId"));
    JsonNode id = n.get("alertId");
    if (id == null || id.isNull()) {
      return new Acknowledge(null);
    }
    if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 200) {
      throw new InvalidAckException("alertId", "expected the id of an alert (a string)");
    }
    return new Acknowledge(id.asText().trim());
  }

  /**
   * @param body the request body
   * @param now the current instant (UTC)
   * @return the snooze request
   * @throws InvalidAckException naming the bad member
   */
  public static Snooze snooze(String body, Instant now) {
    JsonNode n = object(body);
    onlyMembers(n, Set.of("until", "reason"));
    JsonNode u = n.get("until");
    if (u == null || u.isNull()) {
      throw new InvalidAckException(
          "until", "required: an ISO-8601 instant, e.g. 2026-03-05T10:00:00Z");
    }
    if (!u.isTextual()) {
      throw new InvalidAckException("until", "expected an ISO-8601 instant as a string");
    }
    Instant until;
    try {
      until = OffsetDateTime.parse(u.asText().trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidAckException(
          "until",
          "expected an ISO-8601 instant with Z or an offset, e.g. 2026-03-05T10:00:00Z or"
              + " 2026-03-05T17:00:00+07:00");
    }
    if (!until.isAfter(now)) {
      throw new InvalidAckException("until", "must be in the future (now is " + now + ")");
    }
    if (until.isAfter(now.plus(MAX_SNOOZE))) {
      throw new InvalidAckException(
          "until",
          "at most " + MAX_SNOOZE.toDays() + " days ahead (until " + now.plus(MAX_SNOOZE) + ")");
    }
    JsonNode r = n.get("reason");
    if (r == null || r.isNull()) {
      throw new InvalidAckException(
          "reason", "required: why the case is set aside (1-" + MAX_REASON + " characters)");
    }
    if (!r.isTextual()) {
      throw new InvalidAckException("reason", "expected a string");
    }
    String reason = r.asText().strip();
    int length = reason.codePointCount(0, reason.length());
    if (length == 0) {
      throw new InvalidAckException("reason", "must not be blank");
    }
    if (length > MAX_REASON) {
      throw new InvalidAckException(
          "reason", "at most " + MAX_REASON + " characters, got " + length);
    }
    if (reason
        .codePoints()
        .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
      throw new InvalidAckException("reason", "must not contain control characters");
    }
    return new Snooze(until, reason);
  }

  private static JsonNode object(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new InvalidAckException("body", "not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw new InvalidAckException("body", "expected a JSON object");
    }
    return n;
  }

  private static void onlyMembers(JsonNode n, Set<String> allowed) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        String safe = f.replaceAll("[^\\p{L}\\p{N}._-]", "?");
        throw new InvalidAckException(
            safe,
            f.equals("actor") || f.equals("actorId") || f.equals("by")
                ? "not accepted: the actor is the authenticated principal"
                : "unknown member; expected "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }
}
