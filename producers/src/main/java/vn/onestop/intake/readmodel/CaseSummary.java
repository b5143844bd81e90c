package vn.onestop.intake.readmodel;

import java.time.Instant;

/**
 * What the intake keeps about one case from {@code case-events}: what was filed (the SLA engine
 * does not hold descriptions or locations), the Open311 listing keys and the case's place in the
 * log. No status: open/closed, the handling unit and due dates are the SLA engine's ({@code
 * vn.onestop.intake.status.CaseStatusLookup}), which knows which actions it refused. No personal
 * data, and only public content: for a khiếu nại or tố cáo, and for a phản ánh / kiến nghị whose
 * submitter asked that its content stay private ({@code Submitted.publicContent = false}), the
 * description, address, coordinates and attachment are not kept at all ({@link #contentPublic()}
 * false), so no public read can show them.
 *
 * @param caseId case id
 * @param category Category symbol as filed
 * @param serviceCode service code, or null
 * @param description submitted text; null when the content is not public
 * @param address free-text address, or null (always null when the content is not public)
 * @param latitude WGS84 latitude, or null (always null when the content is not public)
 * @param longitude WGS84 longitude, or null (always null when the content is not public)
 * @param submittedUnitId the unit named at submission (a transfer moves the case; the engine knows
 *     where it is now)
 * @param requestedAt occurredAt of Submitted (UTC)
 * @param updatedAt occurredAt of the latest event in the log for this case (UTC), refused ones
 *     included
 * @param sourceDueAt due date given by the source system (UTC), or null
 * @param mediaUrl first attachment URL, or null (always null when the content is not public)
 * @param partition partition of case-events holding the case
 * @param offset offset of the latest applied event
 * @param submittedEventId event id of the case's Submitted event (with an Idempotency-Key it is
 *     derived from the body hash, so a retry after a restart is told apart from a different body)
 * @param trackingCode the code given to the citizen ({@code Submitted.trackingCode}), or null for
 *     imports without one
 * @param contentPublic whether description, location and attachment may be shown publicly
 */
public record CaseSummary(
    String caseId,
    String category,
    String serviceCode,
    String description,
    String address,
    Double latitude,
    Double longitude,
    String submittedUnitId,
    Instant requestedAt,
    Instant updatedAt,
    Instant sourceDueAt,
    String mediaUrl,
    int partition,
    long offset,
    String submittedEventId,
    String trackingCode,
    boolean contentPublic) {}
