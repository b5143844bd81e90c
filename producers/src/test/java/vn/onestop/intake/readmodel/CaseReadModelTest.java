package vn.onestop.intake.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Reopened;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Transferred;
import vn.onestop.schema.testkit.TestRecords;

class CaseReadModelTest {
  private static CaseEvent event(String caseId, String at, Object payload) {
    return TestRecords.event(caseId, Instant.parse(at), payload);
  }

  private static Submitted submitted() {
    return TestRecords.submitted(Category.PHAN_ANH, "u1")
        .setDescription("mô tả")
        .setServiceCode("pa-ha-tang")
        .build();
  }

  @Test
  void keepsWhatWasFiledAndTheLatestEventTimeButNoStatus() {
    CaseReadModel m = new CaseReadModel();
    assertThat(m.apply(event("c1", "2025-01-01T00:00:00Z", submitted()), 0, 10)).isTrue();
    assertThat(m.apply(event("c1", "2025-01-02T00:00:00Z", new Transferred("u2", null)), 0, 11))
        .isTrue();
    m.apply(event("c1", "2025-01-03T00:00:00Z", new Resolved(Outcome.FIXED, null)), 0, 12);
    CaseSummary c = m.get("c1").orElseThrow();
    // the transfer and the resolution are the engine's to judge (it may have refused them)
    assertThat(c.submittedUnitId()).isEqualTo("u1");
    assertThat(c.description()).isEqualTo("mô tả");
    assertThat(c.serviceCode()).isEqualTo("pa-ha-tang");
    assertThat(c.requestedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(c.updatedAt()).isEqualTo(Instant.parse("2025-01-03T00:00:00Z"));
    assertThat(c.offset()).isEqualTo(12);
    m.apply(event("c1", "2025-01-04T00:00:00Z", new Reopened("r")), 0, 13);
    assertThat(m.get("c1").orElseThrow().updatedAt())
        .isEqualTo(Instant.parse("2025-01-04T00:00:00Z"));
  }

  @Test
  void replayedOffsetsDoNotMoveACaseBackwards() {
    CaseReadModel m = new CaseReadModel();
    m.apply(event("c1", "2025-01-01T00:00:00Z", submitted()), 1, 5);
    m.apply(event("c1", "2025-01-03T00:00:00Z", new Resolved(Outcome.FIXED, null)), 1, 6);
    // the follower reads the same two records again after the write-through
    assertThat(m.apply(event("c1", "2025-01-01T00:00:00Z", submitted()), 1, 5)).isFalse();
    assertThat(
            m.apply(event("c1", "2025-01-03T00:00:00Z", new Resolved(Outcome.FIXED, null)), 1, 6))
        .isFalse();
    assertThat(m.get("c1").orElseThrow().offset()).isEqualTo(6);
    assertThat(m.apply(event("__clock__", "2025-01-05T00:00:00Z", new ClockTick(1, "t")), 1, 7))
        .isFalse();
    assertThat(
            m.apply(
                event("ghost", "2025-01-05T00:00:00Z", new Resolved(Outcome.FIXED, null)), 1, 8))
        .isFalse();
    assertThat(m.size()).isEqualTo(1);
  }

  @Test
  void boundDropsTheEarliestSubmittedAndQueriesSortNewestFirst() {
    CaseReadModel m = new CaseReadModel(2);
    m.apply(event("a", "2025-01-01T00:00:00Z", submitted()), 0, 1);
    m.apply(event("b", "2025-01-02T00:00:00Z", submitted()), 0, 2);
    m.apply(event("c", "2025-01-03T00:00:00Z", submitted()), 0, 3);
    assertThat(m.get("a")).isEmpty();
    assertThat(m.query(x -> true, 10)).extracting(CaseSummary::caseId).containsExactly("c", "b");
    assertThat(m.query(x -> true, 1)).hasSize(1);
  }
}
