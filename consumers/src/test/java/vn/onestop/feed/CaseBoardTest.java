package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;

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

    assertThat(board.query(hk, q(null, "deadline", 0, 50), now).rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c1", "c4");
    CaseBoard.Page all = board.query(city, q(null, "deadline", 0, 50), now);
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c2", "c1", "c4", "c3");
    CaseBoard.Row c1 = all.rows().get(1);
    assertThat(c1.level()).isEqualTo(1);
    assertThat(c1.overdue()).isTrue();
    assertThat(c1.millisLeft()).isEqualTo(-Duration.ofHours(1).toMillis());
    assertThat(c1.unitName()).isEqualTo("UBND quận Hoàn Kiếm");

    assertThat(board.query(city, q("overdue", "deadline", 0, 50), now).rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c2", "c1");
    assertThat(board.query(city, q("atRisk", "deadline", 0, 50), now).rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c4");
    assertThat(board.query(city, q(null, "level", 0, 50), now).rows().get(0).caseId())
        .isEqualTo("c2");
    assertThat(
            board
                .query(
                    city, new CaseBoard.Query("HK", "KHIEU_NAI", 0, null, "deadline", 0, 50), now)
                .rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c4");
    CaseBoard.Page second = board.query(city, q(null, "deadline", 1, 3), now);
    assertThat(second.total()).isEqualTo(4);
    assertThat(second.rows()).extracting(CaseBoard.Row::caseId).containsExactly("c3");

    board.closed("c1", DUE.plus(Duration.ofMinutes(30)));
    board.closed(
        "c3", DUE.minus(Duration.ofDays(1))); // closed before its alert: a later alert wins
    assertThat(board.query(city, q(null, "deadline", 0, 50), now).rows())
        .extracting(CaseBoard.Row::caseId)
        .containsExactly("c2", "c4", "c3");
    board.reopened("c1");
    assertThat(board.query(city, q(null, "deadline", 0, 50), now).total()).isEqualTo(4);
  }
}
