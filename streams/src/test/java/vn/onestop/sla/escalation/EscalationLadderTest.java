package vn.onestop.sla.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static vn.onestop.schema.testkit.CaseScript.at;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Category;
import vn.onestop.schema.ClockKind;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.testkit.CaseScript;
import vn.onestop.sla.calendar.Calendars;
import vn.onestop.sla.cases.CaseFixture;
import vn.onestop.sla.cases.StateCopies;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.state.CaseState;

/**
 * The escalation ladder in virtual time. Hand-computed instants for a first-level khiếu nại
 * accepted on Thu 05/03/2026 10:00 (resolution due 07/04/2026 00:00 = 24:00 of Mon 06/04):
 * warn-75pct = 05/03 10:00 + 0.75 × 782 h = 29/03 20:30; warn-1wd-before = 24:00 of Fri 03/04;
 * breach = 07/04 00:00; level 2 = 3 working days later (07, 08, 09/04) = 10/04 00:00; level 3 = 5
 * more (10, 13, 14, 15, 16/04) = 17/04 00:00.
 */
class EscalationLadderTest {

  private static final String R = "KN1-2011-RESOLUTION/";
  private static final Instant DUE = at("2026-04-07T00:00");

  /**
   * The first instant at which something due at d has fired: stream time must pass d (the engine's
   * firing rule, Bộ luật Dân sự 2015 Điều 148: the period ends at 24:00 of its last day).
   */
  static Instant justAfter(Instant d) {
    return d.plusMillis(1);
  }

  private final CaseFixture fixture = new CaseFixture();
  private final CaseScript ev = new CaseScript("C-7");

  private CaseFixture.When acceptedKn1() {
    return fixture.given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"));
  }

  @Test
  void theFullLadderFiresInOrderWithDecidedAtEqualToEachDueInstant() {
    acceptedKn1()
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlertRules(
            R + "warn-75pct",
            R + "warn-1wd-before",
            R + "breach",
            R + "escalate-2",
            R + "escalate-3")
        .expectAlerts(
            alerts -> {
              assertThat(alerts)
                  .extracting(CaseAlert::getDecidedAt)
                  .containsExactly(
                      at("2026-03-29T20:30"),
                      at("2026-04-04T00:00"),
                      DUE,
                      at("2026-04-10T00:00"),
                      at("2026-04-17T00:00"));
              assertThat(alerts)
                  .extracting(
                      CaseAlert::getKind,
                      CaseAlert::getLevel,
                      CaseAlert::getRecipientUnitId,
                      CaseAlert::getRecipientOfficialId)
                  .containsExactly(
                      tuple(AlertKind.WARNING, 0, "U-WARD", "H-WARD"),
                      tuple(AlertKind.WARNING, 0, "U-WARD", "H-WARD"),
                      tuple(AlertKind.BREACH, 1, "U-WARD", "H-WARD"),
                      tuple(AlertKind.ESCALATION, 2, "U-DISTRICT", "H-DIST"),
                      tuple(AlertKind.ESCALATION, 3, "U-CITY", "H-CITY"));
              assertThat(alerts)
                  .allSatisfy(
                      a -> {
                        assertThat(a.getCaseId()).isEqualTo("C-7");
                        assertThat(a.getUnitId()).isEqualTo("U-WARD");
                        assertThat(a.getClock()).isEqualTo(ClockKind.RESOLUTION);
                        assertThat(a.getCategory()).isEqualTo(Category.KHIEU_NAI);
                        assertThat(a.getPolicyId()).isEqualTo("KN1-2011");
                        assertThat(a.getLegalBasis()).contains("Luật Khiếu nại 2011, Điều 28");
                        assertThat(a.getDeadline()).isEqualTo(DUE);
                      });
            })
        .expectState(
            s -> {
              assertThat(s.getEscalationLevel()).isEqualTo(3);
              assertThat(s.getEmittedAlertKeys()).hasSize(5);
            });
    assertThat(fixture.nextDueAt()).isNull();
  }

  @Test
  void decidedAtIsTheDueInstantWhateverUpToIs() {
    acceptedKn1()
        .whenTimeElapsesTo(at("2026-04-06T23:59:59.999"))
        .expectAlertRules(R + "warn-75pct", R + "warn-1wd-before")
        .andWhenTimeElapsesTo(DUE)
        .expectNoAlerts() // the firing rule: due at D fires once time passes D
        .andWhenTimeElapsesTo(justAfter(DUE))
        .expectAlertRules(R + "breach")
        .expectAlerts(a -> assertThat(a.get(0).getDecidedAt()).isEqualTo(DUE));
    CaseFixture late = new CaseFixture();
    CaseScript ev2 = new CaseScript("C-7");
    late.given(ev2.submittedKn1("2026-03-02T09:00"), ev2.accepted("2026-03-05T10:00"))
        .whenTimeElapsesTo(at("2027-01-01T00:00"))
        .expectAlerts(
            a ->
                assertThat(a)
                    .filteredOn(x -> x.getRuleId().endsWith("breach"))
                    .extracting(CaseAlert::getDecidedAt)
                    .containsExactly(DUE));
  }

  @Test
  void eachAlertIsEmittedOnceAndNextDueAtAdvances() {
    acceptedKn1();
    assertThat(fixture.nextDueAt()).isEqualTo(at("2026-03-29T20:30"));
    fixture
        .given()
        .whenTimeElapsesTo(at("2026-04-05T00:00"))
        .expectAlertRules(R + "warn-75pct", R + "warn-1wd-before");
    assertThat(fixture.nextDueAt()).isEqualTo(DUE);
    fixture
        .given()
        .whenTimeElapsesTo(at("2026-04-05T00:00"))
        .expectNoAlerts()
        .andWhenTimeElapsesTo(at("2026-03-01T00:00"))
        .expectNoAlerts()
        .andWhenTimeElapsesTo(at("2026-04-12T00:00"))
        .expectAlertRules(R + "breach", R + "escalate-2")
        .andWhenTimeElapsesTo(at("2026-04-12T00:00"))
        .expectNoAlerts();
    assertThat(fixture.nextDueAt()).isEqualTo(at("2026-04-17T00:00"));
  }

  @Test
  void alertIdsAreDeterministicAndDistinct() {
    acceptedKn1().whenTimeElapsesTo(at("2026-06-01T00:00"));
    List<CaseAlert> alerts = fixture.allAlerts();
    assertThat(alerts).extracting(CaseAlert::getAlertId).doesNotHaveDuplicates();
    assertThat(alerts.get(2).getAlertId())
        .isEqualTo(EscalationLadder.alertId("C-7", "RESOLUTION", R + "breach", 1, DUE));
    CaseFixture replay = new CaseFixture();
    CaseScript ev2 = new CaseScript("C-7");
    replay
        .given(ev2.submittedKn1("2026-03-02T09:00"), ev2.accepted("2026-03-05T10:00"))
        .whenTimeElapsesTo(at("2026-04-08T00:00"))
        .andWhenTimeElapsesTo(at("2026-06-01T00:00"));
    assertThat(replay.allAlerts()).isEqualTo(alerts);
  }

  @Test
  void anAlertDueBeforeAResolutionIsNotLost() {
    acceptedKn1()
        .when(ev.resolved("2026-04-08T09:00"))
        .expectApplied()
        .expectAlertRules(R + "warn-75pct", R + "warn-1wd-before", R + "breach");
    assertThat(fixture.nextDueAt()).isNull();
    fixture.given().whenTimeElapsesTo(at("2026-06-01T00:00")).expectNoAlerts();
  }

  @Test
  void closedCasesHaveNoPendingAlertAndFireReturnsTheSameState() {
    fixture.given(ev.submittedKn1("2026-03-02T09:00"), ev.withdrawn("2026-03-03T09:00"));
    CaseState s = fixture.state();
    Fired f = new EscalationLadder(CaseFixture.BOOK).fire(s, at("2027-01-01T00:00"), fixture.org());
    assertThat(f.alerts()).isEmpty();
    assertThat(f.state()).isSameAs(s);
  }

  @Test
  void theAcceptanceClockHasItsOwnLadder() {
    // received Mon 02/03 09:00, due 13/03 00:00; 75 % of 255 h = 191.25 h -> 10/03 08:15;
    // 1 working day before the last day (Thu 12/03) = 24:00 of Wed 11/03
    String a = "KN1-2011-ACCEPTANCE/";
    fixture
        .given(ev.submittedKn1("2026-03-02T09:00"))
        .whenTimeElapsesTo(justAfter(at("2026-03-13T00:00")))
        .expectAlertRules(a + "warn-75pct", a + "warn-1wd-before", a + "breach")
        .expectAlerts(
            alerts -> {
              assertThat(alerts)
                  .extracting(CaseAlert::getDecidedAt)
                  .containsExactly(
                      at("2026-03-10T08:15"), at("2026-03-12T00:00"), at("2026-03-13T00:00"));
              assertThat(alerts)
                  .allSatisfy(
                      x -> {
                        assertThat(x.getClock()).isEqualTo(ClockKind.ACCEPTANCE);
                        assertThat(x.getLegalBasis()).contains("Điều 27");
                      });
            })
        // late acceptance before level 2 (18/03 00:00): the acceptance ladder stops, the resolution
        // one starts
        .andWhen(ev.accepted("2026-03-16T09:00"))
        .expectNoAlerts()
        .expectState(s -> assertThat(s.getEscalationLevel()).isZero());
    assertThat(fixture.nextDueAt()).isAfter(at("2026-03-18T00:00"));
  }

  @Test
  void warningsGoToTheAssignedOfficer() {
    acceptedKn1()
        .andGiven(ev.assigned("2026-03-06T09:00", "O-1"))
        .whenTimeElapsesTo(justAfter(DUE))
        .expectAlerts(
            a ->
                assertThat(a)
                    .extracting(CaseAlert::getRecipientOfficialId)
                    .containsExactly("O-1", "O-1", "H-WARD"));
  }

  @Test
  void aHeadWhoIsTheSubjectIsSkippedForTheDeputy() {
    fixture
        .given(
            ev.submitted(
                "2026-03-02T09:00",
                CaseScript.submission(Category.TO_CAO, null, "U-WARD")
                    .setSubjectOfficialId("H-WARD")
                    .build()),
            ev.accepted("2026-03-05T10:00"))
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            a ->
                assertThat(a)
                    .extracting(
                        CaseAlert::getLevel,
                        CaseAlert::getRecipientUnitId,
                        CaseAlert::getRecipientOfficialId)
                    .containsExactly(
                        tuple(0, "U-WARD", "D-WARD"),
                        tuple(0, "U-WARD", "D-WARD"),
                        tuple(1, "U-WARD", "D-WARD"),
                        tuple(2, "U-DISTRICT", "H-DIST"),
                        tuple(3, "U-CITY", "H-CITY")));
    assertThat(fixture.allAlerts())
        .extracting(CaseAlert::getRecipientOfficialId)
        .doesNotContain("H-WARD");
  }

  @Test
  void aSubjectHeadWithoutDeputyIsSkippedForTheNextUnitUp() {
    fixture
        .given(
            ev.submitted(
                "2026-03-02T09:00",
                CaseScript.submission(Category.TO_CAO, null, "U-NODEP")
                    .setSubjectOfficialId("H-NODEP")
                    .build()),
            ev.accepted("2026-03-05T10:00"))
        .whenTimeElapsesTo(at("2026-04-07T00:00"))
        .expectAlerts(
            a ->
                assertThat(a)
                    .extracting(CaseAlert::getRecipientUnitId, CaseAlert::getRecipientOfficialId)
                    .containsOnly(tuple("U-DISTRICT", "H-DIST")));
  }

  @Test
  void aSubjectParentHeadIsSkippedAtLevelTwo() {
    fixture
        .given(
            ev.submitted(
                "2026-03-02T09:00",
                CaseScript.submission(Category.TO_CAO, null, "U-WARD")
                    .setSubjectOfficialId("H-DIST")
                    .build()),
            ev.accepted("2026-03-05T10:00"))
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            a ->
                assertThat(a)
                    .filteredOn(x -> x.getLevel() == 2)
                    .extracting(CaseAlert::getRecipientUnitId, CaseAlert::getRecipientOfficialId)
                    .containsExactly(tuple("U-DISTRICT", "D-DIST")));
  }

  @Test
  void aCaseOfTheTopUnitFiresEveryLevelOnceToTheSameRecipient() {
    fixture
        .given(
            ev.submitted(
                "2026-03-02T09:00", CaseScript.submission(Category.KHIEU_NAI, 1, "U-CITY").build()),
            ev.accepted("2026-03-05T10:00"))
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            a -> {
              assertThat(a)
                  .filteredOn(x -> x.getLevel() >= 1)
                  .extracting(
                      CaseAlert::getLevel,
                      CaseAlert::getRecipientUnitId,
                      CaseAlert::getRecipientOfficialId)
                  .containsExactly(
                      tuple(1, "U-CITY", "H-CITY"),
                      tuple(2, "U-CITY", "H-CITY"),
                      tuple(3, "U-CITY", "H-CITY"));
              assertThat(a).extracting(CaseAlert::getAlertId).doesNotHaveDuplicates();
            })
        .andWhenTimeElapsesTo(at("2026-07-01T00:00"))
        .expectNoAlerts();
  }

  @Test
  void orgChangesApplyToLaterAlertsOnly() {
    acceptedKn1()
        .whenTimeElapsesTo(at("2026-04-05T00:00"))
        .expectAlerts(
            a ->
                assertThat(a)
                    .extracting(CaseAlert::getRecipientOfficialId)
                    .containsExactly("H-WARD", "H-WARD"));
    fixture
        .putUnit("U-WARD", "U-DISTRICT", 2, "H-WARD-NEW", "D-WARD")
        .putUnit("U-DISTRICT", "U-CITY", 1, "H-DIST-NEW", null)
        .given()
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            a ->
                assertThat(a)
                    .extracting(CaseAlert::getRecipientOfficialId)
                    .containsExactly("H-WARD-NEW", "H-DIST-NEW", "H-CITY"));
    assertThat(fixture.allAlerts())
        .extracting(CaseAlert::getRecipientOfficialId)
        .containsExactly("H-WARD", "H-WARD", "H-WARD-NEW", "H-DIST-NEW", "H-CITY");
  }

  @Test
  void aReparentedUnitEscalatesToItsNewParent() {
    acceptedKn1().whenTimeElapsesTo(justAfter(DUE));
    fixture
        .putUnit("U-STATE", null, 0, "H-STATE", null)
        .putUnit("U-WARD", "U-STATE", 1, "H-WARD", "D-WARD")
        .given()
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            a ->
                assertThat(a)
                    .extracting(CaseAlert::getRecipientUnitId)
                    .containsExactly("U-STATE", "U-STATE"));
  }

  @Test
  void afterATransferAlertsGoToTheNewUnit() {
    acceptedKn1()
        .when(ev.transferred("2026-04-01T09:00", "U-OTHER"))
        .expectAlertRules(R + "warn-75pct")
        .expectAlerts(a -> assertThat(a.get(0).getRecipientUnitId()).isEqualTo("U-WARD"))
        .andWhenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            a -> {
              assertThat(a)
                  .extracting(CaseAlert::getRuleId)
                  .containsExactly(
                      R + "warn-1wd-before", R + "breach", R + "escalate-2", R + "escalate-3");
              assertThat(a).extracting(CaseAlert::getUnitId).containsOnly("U-OTHER");
              assertThat(a)
                  .extracting(CaseAlert::getRecipientOfficialId)
                  .containsExactly("H-OTHER", "H-OTHER", "H-DIST", "H-CITY");
              assertThat(a).extracting(CaseAlert::getDeadline).containsOnly(DUE);
            });
  }

  @Test
  void aUnitUnknownToTheDirectoryStillGetsItsAlertsWithoutOfficial() {
    acceptedKn1()
        .andGiven(ev.transferred("2026-03-06T09:00", "U-GHOST"))
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            a ->
                assertThat(a)
                    .extracting(CaseAlert::getRecipientUnitId, CaseAlert::getRecipientOfficialId)
                    .containsOnly(tuple("U-GHOST", null)));
  }

  @Test
  void suspensionStopsTheLadderAndResumptionRearmsItForTheNewDueDate() {
    // the assumption this test rests on: Hùng Kings day 2026 is observed on Monday 27/04
    assertThat(Calendars.civilService().isWorkingDay(LocalDate.of(2026, 4, 27))).isFalse();
    String t = "TC-2018-RESOLUTION/";
    fixture
        .given(
            ev.submittedTc("2026-03-02T09:00", Complexity.NORMAL), ev.accepted("2026-03-05T10:00"))
        .when(ev.suspended("2026-03-30T09:00", "QĐ-TĐC-1"))
        .expectApplied()
        .expectAlertRules(t + "warn-75pct");
    assertThat(fixture.nextDueAt()).isNull();
    fixture.given().whenTimeElapsesTo(at("2026-04-19T00:00")).expectNoAlerts();
    // 7 days remained after 30/03 (to 06/04); resumed Mon 20/04 + 7 = 27/04 (holiday) -> Tue 28/04
    fixture
        .given()
        .when(ev.resumed("2026-04-20T09:00"))
        .expectApplied()
        .expectState(s -> assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-04-29T00:00")))
        .andWhenTimeElapsesTo(justAfter(at("2026-04-29T00:00")))
        // the new 75 % point (15/04 08:30) lies before the resumption: not emitted
        .expectAlertRules(t + "warn-1wd-before", t + "breach")
        .expectAlerts(
            a -> {
              assertThat(a)
                  .extracting(CaseAlert::getDecidedAt)
                  .containsExactly(at("2026-04-25T00:00"), at("2026-04-29T00:00"));
              assertThat(a).extracting(CaseAlert::getDeadline).containsOnly(at("2026-04-29T00:00"));
            });
    assertThat(fixture.allAlerts().get(0).getDeadline()).isEqualTo(DUE);
  }

  @Test
  void anExtensionRearmsTheLadderWithNewAlertIds() {
    String t = "TC-2018-RESOLUTION/";
    fixture
        .given(
            ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX), ev.accepted("2026-03-05T10:00"))
        .whenTimeElapsesTo(justAfter(DUE))
        .expectAlertRules(t + "warn-75pct", t + "warn-1wd-before", t + "breach")
        .expectState(s -> assertThat(s.getEscalationLevel()).isEqualTo(1))
        .andWhen(ev.extended("2026-04-08T09:00", 30, "QĐ-GH-1"))
        .expectApplied()
        .expectNoAlerts()
        .expectState(s -> assertThat(s.getEscalationLevel()).isZero())
        // new due 07/05 00:00: 75 % of 1502 h from 05/03 10:00 = 21/04 08:30; 1 wd before Wed 06/05
        // = 06/05 00:00
        .andWhenTimeElapsesTo(justAfter(at("2026-05-07T00:00")))
        .expectAlertRules(t + "warn-75pct", t + "warn-1wd-before", t + "breach")
        .expectAlerts(
            a -> {
              assertThat(a)
                  .extracting(CaseAlert::getDecidedAt)
                  .containsExactly(
                      at("2026-04-21T08:30"), at("2026-05-06T00:00"), at("2026-05-07T00:00"));
              assertThat(a).extracting(CaseAlert::getDeadline).containsOnly(at("2026-05-07T00:00"));
            });
    assertThat(fixture.allAlerts()).extracting(CaseAlert::getAlertId).doesNotHaveDuplicates();
    // the old deadline's level 2 (10/04) was never reached: the extension came first
    assertThat(fixture.allAlerts())
        .extracting(CaseAlert::getRuleId)
        .doesNotContain(t + "escalate-2");
  }

  @Test
  void alertsCarryNoComplainantData() {
    acceptedKn1().whenTimeElapsesTo(at("2026-06-01T00:00"));
    assertThat(fixture.allAlerts())
        .isNotEmpty()
        .allSatisfy(
            a ->
                assertThat(a.toString())
                    .doesNotContain(
                        CaseScript.COMPLAINANT_NAME,
                        CaseScript.COMPLAINANT_PHONE,
                        "001099012345",
                        "bồi dưỡng"));
  }

  @Test
  void aSourceProvidedDueDateBreachesAtThatInstant() {
    Instant due = at("2026-03-05T17:00");
    fixture
        .given(
            ev.submitted(
                "2026-03-02T09:00",
                CaseScript.submission(Category.SERVICE_REQUEST, null, "U-WARD")
                    .setSourceDueAt(due)
                    .build()))
        .whenTimeElapsesTo(justAfter(due))
        .expectAlerts(
            a ->
                assertThat(a)
                    .filteredOn(x -> x.getKind() == AlertKind.BREACH)
                    .extracting(CaseAlert::getRuleId, CaseAlert::getDecidedAt)
                    .containsExactly(tuple("SOURCE_PROVIDED-RESOLUTION/breach", due)));
  }

  @Test
  void eachLevelGoesToTheHeadInOfficeAtItsDecidedAtWhateverTheFiringTime() {
    // Ward head replaced exactly at the breach instant, district head one millisecond after the
    // level-2 instant, city head between level 2 and level 3; all versions are known before
    // anything fires, and everything fires in one late call: only decidedAt chooses the version.
    fixture
        .putUnitFrom(DUE, "U-WARD", "U-DISTRICT", 2, "H-WARD-2", null)
        .putUnitFrom(
            at("2026-04-10T00:00").plusMillis(1), "U-DISTRICT", "U-CITY", 1, "H-DIST-2", null)
        .putUnitFrom(at("2026-04-16T00:00"), "U-CITY", null, 0, "H-CITY-2", null);
    acceptedKn1()
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            alerts ->
                assertThat(alerts)
                    .extracting(
                        CaseAlert::getLevel,
                        CaseAlert::getDecidedAt,
                        CaseAlert::getRecipientUnitId,
                        CaseAlert::getRecipientOfficialId)
                    .containsExactly(
                        tuple(0, at("2026-03-29T20:30"), "U-WARD", "H-WARD"),
                        tuple(0, at("2026-04-04T00:00"), "U-WARD", "H-WARD"),
                        tuple(1, DUE, "U-WARD", "H-WARD-2"),
                        tuple(2, at("2026-04-10T00:00"), "U-DISTRICT", "H-DIST"),
                        tuple(3, at("2026-04-17T00:00"), "U-CITY", "H-CITY-2")));
  }

  @Test
  void aParentChangeAppliesToTheEscalationsDecidedFromItsValidFrom() {
    // From 09/04 the ward reports to U-OTHER's district sibling chain: U-NODEP as its parent,
    // whose parent is still U-DISTRICT; level 2 (10/04) goes to U-NODEP's head, level 3 to the top.
    fixture.putUnitFrom(at("2026-04-09T00:00"), "U-WARD", "U-NODEP", 3, "H-WARD", null);
    acceptedKn1()
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            alerts ->
                assertThat(alerts)
                    .filteredOn(a -> a.getLevel() >= 1)
                    .extracting(CaseAlert::getLevel, CaseAlert::getRecipientOfficialId)
                    .containsExactly(tuple(1, "H-WARD"), tuple(2, "H-NODEP"), tuple(3, "H-CITY")));
  }

  @Test
  void anAlertDecidedBeforeAUnitsFirstVersionFindsNoHead() {
    // The district exists only from 01/05/2026: level 2 (10/04) finds no district version, so it
    // goes to the district id with no official, and level 3 cannot climb past it.
    fixture
        .removeUnit("U-DISTRICT")
        .putUnitFrom(at("2026-05-01T00:00"), "U-DISTRICT", "U-CITY", 1, "H-DIST", null);
    acceptedKn1()
        .whenTimeElapsesTo(at("2026-06-01T00:00"))
        .expectAlerts(
            alerts ->
                assertThat(alerts)
                    .filteredOn(a -> a.getLevel() >= 1)
                    .extracting(
                        CaseAlert::getLevel,
                        CaseAlert::getRecipientUnitId,
                        CaseAlert::getRecipientOfficialId)
                    .containsExactly(
                        tuple(1, "U-WARD", "H-WARD"),
                        tuple(2, "U-DISTRICT", null),
                        tuple(3, "U-DISTRICT", null)));
  }

  /**
   * The ladder's steps are memoized per clock (docs/benchmarks.md, item 9); a clock changed in
   * place (the same state object, as the decider's copies are) must still get its own steps.
   */
  @Test
  void theStepsFollowEveryChangeOfTheClockEvenOnTheSameStateObject() {
    CaseState[] held = new CaseState[1];
    acceptedKn1().whenTimeElapsesTo(at("2026-03-06T00:00")).expectState(s -> held[0] = s);
    CaseState s = held[0];
    EscalationLadder ladder = new EscalationLadder(PolicyBook.defaults());
    assertThat(ladder.pending(s))
        .extracting(PendingAlert::ruleId)
        .containsExactly(
            R + "warn-75pct",
            R + "warn-1wd-before",
            R + "breach",
            R + "escalate-2",
            R + "escalate-3");

    s.getClock().setArmedAt(at("2026-03-30T00:00")); // after warn-75pct (29/03 20:30)
    assertThat(ladder.pending(s))
        .extracting(PendingAlert::ruleId)
        .containsExactly(R + "warn-1wd-before", R + "breach", R + "escalate-2", R + "escalate-3");

    s.getClock().setDueAt(at("2026-04-08T00:00"));
    // 75 % of 806 h from 05/03 10:00 = 30/03 14:30, after the armed instant again
    assertThat(ladder.nextDueAt(s)).contains(at("2026-03-30T14:30"));
    assertThat(ladder.pending(s))
        .filteredOn(p -> p.ruleId().equals(R + "breach"))
        .extracting(PendingAlert::at)
        .containsExactly(at("2026-04-08T00:00"));
  }

  @Test
  void theStepsOfInterleavedClocksAndOfAnotherPolicyBookStayTheirOwn() {
    CaseState[] held = new CaseState[1];
    acceptedKn1().whenTimeElapsesTo(at("2026-03-06T00:00")).expectState(s -> held[0] = s);
    CaseState a = held[0];
    CaseState b = StateCopies.copy(a);
    b.getClock().setDueAt(at("2026-04-08T00:00"));
    EscalationLadder ladder = new EscalationLadder(PolicyBook.defaults());
    List<PendingAlert> aFirst = ladder.pending(a);
    List<PendingAlert> bFirst = ladder.pending(b);
    assertThat(bFirst).isNotEqualTo(aFirst);

    assertThat(ladder.pending(a)).isEqualTo(aFirst);
    assertThat(ladder.pending(b)).isEqualTo(bFirst);
    // many other clocks in between: a and b are the same again
    CaseState other = StateCopies.copy(a);
    for (int i = 0; i < 20_000; i++) {
      other.getClock().setDueAt(at("2026-05-01T00:00").plusSeconds(60L * i));
      ladder.nextDueAt(other);
    }
    assertThat(ladder.pending(a)).isEqualTo(aFirst);
    assertThat(ladder.pending(b)).isEqualTo(bFirst);
    // a ladder on other books does not see this one's steps
    EscalationLadder noWarnings = new EscalationLadder(booksWithoutWarnings());
    assertThat(noWarnings.pending(a))
        .extracting(PendingAlert::ruleId)
        .containsExactly(R + "breach", R + "escalate-2", R + "escalate-3");
    assertThat(ladder.pending(a)).isEqualTo(aFirst);
  }

  /** The bundled policies with every warning rule removed. */
  private static PolicyBook booksWithoutWarnings() {
    try (InputStream in = PolicyBook.class.getResourceAsStream("/policy/sla-policies.json")) {
      ObjectMapper json = new ObjectMapper();
      JsonNode root = json.readTree(in);
      root.get("policies").forEach(p -> ((ObjectNode) p).set("warnings", json.createArrayNode()));
      return PolicyBook.load(new ByteArrayInputStream(json.writeValueAsBytes(root)), "no-warnings");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
