package vn.onestop.bench;

import java.time.Instant;
import java.util.List;
import vn.onestop.intake.ids.EventIds;
import vn.onestop.intake.ticker.ClockTicks;
import vn.onestop.schema.Actor;
import vn.onestop.schema.ActorRole;
import vn.onestop.schema.Assigned;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Location;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.UnitHead;

/**
 * The benchmark's case events: imported service requests (category SERVICE_REQUEST, so the {@code
 * SOURCE_PROVIDED} policy applies and the due instant is the one given here), a case-officer
 * assignment, and clock ticks built by the producers' {@link ClockTicks}. Every benchmark uses the
 * same records, so the raw-Kafka baseline and the pipeline move identical bytes.
 *
 * <p>Alerts of such a case under the default policy book: a 75 % warning at {@code submitted + 0.75
 * (due - submitted)}, the breach at {@code due}, escalations 3 and 8 working days later; the "1
 * working day before" warning is dropped when it falls before the submission (dues within the same
 * working day, as used here).
 */
final class Workload {
  /** Prefix of the handling units (wards) of the benchmark cases; each is published with a head. */
  static final String UNIT_PREFIX = "BENCH-PHUONG-";

  /** Parent of every ward (the district). */
  static final String PARENT_ID = "BENCH-UBND-Q1";

  /**
   * Number of units the cases are spread over (by the hash of the case id). Set by the driver's
   * {@code --units} before any event is built.
   */
  static volatile int units = 3000;

  static final String SOURCE = "bench-intake";

  /** Monday 2 March 2026, 08:00 in Asia/Ho_Chi_Minh: a working day, so same-day dues are plain. */
  static final Instant MONDAY_0800 = Instant.parse("2026-03-02T01:00:00Z");

  private static final String DESCRIPTION =
      "Đèn đường trước số 12 Nguyễn Huệ, phường Bến Nghé bị hỏng từ tối qua; "
          + "đề nghị ủy ban phường cử người sửa chữa sớm để bảo đảm an toàn giao thông.";
  private static final Actor CITIZEN = new Actor(ActorRole.CITIZEN, null, null);
  private static final Actor OFFICER = new Actor(ActorRole.CASE_OFFICER, "CB-0042", null);

  private Workload() {}

  /**
   * @param caseId case id (the record key)
   * @param at submission instant (event time, also the record timestamp)
   * @param due the source system's due instant, after {@code at}
   * @return a Submitted event of an imported service request
   */
  static CaseEvent submitted(String caseId, Instant at, Instant due) {
    Submitted s =
        Submitted.newBuilder()
            .setCategory(Category.SERVICE_REQUEST)
            .setChannel(Channel.HOTLINE)
            .setUnitId(unitId(Math.floorMod(caseId.hashCode(), units)))
            .setServiceCode("STREET_LIGHT")
            .setTitle("Đèn đường hỏng")
            .setDescription(DESCRIPTION)
            .setLocation(new Location("12 Nguyễn Huệ, Bến Nghé, Quận 1", 10.7743, 106.7038))
            .setAttachmentUrls(List.of())
            .setSourceRecordId(caseId)
            .setSourceDueAt(due)
            .build();
    return envelope(caseId, "Submitted", at, CITIZEN, s);
  }

  /**
   * @param caseId case id
   * @param at event time
   * @return an Assigned event (officer CB-0042)
   */
  static CaseEvent assigned(String caseId, Instant at) {
    return envelope(caseId, "Assigned", at, OFFICER, new Assigned("CB-0042"));
  }

  /**
   * @param caseId case id
   * @param at event time
   * @return a Resolved event (outcome FIXED) by the case officer: the clocks stop
   */
  static CaseEvent resolved(String caseId, Instant at) {
    return envelope(caseId, "Resolved", at, OFFICER, ResolvingStream.resolution());
  }

  /**
   * @param partition partition the tick is written to
   * @param at tick time (event time)
   * @return a clock tick as the live ticker writes it
   */
  static CaseEvent tick(int partition, Instant at) {
    return ClockTicks.tick(SOURCE, "bench-ticker", partition, at, Instant.now());
  }

  /**
   * @return the id of ward {@code k}
   */
  static String unitId(int k) {
    return UNIT_PREFIX + String.format(java.util.Locale.ROOT, "%05d", k);
  }

  /**
   * @return every org unit of the benchmark: the district and its wards, each with a head
   */
  static java.util.List<OrgUnit> units() {
    java.util.List<OrgUnit> all = new java.util.ArrayList<>();
    all.add(parent());
    for (int k = 0; k < units; k++) {
      all.add(
          OrgUnit.newBuilder()
              .setUnitId(unitId(k))
              .setName("UBND phường số " + k + " (Bến Nghé)")
              .setParentId(PARENT_ID)
              .setLevel(1)
              .setHead(
                  new UnitHead(
                      "CT-PHUONG-" + k, "Nguyễn Văn Thành", "chutich" + k + "@phuong.example.vn"))
              .setCalendarId("vn-civil-service")
              .build());
    }
    return all;
  }

  /**
   * @return the parent unit
   */
  static OrgUnit parent() {
    return OrgUnit.newBuilder()
        .setUnitId(PARENT_ID)
        .setName("UBND Thành phố (benchmark)")
        .setParentId(null)
        .setLevel(0)
        .setHead(new UnitHead("CT-Q1", "Trần Thị Hoa", null))
        .setCalendarId("vn-civil-service")
        .build();
  }

  private static CaseEvent envelope(
      String caseId, String kind, Instant at, Actor actor, Object payload) {
    return CaseEvent.newBuilder()
        .setEventId(EventIds.derived(SOURCE, caseId, kind, Long.toString(at.toEpochMilli())))
        .setCaseId(caseId)
        .setOccurredAt(at)
        .setRecordedAt(at)
        .setSourceSystem(SOURCE)
        .setActor(actor)
        .setPayload(payload)
        .build();
  }
}
