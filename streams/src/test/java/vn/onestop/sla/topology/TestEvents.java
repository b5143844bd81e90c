package vn.onestop.sla.topology;

import java.time.Instant;
import java.util.List;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitHead;

/** Builders of the events and org units the topology tests write. Shared by tests and ITs. */
public final class TestEvents {
  /** Handling unit of the test cases. */
  public static final String UNIT = "ubnd-phuong-hoan-kiem";

  /** Parent unit. */
  public static final String PARENT = "ubnd-quan-hoan-kiem";

  /** Top unit. */
  public static final String TOP = "thanh-tra-thanh-pho";

  private TestEvents() {}

  /**
   * An imported service request whose due date the source provides (SOURCE_PROVIDED policy).
   *
   * @param eventId event id
   * @param caseId case id
   * @param at receipt instant (also the record timestamp)
   * @param due source-provided due instant
   * @return the event
   */
  public static CaseEvent submittedWithSourceDue(
      String eventId, String caseId, Instant at, Instant due) {
    return submittedWithSourceDue(eventId, caseId, at, due, UNIT);
  }

  /**
   * As {@link #submittedWithSourceDue(String, String, Instant, Instant)} for another handling unit.
   *
   * @param eventId event id
   * @param caseId case id
   * @param at receipt instant
   * @param due source-provided due instant
   * @param unitId handling unit
   * @return the event
   */
  public static CaseEvent submittedWithSourceDue(
      String eventId, String caseId, Instant at, Instant due, String unitId) {
    Submitted s =
        Submitted.newBuilder()
            .setCategory(Category.SERVICE_REQUEST)
            .setComplexity(Complexity.NORMAL)
            .setChannel(Channel.INTEGRATION)
            .setUnitId(unitId)
            .setDescription("Đường phố bị ngập sau mưa, đề nghị xử lý")
            .setSourceRecordId("SRC-" + caseId)
            .setSourceDueAt(due)
            .build();
    return envelope(eventId, caseId, at, "hotline-import:test", s);
  }

  /**
   * A feedback (phản ánh) case under an explicit policy, e.g. {@code TEST-SECONDS} or {@code
   * TEST-WORKING-HOURS}, or under the default policy for its filing date when null.
   *
   * @param eventId event id
   * @param caseId case id
   * @param at receipt instant
   * @param policyId explicit policy id, or null
   * @return the event
   */
  public static CaseEvent submittedFeedback(
      String eventId, String caseId, Instant at, String policyId) {
    Submitted s =
        Submitted.newBuilder()
            .setCategory(Category.PHAN_ANH)
            .setComplexity(Complexity.NORMAL)
            .setChannel(Channel.WEB)
            .setUnitId(UNIT)
            .setDescription(
                "Cán bộ một cửa gây khó khăn, yêu cầu nộp thêm giấy tờ không có trong quy định")
            .setPolicyId(policyId)
            .build();
    return envelope(eventId, caseId, at, "web-intake", s);
  }

  /**
   * @param eventId event id
   * @param caseId case id
   * @param at thụ lý instant
   * @return an Accepted event
   */
  public static CaseEvent accepted(String eventId, String caseId, Instant at) {
    return envelope(
        eventId,
        caseId,
        at,
        "officer-actions",
        Accepted.newBuilder().setDecisionNumber("TL-" + caseId).setComplexity(null).build());
  }

  /**
   * @param eventId event id
   * @param caseId case id
   * @param at resolution instant
   * @return a Resolved event
   */
  public static CaseEvent resolved(String eventId, String caseId, Instant at) {
    return envelope(
        eventId,
        caseId,
        at,
        "officer-actions",
        Resolved.newBuilder().setOutcome(Outcome.FIXED).setNote("Đã khắc phục").build());
  }

  /**
   * @param at tick instant
   * @param partition partition it is written to
   * @return a ClockTick event (key and caseId {@value Topics#CLOCK_KEY})
   */
  public static CaseEvent tick(Instant at, int partition) {
    return envelope(
        "tick-" + partition + "-" + at.toEpochMilli(),
        Topics.CLOCK_KEY,
        at,
        "clock-ticker",
        ClockTick.newBuilder().setPartition(partition).setTickerId("test-ticker").build());
  }

  /**
   * @param eventId event id
   * @param caseId case id
   * @param at occurred-at instant
   * @param source writer
   * @param payload payload record
   * @return the envelope
   */
  public static CaseEvent envelope(
      String eventId, String caseId, Instant at, String source, Object payload) {
    return CaseEvent.newBuilder()
        .setEventId(eventId)
        .setCaseId(caseId)
        .setOccurredAt(at)
        .setRecordedAt(at)
        .setSourceSystem(source)
        .setActor(null)
        .setPayload(payload)
        .build();
  }

  /**
   * @return a three-level org chart: ward → district → city inspectorate, each with a head
   */
  public static List<OrgUnit> orgChart() {
    return List.of(
        unit(TOP, "Thanh tra thành phố Hà Nội", null, 0, "head-top"),
        unit(PARENT, "UBND quận Hoàn Kiếm", TOP, 1, "head-parent"),
        unit(UNIT, "UBND phường Hoàn Kiếm", PARENT, 2, "head-unit"));
  }

  private static OrgUnit unit(String id, String name, String parent, int level, String head) {
    return OrgUnit.newBuilder()
        .setUnitId(id)
        .setName(name)
        .setParentId(parent)
        .setLevel(level)
        .setHead(
            UnitHead.newBuilder()
                .setOfficialId(head)
                .setName("Trưởng " + name)
                .setContact(null)
                .build())
        .build();
  }
}
