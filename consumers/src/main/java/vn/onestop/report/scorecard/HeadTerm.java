package vn.onestop.report.scorecard;

/**
 * A head in office during (part of) a month.
 *
 * @param officialId the head's official id, null for a vacancy
 * @param name the head's name, null for a vacancy
 * @param days calendar days of the month (Asia/Ho_Chi_Minh) on whose 00:00 this head's version of
 *     the unit was in force
 */
public record HeadTerm(String officialId, String name, int days) {}
