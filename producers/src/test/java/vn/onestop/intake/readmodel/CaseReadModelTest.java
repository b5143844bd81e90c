package vn.onestop.intake.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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

  @Test
  void aDenunciationOrComplaintOrPrivatePetitionKeepsNoContentButItsTrackingCode() {
    CaseReadModel m = new CaseReadModel();
    vn.onestop.schema.Location where = new vn.onestop.schema.Location("12 phố Kín", 21.0, 105.8);
    for (Category cat : List.of(Category.TO_CAO, Category.KHIEU_NAI, Category.PHAN_ANH)) {
      Submitted s =
          TestRecords.submitted(cat, "u1")
              .setDescription("nội dung bí mật")
              .setLocation(where)
              .setAttachmentUrls(List.of("https://example.vn/a.jpg"))
              .setTrackingCode("OS-" + cat.name().substring(0, 2) + "00000000")
              .setPublicContent(cat != Category.PHAN_ANH)
              .build();
      m.apply(event("c-" + cat, "2025-01-01T00:00:00Z", s), 0, cat.ordinal());
      CaseSummary c =
          m.byTrackingCode("OS-" + cat.name().substring(0, 2) + "00000000").orElseThrow();
      assertThat(c.caseId()).isEqualTo("c-" + cat);
      assertThat(c.contentPublic()).isFalse();
      assertThat(c.description()).isNull();
      assertThat(c.address()).isNull();
      assertThat(c.latitude()).isNull();
      assertThat(c.mediaUrl()).isNull();
    }
    Submitted open =
        TestRecords.submitted(Category.KIEN_NGHI, "u1")
            .setDescription("nội dung công khai")
            .setLocation(where)
            .build();
    m.apply(event("c-open", "2025-01-01T00:00:00Z", open), 1, 1);
    assertThat(m.get("c-open").orElseThrow().description()).isEqualTo("nội dung công khai");
    assertThat(m.get("c-open").orElseThrow().latitude()).isEqualTo(21.0);
    assertThat(m.byTrackingCode("OS-NOPE000000")).isEmpty();
  }
}
