package vn.onestop.schema.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.Actor;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.Assigned;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.ClockKind;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Complainant;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.EncryptedIdentity;
import vn.onestop.schema.IdentityRevealed;
import vn.onestop.schema.Location;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Rejected;
import vn.onestop.schema.Reopened;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Resumed;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Topics;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.UnitHead;
import vn.onestop.schema.Withdrawn;

/**
 * The one builder of test records for every module (the schemas test-jar): case events with their
 * envelope, payloads with the fields the contract requires, clock ticks, alerts and org units, and
 * samples with every optional field set, carrying Vietnamese text.
 *
 * <p>Defaults: instants are whole milliseconds (timestamp-millis keeps no more); {@code recordedAt
 * = occurredAt}; event ids are derived from (case id, payload type, instant), so building the same
 * event twice gives the same id; enums the contract requires are set (an unset enum default trips
 * Avro 1.12's class checks). Methods returning an Avro {@code Builder} let a test change any field.
 */
public final class TestRecords {
  /** The text the issue names; must round-trip byte-exact. */
  public static final String VIETNAMESE = "Phản ánh về nhũng nhiễu tại bộ phận một cửa";

  private static final Instant T0 = Instant.parse("2026-03-02T01:30:00.123Z");

  private TestRecords() {}

  /**
   * @return a fresh case id, so tests sharing a broker do not see each other's events
   */
  public static String newCaseId() {
    return "HCM-" + UUID.randomUUID();
  }

  /**
   * @return a Submitted payload with every optional field set
   */
  public static Submitted fullSubmitted() {
    return Submitted.newBuilder()
        .setCategory(Category.PHAN_ANH)
        .setComplaintLevel(2)
        .setComplexity(Complexity.COMPLEX)
        .setRemoteArea(true)
        .setChannel(Channel.IN_PERSON)
        .setUnitId("ubnd-phuong-ben-nghe")
        .setServiceCode("HANH_CHINH_CONG")
        .setTitle("Nhũng nhiễu tại một cửa")
        .setDescription(VIETNAMESE)
        .setLocation(
            Location.newBuilder()
                .setAddress("Số 1 Lê Duẩn, phường Bến Nghé, Quận 1, TP. Hồ Chí Minh")
                .setLatitude(10.7797855)
                .setLongitude(106.6990189)
                .build())
        .setComplainant(
            Complainant.newBuilder()
                .setFullName("Nguyễn Thị Ánh Tuyết")
                .setPhone("+84 28 3829 1234")
                .setEmail("tuyet.nguyen@example.vn")
                .setCitizenId("079190001234")
                .setAddress("12 Đường Đồng Khởi, Quận 1")
                .build())
        .setEncryptedIdentity(
            EncryptedIdentity.newBuilder()
                .setKeyId("key-2026-01")
                .setNonce(
                    ByteBuffer.wrap(
                        new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, (byte) 0xfe, (byte) 0xff}))
                .setCiphertext(ByteBuffer.wrap("mã hoá".getBytes(StandardCharsets.UTF_8)))
                .build())
        .setSubjectOfficialId("can-bo-042")
        .setAttachmentUrls(
            List.of("https://example.vn/a/1.jpg", "https://example.vn/a/biên-bản.pdf"))
        .setTrackingCode("PA-2026-000123")
        .setSourceRecordId("SRC-778899")
        .setSourceDueAt(Instant.parse("2026-04-01T10:00:00.999Z"))
        .setPolicyId("PHAN_ANH-10WD")
        .build();
  }

  /**
   * @return one payload of every branch of the CaseEvent payload union, in schema order
   */
  public static List<Object> everyPayload() {
    return List.of(
        fullSubmitted(),
        Accepted.newBuilder()
            .setDecisionNumber("123/QĐ-UBND")
            .setComplexity(Complexity.ESPECIALLY_COMPLEX)
            .build(),
        Rejected.newBuilder().setReason("Đơn không đủ điều kiện thụ lý").build(),
        Assigned.newBuilder().setOfficerId("can-bo-007").build(),
        Transferred.newBuilder()
            .setToUnitId("so-tai-nguyen-moi-truong")
            .setReason("Không thuộc thẩm quyền")
            .build(),
        Suspended.newBuilder()
            .setReason("Chờ kết quả giám định")
            .setDecisionNumber("45/QĐ-TĐC")
            .build(),
        Resumed.newBuilder().setDecisionNumber("46/QĐ-TT").build(),
        DeadlineExtended.newBuilder()
            .setDecisionNumber("47/QĐ-GH")
            .setDays(30)
            .setReason("Vụ việc phức tạp")
            .build(),
        Resolved.newBuilder()
            .setOutcome(Outcome.PARTIALLY_UPHELD)
            .setNote("Đã xử lý một phần")
            .build(),
        Reopened.newBuilder().setReason("Phát hiện tình tiết mới").build(),
        Withdrawn.newBuilder().setReason("Công dân rút đơn").build(),
        Rated.newBuilder().setScore(4).setComment("Cán bộ nhiệt tình").build(),
        ClockTick.newBuilder().setPartition(0).setTickerId("ticker-1").build(),
        IdentityRevealed.newBuilder()
            .setReason("thông báo kết quả cho người tố cáo")
            .setKeyId("sha256-0011223344556677")
            .build());
  }

  /**
   * @param caseId case id for all but the ClockTick (which uses {@link Topics#CLOCK_KEY})
   * @return one CaseEvent per payload type, in schema order
   */
  public static List<CaseEvent> everyPayloadType(String caseId) {
    List<CaseEvent> events = new ArrayList<>();
    int i = 0;
    for (Object payload : everyPayload()) {
      boolean tick = payload instanceof ClockTick;
      events.add(sample(tick ? Topics.CLOCK_KEY : caseId, payload, i++));
    }
    return events;
  }

  /**
   * @param caseId case id
   * @param payload any payload
   * @param minutes minutes after a fixed instant (2026-03-02T01:30:00.123Z)
   * @return a CaseEvent with an officer actor and a random event id, recordedAt 457 ms after
   *     occurredAt
   */
  public static CaseEvent sample(String caseId, Object payload, int minutes) {
    boolean tick = payload instanceof ClockTick;
    return CaseEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setCaseId(caseId)
        .setOccurredAt(T0.plusSeconds(60L * minutes))
        .setRecordedAt(T0.plusSeconds(60L * minutes).plusMillis(457))
        .setSourceSystem(tick ? "clock-ticker" : "web-intake")
        .setActor(
            tick
                ? null
                : Actor.newBuilder()
                    .setRole(ActorRole.CASE_OFFICER)
                    .setOfficialId("can-bo-007")
                    .setUnitId("ubnd-phuong-ben-nghe")
                    .build())
        .setPayload(payload)
        .build();
  }

  /**
   * @param caseId case id (the record key)
   * @param at occurredAt and recordedAt (UTC)
   * @param payload any payload of the CaseEvent union
   * @return an envelope without actor, source system {@code test}, event id {@code
   *     <caseId>/<PayloadType>/<epoch millis>}; change fields on the builder
   */
  public static CaseEvent.Builder envelope(String caseId, Instant at, Object payload) {
    return CaseEvent.newBuilder()
        .setEventId(caseId + "/" + payload.getClass().getSimpleName() + "/" + at.toEpochMilli())
        .setCaseId(caseId)
        .setOccurredAt(at)
        .setRecordedAt(at)
        .setSourceSystem("test")
        .setActor(null)
        .setPayload(payload);
  }

  /**
   * @param caseId case id
   * @param at occurredAt and recordedAt (UTC)
   * @param payload any payload
   * @return the {@link #envelope} as built
   */
  public static CaseEvent event(String caseId, Instant at, Object payload) {
    return envelope(caseId, at, payload).build();
  }

  /**
   * @param category legal category
   * @param unitId handling unit
   * @return a Submitted with what the contract requires: channel WEB, complexity NORMAL, level 1
   *     for KHIEU_NAI, a Vietnamese description; no complainant
   */
  public static Submitted.Builder submitted(Category category, String unitId) {
    return Submitted.newBuilder()
        .setCategory(category)
        .setComplaintLevel(category == Category.KHIEU_NAI ? 1 : null)
        .setComplexity(Complexity.NORMAL)
        .setChannel(Channel.WEB)
        .setUnitId(unitId)
        .setDescription(VIETNAMESE);
  }

  /**
   * @param fullName name
   * @param phone phone
   * @return a plain complainant (personal data: tests check it never leaks)
   */
  public static Complainant complainant(String fullName, String phone) {
    return Complainant.newBuilder().setFullName(fullName).setPhone(phone).build();
  }

  /**
   * @param at the tick's instant (UTC), also its record timestamp
   * @param partition the partition it is written to
   * @param tickerId ticker name
   * @return a ClockTick event keyed {@link Topics#CLOCK_KEY}, id {@code tick-<partition>-<millis>}
   */
  public static CaseEvent tick(Instant at, int partition, String tickerId) {
    return envelope(Topics.CLOCK_KEY, at, new ClockTick(partition, tickerId))
        .setEventId("tick-" + partition + "-" + at.toEpochMilli())
        .setSourceSystem("clock-ticker")
        .build();
  }

  /**
   * @param role actor role
   * @param officialId official id (null for a citizen)
   * @param unitId the actor's unit
   * @return an actor
   */
  public static Actor actor(ActorRole role, String officialId, String unitId) {
    return new Actor(role, officialId, unitId);
  }

  /**
   * @param alertId alert id
   * @param caseId case id
   * @param unitId handling unit
   * @param recipientUnitId unit whose head receives it (official {@code head-<unit>})
   * @param kind WARNING, BREACH or ESCALATION
   * @param level escalation level (0 for warnings)
   * @return a resolution-clock alert of a first-level complaint (Luật Khiếu nại 2011, Điều 28),
   *     deadline and decidedAt 2026-03-02T17:00:00Z
   */
  public static CaseAlert.Builder alert(
      String alertId,
      String caseId,
      String unitId,
      String recipientUnitId,
      AlertKind kind,
      int level) {
    return CaseAlert.newBuilder()
        .setAlertId(alertId)
        .setCaseId(caseId)
        .setUnitId(unitId)
        .setRecipientUnitId(recipientUnitId)
        .setRecipientOfficialId("head-" + recipientUnitId)
        .setKind(kind)
        .setLevel(level)
        .setClock(ClockKind.RESOLUTION)
        .setCategory(Category.KHIEU_NAI)
        .setRuleId("KN1-RESOLUTION/" + kind.name().toLowerCase(java.util.Locale.ROOT))
        .setPolicyId("KN1")
        .setLegalBasis("Luật Khiếu nại 2011, Điều 28")
        .setDeadline(Instant.parse("2026-03-02T17:00:00Z"))
        .setDecidedAt(Instant.parse("2026-03-02T17:00:00Z"));
  }

  /**
   * @param id unit id
   * @param name unit name
   * @param parentId parent unit id, or null for the top
   * @param level depth (0 = top)
   * @return an org unit without head, valid from the epoch; change fields on the builder
   */
  public static OrgUnit.Builder unit(String id, String name, String parentId, int level) {
    return OrgUnit.newBuilder().setUnitId(id).setName(name).setParentId(parentId).setLevel(level);
  }

  // --- the topology tests' cases: a ward, its district and the city inspectorate ---

  /** Handling unit of the test cases. */
  public static final String UNIT = "ubnd-phuong-hoan-kiem";

  /** Parent unit. */
  public static final String PARENT = "ubnd-quan-hoan-kiem";

  /** Top unit. */
  public static final String TOP = "thanh-tra-thanh-pho";

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
    return tick(at, partition, "test-ticker");
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
    return envelope(caseId, at, payload).setEventId(eventId).setSourceSystem(source).build();
  }

  /**
   * @return a three-level org chart: ward → district → city inspectorate, each with a head
   */
  public static List<OrgUnit> orgChart() {
    return List.of(
        headed(TOP, "Thanh tra thành phố Hà Nội", null, 0, "head-top"),
        headed(PARENT, "UBND quận Hoàn Kiếm", TOP, 1, "head-parent"),
        headed(UNIT, "UBND phường Hoàn Kiếm", PARENT, 2, "head-unit"));
  }

  private static OrgUnit headed(String id, String name, String parent, int level, String head) {
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
