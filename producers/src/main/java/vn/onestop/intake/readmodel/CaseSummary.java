package vn.onestop.intake.readmodel;

import java.time.Instant;

/**
 * What the intake knows about one case from {@code case-events}: enough for Open311 GET requests
 * and for telling known from unknown case ids. No personal data.
 *
 * @param caseId case id
 * @param open true until Resolved, Rejected or Withdrawn (Reopened opens it again)
 * @param category Category symbol
 * @param serviceCode service code, or null
 * @param description submitted text
 * @param address free-text address, or null
 * @param latitude WGS84 latitude, or null
 * @param longitude WGS84 longitude, or null
 * @param unitId current handling unit (follows Transferred)
 * @param requestedAt occurredAt of Submitted
 * @param updatedAt occurredAt of the latest event (for closed cases: the closing time)
 * @param lastEvent simple name of the latest event's payload, e.g. {@code Transferred}
 * @param sourceDueAt due date given by the source system, or null
 * @param mediaUrl first attachment URL, or null
 * @param partition partition of case-events holding the case
 * @param offset offset of the latest applied event
 */
public record CaseSummary(
    String caseId,
    boolean open,
    String category,
    String serviceCode,
    String description,
    String address,
    Double latitude,
    Double longitude,
    String unitId,
    Instant requestedAt,
    Instant updatedAt,
    String lastEvent,
    Instant sourceDueAt,
    String mediaUrl,
    int partition,
    long offset) {}
