package vn.onestop.intake.jsonapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import vn.onestop.intake.ids.TrackingCodes;
import vn.onestop.intake.status.CaseStatusDetails;
import vn.onestop.intake.status.CaseStatusView;

/**
 * JSON of a case's status: the officer's view ({@link #officer}, {@code GET /api/v1/cases/{id}})
 * and the public, privacy-safe view ({@link #tracking}, {@code GET /api/v1/track/{code}}).
 *
 * <p>Due dates are shown twice ({@link #due}): the UTC instant the clock expires, and the last day
 * of the period in Asia/Ho_Chi_Minh. A period counted in days expires at 00:00 local of the day
 * after its last day (Civil Code arts. 147–148: the period ends at the end of its last day); a
 * person is told "end of day D" ({@code hết ngày D}), never "00:00 of D+1". A period counted in
 * working hours expires at a time of day, shown as that local time.
 */
public final class StatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

  private StatusJson() {}

  /**
   * The officer's view: everything the engine knows, no personal data.
   *
   * @param v the engine's view
   * @param zone local zone of the last day (Asia/Ho_Chi_Minh)
   * @return {@code caseId, trackingCode, state, legalStep, accepted, category, complaintLevel,
   *     complexity, policyId, legalBasis, unitId, officerId, activeClock, suspended, receivedAt,
   *     acceptedAt, acceptanceDue{..}, resolutionDue{..}, dueAt, acceptanceDueAt, resolutionDueAt,
   *     outcome, resolvedAt, closedAt, escalationLevel, nextAlertAt, decisions[], lastRefusal}
   */
  public static ObjectNode officer(CaseStatusView v, ZoneId zone) {
    CaseStatusDetails d = v.details();
    ObjectNode n = JSON.createObjectNode();
    n.put("caseId", v.caseId());
    n.put("trackingCode", TrackingCodes.forCase(v.caseId()));
    n.put("state", v.state());
    n.put("legalStep", d.legalStep());
    n.put("accepted", d.acceptedAt() != null);
    n.put("category", v.category());
    n.put("complaintLevel", d.complaintLevel());
    n.put("complexity", d.complexity());
    n.put("policyId", d.policyId());
    n.put("legalBasis", d.legalBasis());
    n.put("unitId", v.unitId());
    n.put("officerId", d.officerId());
    n.put("activeClock", v.activeClock());
    n.put("suspended", v.suspended());
    n.put("receivedAt", iso(d.receivedAt()));
    n.put("acceptedAt", iso(d.acceptedAt()));
    n.set("acceptanceDue", due(v.acceptanceDueAt(), zone));
    n.set("resolutionDue", due(v.resolutionDueAt(), zone));
    n.put("dueAt", iso(v.dueAt()));
    n.put("acceptanceDueAt", iso(v.acceptanceDueAt()));
    n.put("resolutionDueAt", iso(v.resolutionDueAt()));
    n.put("outcome", d.outcome());
    n.put("resolvedAt", iso(d.resolvedAt()));
    n.put("closedAt", iso(d.closedAt()));
    n.put("escalationLevel", v.escalationLevel());
    n.put("nextAlertAt", iso(d.nextAlertAt()));
    n.set("decisions", decisions(d));
    CaseStatusDetails.Refusal r = d.lastRefusal();
    if (r == null) {
      n.putNull("lastRefusal");
    } else {
      n.putObject("lastRefusal")
          .put("eventId", r.eventId())
          .put("action", r.action())
          .put("reason", r.reason())
          .put("occurredAt", iso(r.occurredAt()));
    }
    return n;
  }

  /**
   * The public view of a case found by its tracking code: service, status, dates, unit, legal step,
   * due dates and clock decisions; never the description, location, identity, officer or the
   * engine's refusal texts.
   *
   * @param trackingCode the code asked for
   * @param serviceCode the service code filed, or null
   * @param v the engine's view
   * @param zone local zone of the last day
   * @return {@code trackingCode, serviceCode, category, state, legalStep, unitId, receivedAt,
   *     acceptedAt, acceptanceDue{..}, resolutionDue{..}, suspended, outcome, resolvedAt, closedAt,
   *     decisions[]}
   */
  public static ObjectNode tracking(
      String trackingCode, String serviceCode, CaseStatusView v, ZoneId zone) {
    CaseStatusDetails d = v.details();
    ObjectNode n = JSON.createObjectNode();
    n.put("trackingCode", trackingCode);
    n.put("serviceCode", serviceCode);
    n.put("category", v.category());
    n.put("state", v.state());
    n.put("legalStep", d.legalStep());
    n.put("unitId", v.unitId());
    n.put("receivedAt", iso(d.receivedAt()));
    n.put("acceptedAt", iso(d.acceptedAt()));
    n.set("acceptanceDue", due(v.acceptanceDueAt(), zone));
    n.set("resolutionDue", due(v.resolutionDueAt(), zone));
    n.put("suspended", v.suspended());
    n.put("outcome", d.outcome());
    n.put("resolvedAt", iso(d.resolvedAt()));
    n.put("closedAt", iso(d.closedAt()));
    n.set("decisions", decisions(d));
    return n;
  }

  /**
   * @param due a due instant, or null
   * @param zone local zone
   * @return null, or {@code {"utc": "2026-03-16T17:00:00Z", "lastDay": "2026-03-16", "endOfDay":
   *     true, "local": "hết ngày 16/03/2026"}}; for a due time inside a day {@code endOfDay} is
   *     false and {@code local} is e.g. {@code 14:30 16/03/2026}
   */
  public static ObjectNode due(Instant due, ZoneId zone) {
    if (due == null) {
      return null;
    }
    ZonedDateTime local = due.atZone(zone);
    boolean endOfDay = local.toLocalTime().equals(LocalTime.MIDNIGHT);
    LocalDate lastDay = endOfDay ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    ObjectNode n = JSON.createObjectNode();
    n.put("utc", due.toString());
    n.put("lastDay", lastDay.toString());
    n.put("endOfDay", endOfDay);
    n.put("local", endOfDay ? "hết ngày " + DAY.format(lastDay) : TIME.format(local));
    return n;
  }

  private static ArrayNode decisions(CaseStatusDetails d) {
    ArrayNode a = JSON.createArrayNode();
    for (CaseStatusDetails.ClockDecision c : d.decisions()) {
      ObjectNode x =
          a.addObject()
              .put("kind", c.kind())
              .put("decisionNumber", c.decisionNumber())
              .put("decidedAt", iso(c.decidedAt()));
      if (c.days() != null) {
        x.put("days", c.days());
      }
    }
    return a;
  }

  private static String iso(Instant i) {
    return i == null ? null : i.toString();
  }
}
