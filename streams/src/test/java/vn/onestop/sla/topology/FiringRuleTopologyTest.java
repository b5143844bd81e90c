package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;

/**
 * The engine's firing rule (an alert due at d fires once stream time t &gt; d; a resolution at
 * exactly the due instant is on time), zero-length source periods, and Boston-shaped cases whose "1
 * working day before" warning falls between receipt and resolution.
 */
class FiringRuleTopologyTest {
  /** Monday 2 March 2026, 09:00 in Hà Nội. */
  static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

  static final Instant DUE = T0.plus(Duration.ofDays(10));

  @RegisterExtension final SlaDriver d = SlaDriver.perTest();

  @Test
  void resolvedExactlyAtTheDueInstantIsOnTime() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
    d.pipe(TestRecords.resolved("e2", "case-1", DUE));
    d.pipe(TestRecords.tick(DUE.plus(Duration.ofDays(60)), 0));
    assertThat(d.readAlerts())
        .noneMatch(a -> a.getKind() == AlertKind.BREACH)
        .noneMatch(a -> a.getKind() == AlertKind.ESCALATION);
  }

  @Test
  void resolvedOneMillisecondAfterTheDueInstantIsBreachedAtTheDueInstant() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
    d.pipe(TestRecords.resolved("e2", "case-1", DUE.plusMillis(1)));
    assertThat(d.readAlerts())
        .filteredOn(a -> a.getKind() == AlertKind.BREACH)
        .singleElement()
        .satisfies(a -> assertThat(a.getDecidedAt()).isEqualTo(DUE));
    d.pipe(TestRecords.tick(DUE.plus(Duration.ofDays(60)), 0));
    assertThat(d.readAlerts()).as("resolved: no escalation afterwards").isEmpty();
  }

  @Test
  void aTickAtTheDueInstantFiresNothingDueThenAndTheNextMillisecondDoes() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
    d.pipe(TestRecords.tick(DUE, 0));
    assertThat(d.readAlerts()).noneMatch(a -> a.getKind() == AlertKind.BREACH);
    d.pipe(TestRecords.tick(DUE.plusSeconds(1), 0)); // one punctuation interval later
    assertThat(d.readAlerts())
        .filteredOn(a -> a.getKind() == AlertKind.BREACH)
        .singleElement()
        .satisfies(a -> assertThat(a.getDecidedAt()).isEqualTo(DUE));
  }

  @Test
  void aZeroLengthSourcePeriodIsDueOnReceiptAndBreachedByALaterResolution() {
    // Boston rows with TARGET_DT == OPEN_DT, labelled OVERDUE when closed later.
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-0", T0, T0));
    d.pipe(TestRecords.submittedWithSourceDue("f1", "case-1", T0, T0));
    d.pipe(TestRecords.resolved("e2", "case-0", T0)); // closed at the same instant: on time
    d.pipe(TestRecords.resolved("f2", "case-1", T0.plus(Duration.ofDays(19))));
    assertThat(d.readRejected()).isEmpty();
    List<CaseAlert> alerts = d.readAlerts();
    assertThat(alerts).filteredOn(a -> a.getCaseId().equals("case-0")).isEmpty();
    assertThat(alerts)
        .filteredOn(a -> a.getKind() == AlertKind.BREACH)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getCaseId()).isEqualTo("case-1");
              assertThat(a.getDecidedAt()).isEqualTo(T0);
              assertThat(a.getDeadline()).isEqualTo(T0);
            });
    assertThat(alerts)
        .filteredOn(a -> a.getKind() == AlertKind.WARNING)
        .as("no warning of a zero-length period (it would be decided before the clock was armed)")
        .isEmpty();
  }

  /**
   * Boston 311 cases 101001240915 and 101001241166 (Boston time: opened 01/02/2015 07:26:14 AM,
   * target 01/05 08:30 AM, closed 01/02 12:31:05 PM; opened 01/02 10:51:34 AM, target 01/05
   * 10:51:34 AM, closed 01/05 04:52:35 PM): the "24:00 of the working day before the last day"
   * warning is 2015-01-02T17:00Z (midnight in Hà Nội), between receipt and resolution, so it is
   * emitted, by the resolution (first case) or by the punctuator (second case), with the same id as
   * a replay derives.
   */
  @Test
  void bostonCasesGetTheirOneWorkingDayWarningLiveWhetherAnEventOrATickComesFirst() {
    Instant warn = Instant.parse("2015-01-02T17:00:00Z");
    List<CaseAlert> live = bostonCases(d, true);
    assertThat(live)
        .filteredOn(a -> a.getRuleId().endsWith("/warn-1wd-before"))
        .extracting(CaseAlert::getCaseId, CaseAlert::getDecidedAt)
        .containsExactlyInAnyOrder(
            tuple("boston311-101001240915", warn), tuple("boston311-101001241166", warn));
    assertThat(live)
        .filteredOn(a -> a.getKind() == AlertKind.BREACH)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getCaseId()).isEqualTo("boston311-101001241166");
              assertThat(a.getDecidedAt()).isEqualTo(Instant.parse("2015-01-05T15:51:34Z"));
            });

    // Without the tick (only events drive stream time): the same alert ids.
    try (SlaDriver other = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      other.orgUnits(TestRecords.orgChart());
      assertThat(bostonCases(other, false))
          .extracting(CaseAlert::getAlertId)
          .containsExactlyInAnyOrderElementsOf(live.stream().map(CaseAlert::getAlertId).toList());
    }
  }

  /**
   * Feeds the two Boston cases (optionally with a tick after the first resolution); returns all
   * alerts.
   */
  private static List<CaseAlert> bostonCases(SlaDriver driver, boolean tick) {
    List<CaseAlert> alerts = new ArrayList<>();
    driver.pipe(
        TestRecords.submittedWithSourceDue(
            "a1",
            "boston311-101001240915",
            Instant.parse("2015-01-02T12:26:14Z"),
            Instant.parse("2015-01-05T13:30:00Z")));
    driver.pipe(
        TestRecords.submittedWithSourceDue(
            "b1",
            "boston311-101001241166",
            Instant.parse("2015-01-02T15:51:34Z"),
            Instant.parse("2015-01-05T15:51:34Z")));
    driver.pipe(
        TestRecords.resolved(
            "a2", "boston311-101001240915", Instant.parse("2015-01-02T17:31:05Z")));
    alerts.addAll(driver.readAlerts());
    if (tick) {
      driver.pipe(TestRecords.tick(Instant.parse("2015-01-02T18:00:00Z"), 0));
      alerts.addAll(driver.readAlerts());
    }
    driver.pipe(
        TestRecords.resolved(
            "b2", "boston311-101001241166", Instant.parse("2015-01-05T21:52:35Z")));
    alerts.addAll(driver.readAlerts());
    return alerts;
  }
}
