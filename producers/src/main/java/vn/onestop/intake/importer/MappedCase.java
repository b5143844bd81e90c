package vn.onestop.intake.importer;

import java.time.Instant;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Submitted;

/**
 * A row turned into the facts of one case: Submitted at {@code openedAt} and, when the source says
 * so, Resolved at {@code closedAt}.
 *
 * @param sourceId record id in the source system
 * @param caseId case id ({@code <profile>-<sourceId>})
 * @param openedAt receipt time (UTC)
 * @param submitted Submitted payload
 * @param closedAt resolution time (UTC), or null while open; never before openedAt
 * @param resolved Resolved payload, or null while open
 */
public record MappedCase(
    String sourceId,
    String caseId,
    Instant openedAt,
    Submitted submitted,
    Instant closedAt,
    Resolved resolved) {}
