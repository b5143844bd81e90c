package vn.onestop.report.scorecard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.onestop.report.publish.EventLog;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Channel;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.DeadlineExtended;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Rated;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Resumed;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Suspended;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.UnitHead;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.Calendars;

/**
 * The hand-computed scenario of {@code ScorecardTest} (and the publish/verify tests): a city
 * inspectorate HN, a district Q, wards A, B, C under Q; eight cases of December 2025 and January
 * 2026. Due instants follow the bundled policies (docs/law.md): khiếu nại lần đầu acceptance 10
 * calendar days from the day after receipt, resolution 30 calendar days from the day after thụ lý
 * (Điều 27, 28), a last day on a rest day or holiday rolled to the next working day; tố cáo
 * resolution 30 days, one extension of a complex case, suspension not counted (Luật Tố cáo 2018
 * Điều 30, 34). Times are local (Asia/Ho_Chi_Minh).
 */
public final class ScorecardScenario {
  private ScorecardScenario() {}

  /** Unit ids. */
  public static final String HN = "HN", Q = "Q", A = "A", B = "B", C = "C";

  /**
   * @param t local date-time
   * @return the instant in Asia/Ho_Chi_Minh
   */
  public static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Calendars.ZONE).toInstant();
  }

  /**
   * @return the directory: A's head changes on 20/01/2026 (Nguyễn Văn An → Trần Thị Bình)
   */
  public static List<OrgUnit> directory() {
    return List.of(
        unit(HN, "Thanh tra Thành phố", null, 0, "hn-001", "Lê Văn Cường", Instant.EPOCH),
        unit(Q, "UBND quận Hoàn Kiếm", HN, 1, "q-001", "Phạm Thị Dung", Instant.EPOCH),
        unit(A, "UBND phường Hàng Bạc", Q, 2, "a-001", "Nguyễn Văn An", Instant.EPOCH),
        unit(
            A,
            "UBND phường Hàng Bạc",
            Q,
            2,
            "a-002",
            "Trần Thị Bình",
            LocalDate.parse("2026-01-20").atStartOfDay(Calendars.ZONE).toInstant()),
        unit(B, "UBND phường Hàng Trống", Q, 2, "b-001", "Hoàng Minh Đức", Instant.EPOCH),
        unit(C, "UBND phường Tràng Tiền", Q, 2, "c-001", "Đỗ Thị Hà", Instant.EPOCH));
  }

  /**
   * @return the events, in time order
   */
  public static List<CaseEvent> events() {
    List<CaseEvent> e = new ArrayList<>();
    // a2, a3: December cases of A
    e.add(ev("a2", "2025-12-01T09:00", kn(A, Channel.HOTLINE)));
    e.add(ev("a3", "2025-12-01T10:00", kn(A, Channel.WEB)));
    e.add(ev("a3", "2025-12-08T09:00", accepted()));
    e.add(ev("a2", "2025-12-15T09:00", accepted()));
    // January
    e.add(ev("a1", "2026-01-05T09:00", kn(A, Channel.WEB)));
    e.add(
        ev(
            "t1",
            "2026-01-05T09:30",
            TestRecords.submitted(Category.TO_CAO, A)
                .setChannel(Channel.IN_PERSON)
                .setComplexity(Complexity.COMPLEX)
                .build()));
    e.add(ev("a4", "2026-01-05T10:00", kn(A, Channel.WEB)));
    e.add(ev("a5", "2026-01-05T11:00", kn(A, Channel.WEB)));
    e.add(ev("a1", "2026-01-06T09:00", accepted()));
    e.add(ev("t1", "2026-01-06T09:00", accepted()));
    e.add(ev("b1", "2026-01-06T09:00", kn(B, Channel.WEB)));
    e.add(ev("b2", "2026-01-06T10:00", kn(B, Channel.MAIL)));
    e.add(ev("a5", "2026-01-07T09:00", accepted()));
    e.add(ev("b1", "2026-01-08T09:00", accepted()));
    e.add(ev("a3", "2026-01-09T10:00", resolved()));
    e.add(ev("a5", "2026-01-12T09:00", new Transferred(C, "not our ward")));
    e.add(ev("a5", "2026-01-14T09:00", new Transferred(A, "back: it is Hàng Bạc's")));
    e.add(ev("a2", "2026-01-14T16:00", resolved()));
    e.add(ev("a2", "2026-01-15T10:00", new Rated(2, null)));
    e.add(ev("b2", "2026-01-19T09:00", accepted()));
    e.add(ev("a1", "2026-01-20T10:00", resolved()));
    e.add(ev("b1", "2026-01-20T11:00", resolved()));
    e.add(ev("t1", "2026-01-20T14:00", new DeadlineExtended("12/QĐ-GH", 5, "cần xác minh thêm")));
    e.add(ev("a1", "2026-01-21T09:00", new Rated(5, null)));
    e.add(ev("t1", "2026-01-21T09:00", new Suspended("chờ kết quả giám định", "13/QĐ-TĐC")));
    e.add(ev("t1", "2026-01-22T09:00", new Resumed("14/QĐ-TT")));
    e.add(ev("a5", "2026-01-22T10:00", resolved()));
    return e;
  }

  /**
   * @return the scenario's log (no ticks: publishing advances stream time to the month's end)
   */
  public static EventLog log() {
    Map<String, OrgUnit> org = new java.util.HashMap<>();
    for (OrgUnit u : directory()) {
      org.put(u.getUnitId() + "|" + u.getValidFrom().toEpochMilli(), u);
    }
    return new EventLog(events(), org);
  }

  private static Submitted kn(String unit, Channel ch) {
    return TestRecords.submitted(Category.KHIEU_NAI, unit).setChannel(ch).build();
  }

  private static Accepted accepted() {
    return Accepted.newBuilder().build();
  }

  private static Resolved resolved() {
    return Resolved.newBuilder().setOutcome(Outcome.ANSWERED).build();
  }

  /** Case ids are {@code hs-} and the short name used in the comments (e.g. {@code hs-a1}). */
  public static final String PREFIX = "hs-";

  private static CaseEvent ev(String caseId, String localTime, Object payload) {
    return TestRecords.event(PREFIX + caseId, local(localTime), payload);
  }

  private static OrgUnit unit(
      String id,
      String name,
      String parent,
      int level,
      String headId,
      String headName,
      Instant validFrom) {
    return TestRecords.unit(id, name, parent, level)
        .setHead(UnitHead.newBuilder().setOfficialId(headId).setName(headName).build())
        .setCalendarId(Calendars.CIVIL_SERVICE)
        .setValidFrom(validFrom)
        .build();
  }
}
