package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Category;
import vn.onestop.schema.testkit.TestRecords;

class CaseBoardTest {
  private static final Instant DUE = Instant.parse("2026-03-02T17:00:00Z");
  private final OrgTree org = Fixtures.cityTree();
  private final AlertLog log = new AlertLog();
  private final CaseBoard board =
      new CaseBoard(log, new AlertScope(org), org, Duration.ofHours(24), 100);
  private final Principal hk = Principal.of("cb-hk", Scope.unit("HK"), Role.SUPERVISOR);
  private final Principal city = Principal.of("cb-city", Scope.subtree("HN"), Role.SUPERVISOR);
  private long offset;

  private void alert(String id, String caseId, String unit, int level, Instant deadline) {
    CaseAlert a =
        TestRecords.alert(
                id, caseId, unit, unit, level == 0 ? AlertKind.WARNING : AlertKind.BREACH, level)
            .setDeadline(deadline)
            .setDecidedAt(DUE)
            .setCategory(level == 2 ? Category.TO_CAO : Category.KHIEU_NAI)
            .build();
    log.append(0, offset++, a);
  }

  private static CaseBoard.Query q(String due, String sort, int page, int size) {
    return new CaseBoard.Query(null, null, null, due, sort, page, size);
  }

  @Test
  void oneRowPerCaseInScopeWithoutClosedCasesFilteredSortedAndPaged() {
    Instant now = DUE.plus(Duration.ofHours(1));
    alert("c1-w", "c1", "HK", 0, DUE.plus(Duration.ofHours(10)));
    alert("c1-b", "c1", "HK", 1, DUE); // overdue by 1 h
    alert("c2-b", "c2", "HK-P1", 2, DUE.minus(Duration.ofDays(2)));
    alert("c3-w", "c3", "BD", 0, DUE.plus(Duration.ofDays(3)));
    alert("c4-w", "c4", "HK", 0, DUE.plus(Duration.ofHours(5))); // at risk

    assertThat(board.query(hk, q(null, "deadline", 1, 50), now).rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c1", "c4");
    CaseBoard.Page all = board.query(city, q(null, "deadline", 1, 50), now);
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c2", "c1", "c4", "c3");
    CaseBoard.Row c1 = all.rows().get(1);
    assertThat(c1.level()).isEqualTo(1);
    assertThat(c1.overdue()).isTrue();
    assertThat(c1.millisLeft()).isEqualTo(-Duration.ofHours(1).toMillis());
    assertThat(c1.unitName()).isEqualTo("UBND quận Hoàn Kiếm");

    assertThat(board.query(city, q("overdue", "deadline", 1, 50), now).rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c2", "c1");
    assertThat(board.query(city, q("atRisk", "deadline", 1, 50), now).rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c4");
    assertThat(board.query(city, q(null, "level", 1, 50), now).rows().get(0).caseId())
        .isEqualTo("c2");
    assertThat(
            board
                .query(
                    city, new CaseBoard.Query("HK", "KHIEU_NAI", 0, null, "deadline", 1, 50), now)
                .rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c4");
    CaseBoard.Page second = board.query(city, q(null, "deadline", 2, 3), now);
    assertThat(second.total()).isEqualTo(4);
    assertThat(second.rows()).extracting(CaseBoard.Row::caseId).containsExactly("c3");

    board.closed("c1", DUE.plus(Duration.ofMinutes(30)));
    board.closed(
        "c3", DUE.minus(Duration.ofDays(1))); // closed before its alert: a later alert wins
    assertThat(board.query(city, q(null, "deadline", 1, 50), now).rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c2", "c4", "c3");
    board.reopened("c1");
    assertThat(board.query(city, q(null, "deadline", 1, 50), now).total()).isEqualTo(4);
  }

  @Test
  void followsTheEngineWhenASourceIsSetScopeDueTextAndLastAlertJoined() {
    alert("a1", "c1", "HK", 1, DUE);
    java.util.List<vn.onestop.sla.query.OpenCasesQuery.Request> asked = new java.util.ArrayList<>();
    vn.onestop.sla.query.OpenCase noAlert =
        new vn.onestop.sla.query.OpenCase(
            "c9",
            "TC-9",
            "PHAN_ANH",
            null,
            "Đèn đường hỏng",
            "SUBMITTED",
            "HK",
            "vn-civil-service",
            "RESOLUTION",
            DUE.minus(Duration.ofDays(20)),
            Instant.parse("2026-03-05T17:00:00Z"),
            false,
            true,
            0,
            null);
    vn.onestop.sla.query.OpenCase alerted =
        new vn.onestop.sla.query.OpenCase(
            "c1",
            null,
            "KHIEU_NAI",
            null,
            null,
            "ACCEPTED",
            "HK",
            "vn-civil-service",
            "RESOLUTION",
            DUE.minus(Duration.ofDays(20)),
            DUE,
            false,
            false,
            1,
            null);
    board.openCases(
        r -> {
          asked.add(r);
          return new vn.onestop.sla.query.OpenCasesQuery.Page(
              java.util.List.of(
                  new vn.onestop.sla.query.OpenCasesQuery.Row(
                      noAlert, "vn-civil-service", false, false, 3L, 1440L),
                  new vn.onestop.sla.query.OpenCasesQuery.Row(
                      alerted, "vn-civil-service", true, false, null, -75L)),
              2,
              r.page(),
              r.size());
        });
    Instant now = DUE.plus(Duration.ofHours(1));
    CaseBoard.Page page = board.query(hk, q("atRisk", "due", 1, 50), now);

    assertThat(asked.get(0).scope()).containsExactly("HK");
    assertThat(asked.get(0).band()).isEqualTo(vn.onestop.sla.query.OpenCasesQuery.Band.AT_RISK);
    CaseBoard.Row r9 = page.rows().get(0);
    assertThat(r9.trackingCode()).isEqualTo("TC-9");
    assertThat(r9.title()).isEqualTo("Đèn đường hỏng");
    assertThat(r9.kind()).as("no alert yet").isNull();
    assertThat(r9.alertId()).isNull();
    assertThat(r9.workingTimeLeft()).isEqualTo("còn 3 ngày làm việc");
    assertThat(r9.dueLocal()).isEqualTo("hết ngày 05/03/2026"); // 24:00 local = 17:00Z
    assertThat(r9.source()).isEqualTo("engine");
    CaseBoard.Row r1 = page.rows().get(1);
    assertThat(r1.kind()).isEqualTo("BREACH");
    assertThat(r1.lastAlertLevel()).isEqualTo(1);
    assertThat(r1.alertId()).isEqualTo("a1");
    assertThat(r1.workingTimeLeft()).isEqualTo("quá hạn 1 giờ 15 phút làm việc");
    assertThat(r1.dueLocal()).isEqualTo("00:00 03/03/2026");
    assertThat(board.query(city, q(null, "due", 1, 50), now).total()).isEqualTo(2);
    assertThat(asked.get(1).scope()).contains("HN", "HK");
    assertThatThrownBy(() -> board.query(hk, q(null, "lastAlert", 1, 50), now))
        .hasMessageStartingWith("sort:");
  }

  @Test
  void anEngineRowKeepsItsLastAlertWhenTheFeedWindowNoLongerHasIt() {
    // the escalation fired 20 days ago: the feed's 7-day window (or a restart) lost it, the
    // engine's state still records it
    Instant decided = DUE.minus(Duration.ofDays(20));
    vn.onestop.sla.query.OpenCase escalated =
        new vn.onestop.sla.query.OpenCase(
            "c7",
            null,
            "TO_CAO",
            null,
            null,
            "ACCEPTED",
            "HK",
            "vn-civil-service",
            "RESOLUTION",
            DUE.minus(Duration.ofDays(60)),
            DUE.minus(Duration.ofDays(30)),
            false,
            true,
            3,
            new vn.onestop.sla.query.OpenCase.LastAlert("a7", "ESCALATION", 3, decided));
    board.openCases(
        new OpenCasesSource() {
          @Override
          public vn.onestop.sla.query.OpenCasesQuery.Page page(
              vn.onestop.sla.query.OpenCasesQuery.Request r) {
            return new vn.onestop.sla.query.OpenCasesQuery.Page(
                java.util.List.of(
                    new vn.onestop.sla.query.OpenCasesQuery.Row(
                        escalated, "vn-civil-service", true, false, null, -1L)),
                1,
                r.page(),
                r.size());
          }

          @Override
          public java.util.Optional<vn.onestop.sla.query.OpenCase> find(String caseId) {
            return "c7".equals(caseId)
                ? java.util.Optional.of(escalated)
                : java.util.Optional.empty();
          }
        });
    Instant now = DUE.plus(Duration.ofHours(1));

    CaseBoard.Row row = board.query(hk, q(null, "due", 1, 50), now).rows().get(0);
    assertThat(row.kind()).isEqualTo("ESCALATION");
    assertThat(row.lastAlertLevel()).isEqualTo(3);
    assertThat(row.alertId()).isEqualTo("a7");
    assertThat(row.lastAlertLocal()).isEqualTo(AlertView.local(decided));
    assertThat(board.latestOpen("c7"))
        .hasValue(new CaseBoard.LatestAlert("HK", null, "a7", 3, "ESCALATION"));
    assertThat(board.latestOpen("c8")).as("neither the engine nor the window knows it").isEmpty();
  }
}
