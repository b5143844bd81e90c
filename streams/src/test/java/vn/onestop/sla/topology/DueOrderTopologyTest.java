package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Alerts leave in the order they became due: when stream time jumps (ticks resume after an outage),
 * one punctuation emits the due alerts of all cases sorted by decidedAt, not all of one case's
 * alerts before the next case's. Ties: case id, then level, then rule id (the ladder's order).
 */
class DueOrderTopologyTest {
  /** decidedAt, then case id, then level, then rule id. */
  static final Comparator<CaseAlert> DUE_ORDER =
      Comparator.comparing(CaseAlert::getDecidedAt)
          .thenComparing(CaseAlert::getCaseId)
          .thenComparingInt(CaseAlert::getLevel)
          .thenComparing(CaseAlert::getRuleId);

  @RegisterExtension final SlaDriver d = SlaDriver.perTest();

  @Test
  void aWarningDueOnTheFourthLeavesBeforeAnEscalationDueOnTheSixth() {
    // Case A: due Tue 03/03/2026 → level-2 escalation 3 working days later (Fri 06/03).
    d.pipe(
        TestRecords.submittedWithSourceDue(
            "a1",
            "case-a",
            Instant.parse("2026-02-23T02:00:00Z"),
            Instant.parse("2026-03-03T02:00:00Z")));
    // Case B: due Thu 05/03/2026 → "1 working day before" warning on Wed 04/03.
    d.pipe(
        TestRecords.submittedWithSourceDue(
            "b1",
            "case-b",
            Instant.parse("2026-02-27T02:00:00Z"),
            Instant.parse("2026-03-05T02:00:00Z")));
    d.readAlerts();
    // The ticker was down: the next tick is two weeks later.
    d.pipe(TestRecords.tick(Instant.parse("2026-03-20T02:00:00Z"), 0));
    List<CaseAlert> jump = d.readAlerts();

    CaseAlert warningB =
        jump.stream()
            .filter(a -> a.getCaseId().equals("case-b"))
            .filter(a -> a.getRuleId().endsWith("/warn-1wd-before"))
            .findFirst()
            .orElseThrow();
    CaseAlert escalationA =
        jump.stream()
            .filter(a -> a.getCaseId().equals("case-a"))
            .filter(a -> a.getKind() == AlertKind.ESCALATION && a.getLevel() == 2)
            .findFirst()
            .orElseThrow();
    // Both at 24:00 (Hà Nội) of their day: 04/03 and 06/03.
    assertThat(warningB.getDecidedAt()).isEqualTo(Instant.parse("2026-03-04T17:00:00Z"));
    assertThat(escalationA.getDecidedAt()).isEqualTo(Instant.parse("2026-03-06T17:00:00Z"));
    assertThat(jump.indexOf(warningB)).isLessThan(jump.indexOf(escalationA));
    assertThat(jump).as("the whole jump in due order").isSortedAccordingTo(DUE_ORDER);
    assertThat(jump).extracting(CaseAlert::getCaseId).contains("case-a", "case-b");
  }

  @Test
  void aJumpOverManyCasesIsSortedByDecidedAtWithTiesByCaseIdThenLevelThenRule() {
    Instant t0 = Instant.parse("2026-03-02T02:00:00Z");
    // Eight cases, two of each due instant (ties across cases), ids not in due order.
    String[] ids = {"h", "c", "f", "a", "g", "b", "e", "d"};
    for (int i = 0; i < ids.length; i++) {
      Instant due = t0.plus(Duration.ofDays(2 + (i % 4) * 3));
      d.pipe(
          TestRecords.submittedWithSourceDue(
              ids[i] + "-1", "case-" + ids[i], t0.plusSeconds(i), due));
    }
    d.readAlerts();
    d.pipe(TestRecords.tick(t0.plus(Duration.ofDays(40)), 0));
    List<CaseAlert> jump = d.readAlerts();
    // Each case: two warnings, a breach, level-2 and level-3 escalations.
    assertThat(jump).hasSize(8 * 5);
    assertThat(jump).isSortedAccordingTo(DUE_ORDER);
    assertThat(jump).extracting(CaseAlert::getAlertId).doesNotHaveDuplicates();
  }

  @Test
  void aSmallBudgetKeepsTheOrderAcrossPunctuations() {
    d.reopen(new PunctuationSettings(Duration.ofSeconds(1), 3));
    Instant t0 = Instant.parse("2026-03-02T02:00:00Z");
    for (int i = 0; i < 4; i++) {
      d.pipe(
          TestRecords.submittedWithSourceDue(
              "e" + i, "case-" + i, t0.plusSeconds(i), t0.plus(Duration.ofDays(3 + i))));
    }
    d.readAlerts();
    Instant jump = t0.plus(Duration.ofDays(40));
    // 20 alerts due, 3 index entries per punctuation: 7 punctuations, one second apart.
    List<CaseAlert> split = new java.util.ArrayList<>();
    for (int s = 0; s < 7; s++) {
      d.pipe(TestRecords.tick(jump.plusSeconds(s), 0));
      List<CaseAlert> some = d.readAlerts();
      assertThat(some).as("punctuation %d", s).hasSizeLessThanOrEqualTo(3);
      split.addAll(some);
    }
    try (SlaDriver all = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      all.orgUnits(TestRecords.orgChart());
      for (int i = 0; i < 4; i++) {
        all.pipe(
            TestRecords.submittedWithSourceDue(
                "e" + i, "case-" + i, t0.plusSeconds(i), t0.plus(Duration.ofDays(3 + i))));
      }
      all.readAlerts();
      all.pipe(TestRecords.tick(jump, 0));
      List<CaseAlert> once = all.readAlerts();
      assertThat(once).hasSize(20).isSortedAccordingTo(DUE_ORDER);
      assertThat(split)
          .as("the budget splits the sequence, it does not reorder it")
          .isEqualTo(once);
    }
  }
}
