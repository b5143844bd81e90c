package vn.onestop.schema;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * CaseEvents for tests: one of every payload type, the Submitted one with every optional field set,
 * carrying Vietnamese text. Instants are whole milliseconds (timestamp-millis keeps no more).
 */
public final class SampleEvents {
  /** The text the issue names; must round-trip byte-exact. */
  public static final String VIETNAMESE = "Phản ánh về nhũng nhiễu tại bộ phận một cửa";

  private static final Instant T0 = Instant.parse("2026-03-02T01:30:00.123Z");

  private SampleEvents() {}

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
        ClockTick.newBuilder().setPartition(0).setTickerId("ticker-1").build());
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
      events.add(event(tick ? Topics.CLOCK_KEY : caseId, payload, i++));
    }
    return events;
  }

  /**
   * @return a CaseEvent with an officer actor, event times {@code minutes} after a fixed instant
   */
  public static CaseEvent event(String caseId, Object payload, int minutes) {
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
}
