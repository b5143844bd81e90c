package vn.onestop.schema.testkit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.Assigned;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Complainant;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Rejected;
import vn.onestop.schema.Reopened;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Resumed;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.Withdrawn;

/**
 * The events of one case as a script (built with {@link TestRecords}, the one test record builder):
 * each event gets the next id ({@code <case>-e1}, {@code -e2}, ...) unless {@link #withId} is used.
 * Times are given as local Asia/Ho_Chi_Minh date-times ("2026-03-02T09:00").
 */
public final class CaseScript {
  /** Local time of every date-time a script is written in. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  /** Name of the complainant put in every Submitted, to check it never leaks. */
  public static final String COMPLAINANT_NAME = "Nguyễn Thị Bí Mật";

  /** Phone of the complainant put in every Submitted. */
  public static final String COMPLAINANT_PHONE = "0912345678";

  private final String caseId;
  private int seq;

  /**
   * @param caseId the case all events belong to
   */
  public CaseScript(String caseId) {
    this.caseId = caseId;
  }

  /**
   * @param local local date-time in Asia/Ho_Chi_Minh, ISO format
   * @return the UTC instant
   */
  public static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(ZONE).toInstant();
  }

  /**
   * @return the case id
   */
  public String caseId() {
    return caseId;
  }

  /**
   * @param at event time
   * @param payload payload
   * @return an envelope with the next event id
   */
  public CaseEvent event(Instant at, Object payload) {
    return withId(caseId + "-e" + (++seq), at, payload);
  }

  /**
   * @param eventId explicit id
   * @param at event time
   * @param payload payload
   * @return the envelope
   */
  public CaseEvent withId(String eventId, Instant at, Object payload) {
    return TestRecords.envelope(caseId, at, payload).setEventId(eventId).build();
  }

  /** Submitted builder pre-filled with a plain complainant (personal data) and unit U-WARD. */
  public static Submitted.Builder submission(Category category, Integer level, String unitId) {
    return TestRecords.submitted(category, unitId)
        .setComplaintLevel(level)
        .setRemoteArea(false)
        .setDescription("Cán bộ một cửa gây phiền hà, đòi tiền bồi dưỡng")
        .setComplainant(
            Complainant.newBuilder()
                .setFullName(COMPLAINANT_NAME)
                .setPhone(COMPLAINANT_PHONE)
                .setCitizenId("001099012345")
                .build())
        .setAttachmentUrls(List.of());
  }

  /**
   * @return Submitted event
   */
  public CaseEvent submitted(String local, Submitted s) {
    return event(at(local), s);
  }

  /**
   * @return a first-level khiếu nại to unit U-WARD
   */
  public CaseEvent submittedKn1(String local) {
    return submitted(local, submission(Category.KHIEU_NAI, 1, "U-WARD").build());
  }

  /**
   * @return a tố cáo with the given complexity to unit U-WARD
   */
  public CaseEvent submittedTc(String local, Complexity c) {
    return submitted(local, submission(Category.TO_CAO, null, "U-WARD").setComplexity(c).build());
  }

  /**
   * @return Accepted (thụ lý) keeping the complexity
   */
  public CaseEvent accepted(String local) {
    return event(
        at(local), Accepted.newBuilder().setDecisionNumber("TL-1").setComplexity(null).build());
  }

  /**
   * @return Accepted reclassifying the complexity
   */
  public CaseEvent accepted(String local, Complexity c) {
    return event(
        at(local), Accepted.newBuilder().setDecisionNumber("TL-1").setComplexity(c).build());
  }

  /**
   * @return Rejected (không thụ lý)
   */
  public CaseEvent rejected(String local) {
    return event(at(local), Rejected.newBuilder().setReason("ngoài thẩm quyền").build());
  }

  /**
   * @return Assigned
   */
  public CaseEvent assigned(String local, String officerId) {
    return event(at(local), Assigned.newBuilder().setOfficerId(officerId).build());
  }

  /**
   * @return Transferred
   */
  public CaseEvent transferred(String local, String toUnit) {
    return event(
        at(local), Transferred.newBuilder().setToUnitId(toUnit).setReason("thẩm quyền").build());
  }

  /**
   * @return Suspended with a decision number (may be blank)
   */
  public CaseEvent suspended(String local, String decision) {
    return event(
        at(local),
        Suspended.newBuilder()
            .setReason("chờ kết quả giám định")
            .setDecisionNumber(decision)
            .build());
  }

  /**
   * @return Resumed
   */
  public CaseEvent resumed(String local) {
    return event(at(local), Resumed.newBuilder().setDecisionNumber("TT-1").build());
  }

  /**
   * @return DeadlineExtended
   */
  public CaseEvent extended(String local, int days, String decision) {
    return event(
        at(local),
        DeadlineExtended.newBuilder()
            .setDays(days)
            .setDecisionNumber(decision)
            .setReason("phức tạp")
            .build());
  }

  /**
   * @return Resolved
   */
  public CaseEvent resolved(String local) {
    return event(at(local), Resolved.newBuilder().setOutcome(Outcome.ANSWERED).build());
  }

  /**
   * @return Reopened
   */
  public CaseEvent reopened(String local) {
    return event(at(local), Reopened.newBuilder().setReason("kết quả chưa đúng").build());
  }

  /**
   * @return Withdrawn
   */
  public CaseEvent withdrawn(String local) {
    return event(at(local), Withdrawn.newBuilder().setReason("đã được giải thích").build());
  }

  /**
   * @return Rated
   */
  public CaseEvent rated(String local, int score) {
    return event(at(local), Rated.newBuilder().setScore(score).build());
  }

  /**
   * @return a ClockTick wrongly addressed to this case
   */
  public CaseEvent tick(String local) {
    return event(at(local), ClockTick.newBuilder().setPartition(0).setTickerId("t").build());
  }
}
