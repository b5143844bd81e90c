package vn.onestop.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a case history: an event or an alert.
 *
 * @param at UTC instant (event: occurredAt; alert: decidedAt)
 * @param kind {@code EVENT}, {@code ALERT} or {@code ACK} (an acknowledgement or snooze)
 * @param type payload name (Submitted, Accepted, …) or alert kind (WARNING, BREACH, ESCALATION)
 * @param id eventId, alertId or ackId
 * @param fields the remaining fields, without personal data (see {@link RecordJson})
 * @param partition source partition (orders equal instants)
 * @param offset source offset
 */
public record HistoryEntry(
    Instant at,
    String kind,
    String type,
    String id,
    Map<String, Object> fields,
    int partition,
    long offset) {}
