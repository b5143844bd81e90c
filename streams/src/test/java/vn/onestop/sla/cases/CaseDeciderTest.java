package vn.onestop.sla.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.onestop.schema.testkit.CaseScript.at;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complexity;
import vn.onestop.schema.testkit.CaseScript;
import vn.onestop.sla.state.CaseClockKind;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.CaseStatus;

/**
 * Every transition and every rejection reason of {@link CaseDecider}. Expected due instants are
 * worked out by hand from the 2026 civil-service calendar (Civil Code arts. 147–148: the event day
 * is not counted, the period ends at 24:00 of its last day, a last day on a rest day moves to the
 * next working day).
 */
class CaseDeciderTest {

  private final CaseFixture fixture = new CaseFixture();
  private final CaseScript ev = new CaseScript("C-1");

  @Nested
  class Submission {

    @Test
    void khieuNaiStartsTheTenDayAcceptanceClockFromReceipt() {
      // Mon 02/03/2026 + 10 days = Thu 12/03 -> 24:00 = 13/03 00:00 (Luật KN 2011 Điều 27)
      fixture
          .givenNoPriorActivity()
          .when(ev.submittedKn1("2026-03-02T09:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.SUBMITTED);
                assertThat(s.getPolicyId()).isEqualTo("KN1-2011");
                assertThat(s.getCategory()).isEqualTo("KHIEU_NAI");
                assertThat(s.getComplaintLevel()).isEqualTo(1);
                assertThat(s.getUnitId()).isEqualTo("U-WARD");
                assertThat(s.getClock().getKind()).isEqualTo(CaseClockKind.ACCEPTANCE);
                assertThat(s.getClock().getStartedAt()).isEqualTo(at("2026-03-02T09:00"));
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-03-13T00:00"));
                assertThat(s.getClock().getLegalBasis()).contains("Điều 27");
                assertThat(s.getProcessedEventIds()).containsExactly("C-1-e1");
                assertThat(s.getLastEventAt()).isEqualTo(at("2026-03-02T09:00"));
              });
    }

    @Test
    void toCaoAcceptanceCountsSevenWorkingDays() {
      // 03,04,05,06,09,10,11/03 -> 24:00 of Wed 11/03
      fixture
          .givenNoPriorActivity()
          .when(ev.submittedTc("2026-03-02T09:00", Complexity.NORMAL))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getPolicyId()).isEqualTo("TC-2018");
                assertThat(s.getComplaintLevel()).isNull();
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-03-12T00:00"));
              });
    }

    @Test
    void sourceProvidedDueDateIsAResolutionClockWithoutAcceptanceStep() {
      Instant due = at("2026-03-05T17:00");
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.SERVICE_REQUEST, null, "U-WARD")
                      .setSourceDueAt(due)
                      .setSourceRecordId("101000295613")
                      .build()))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getPolicyId()).isEqualTo(CaseDecider.SOURCE_PROVIDED_POLICY);
                assertThat(s.getClock().getKind()).isEqualTo(CaseClockKind.RESOLUTION);
                assertThat(s.getClock().getDueAt()).isEqualTo(due);
                assertThat(s.getClock().getPeriodAmount()).isNull();
                assertThat(s.getSourceDueAt()).isEqualTo(due);
              })
          // 311 data has no acceptance step: Submitted -> Resolved is allowed
          .andWhen(ev.resolved("2026-03-04T11:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.RESOLVED);
                assertThat(s.getClock()).isNull();
              });
    }

    @Test
    void serviceRequestWithoutSourceDueDateHasNoClock() {
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.SERVICE_REQUEST, null, "U-WARD").build()))
          .expectApplied()
          .expectState(s -> assertThat(s.getClock()).isNull());
      assertThat(fixture.nextDueAt()).isNull();
    }

    @Test
    void phanAnhAcceptanceIsEightWorkingHours() {
      // Mon 09:00-12:00 (3 h) + 13:00-17:00 (4 h) + Tue 08:00-09:00 (1 h)
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.PHAN_ANH, null, "U-WARD").build()))
          .expectApplied()
          .expectState(s -> assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-03-03T09:00")));
    }

    @Test
    void explicitTestPolicyIsUsedById() {
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.PHAN_ANH, null, "U-WARD")
                      .setPolicyId("TEST-SECONDS")
                      .build()))
          .expectApplied()
          .expectState(
              s -> assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-03-02T09:00:20")));
    }

    @Test
    void theStateCarriesNoComplainantData() {
      fixture.given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-03T09:00"));
      String dump = fixture.state().toString();
      assertThat(dump)
          .doesNotContain(
              CaseScript.COMPLAINANT_NAME,
              CaseScript.COMPLAINANT_PHONE,
              "001099012345",
              "bồi dưỡng");
    }

    @Test
    void khieuNaiWithoutLevelIsRejected() {
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.KHIEU_NAI, null, "U-WARD").build()))
          .expectRefused(RefusalCode.INVALID_VALUE, "NONE");
    }

    @Test
    void unknownPolicyIdIsRejected() {
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.PHAN_ANH, null, "U-WARD")
                      .setPolicyId("NO-SUCH")
                      .build()))
          .expectRefused(RefusalCode.UNKNOWN_POLICY, "NONE");
    }

    @Test
    void unknownCategoryHasNoPolicy() {
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.UNKNOWN, null, "U-WARD").build()))
          .expectRefused(RefusalCode.UNKNOWN_POLICY, "NONE");
    }

    @Test
    void blankUnitIsRejected() {
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00", CaseScript.submission(Category.PHAN_ANH, null, " ").build()))
          .expectRefused(RefusalCode.MISSING_FIELD, "NONE");
    }

    @Test
    void sourceDueDateBeforeReceiptIsRejected() {
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.SERVICE_REQUEST, null, "U-WARD")
                      .setSourceDueAt(at("2026-03-01T09:00"))
                      .build()))
          .expectRefused(RefusalCode.SOURCE_DUE_BEFORE_RECEIPT, "NONE");
    }

    @Test
    void sourceDueDateOneMillisecondBeforeReceiptIsRejected() {
      Instant open = at("2026-03-02T09:00");
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.SERVICE_REQUEST, null, "U-WARD")
                      .setSourceDueAt(open.minusMillis(1))
                      .build()))
          .expectRefused(RefusalCode.SOURCE_DUE_BEFORE_RECEIPT, "NONE");
    }

    @Test
    void sourceDueDateEqualToReceiptIsAZeroLengthPeriodDueImmediately() {
      // Boston 311 rows with TARGET_DT == OPEN_DT; the source labels them OVERDUE when closed
      // later.
      Instant open = at("2026-03-02T09:00");
      fixture
          .givenNoPriorActivity()
          .when(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.SERVICE_REQUEST, null, "U-WARD")
                      .setSourceDueAt(open)
                      .build()))
          .expectApplied()
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getClock().getKind()).isEqualTo(CaseClockKind.RESOLUTION);
                assertThat(s.getClock().getDueAt()).isEqualTo(open);
                assertThat(s.getSourceDueAt()).isEqualTo(open);
              })
          .andWhenTimeElapsesTo(open)
          .expectNoAlerts() // the firing rule: due at d fires once time passes d
          .andWhenTimeElapsesTo(open.plusMillis(1))
          .expectAlertRules(CaseDecider.SOURCE_PROVIDED_POLICY + "-RESOLUTION/breach");
    }

    @Test
    void aSecondSubmittedIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.submittedKn1("2026-03-02T10:00"))
          .expectRefused(RefusalCode.ALREADY_EXISTS, "SUBMITTED");
    }

    @Test
    void anyOtherFirstEventIsRejected() {
      fixture
          .given()
          .when(ev.resolved("2026-03-02T09:00"))
          .expectRefused(RefusalCode.UNKNOWN_CASE, "NONE");
    }
  }

  @Nested
  class Acceptance {

    @Test
    void acceptanceStartsTheResolutionClockFromThuLy() {
      // Thu 05/03 + 30 days = Sat 04/04 (rest) -> Mon 06/04 -> 07/04 00:00 (Luật KN 2011 Điều 28)
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.accepted("2026-03-05T10:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.ACCEPTED);
                assertThat(s.getAcceptedAt()).isEqualTo(at("2026-03-05T10:00"));
                assertThat(s.getClock().getKind()).isEqualTo(CaseClockKind.RESOLUTION);
                assertThat(s.getClock().getStartedAt()).isEqualTo(at("2026-03-05T10:00"));
                assertThat(s.getClock().getPeriodAmount()).isEqualTo(30);
                assertThat(s.getClock().getPeriodUnit()).isEqualTo("CALENDAR_DAYS");
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-04-07T00:00"));
                assertThat(s.getClock().getLegalBasis()).contains("Điều 28");
              });
    }

    @Test
    void reclassificationAtAcceptanceSelectsTheComplexPeriod() {
      // 05/03 + 45 = Sun 19/04 -> Mon 20/04
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.accepted("2026-03-05T10:00", Complexity.COMPLEX))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getComplexity()).isEqualTo("COMPLEX");
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-04-21T00:00"));
              });
    }

    @Test
    void remoteComplexComplaintGetsSixtyDays() {
      // 05/03 + 60 = Mon 04/05/2026 (after the 30/04-01/05 holidays)
      fixture
          .given(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.KHIEU_NAI, 1, "U-WARD")
                      .setRemoteArea(true)
                      .setComplexity(Complexity.COMPLEX)
                      .build()))
          .when(ev.accepted("2026-03-05T10:00"))
          .expectApplied()
          .expectState(s -> assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-05-05T00:00")));
    }

    @Test
    void anOfficerAssignedBeforeAcceptanceMakesTheCaseAssigned() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.assigned("2026-03-02T10:00", "O-1"))
          .expectApplied()
          .expectState(s -> assertThat(s.getStatus()).isEqualTo(CaseStatus.SUBMITTED))
          .andWhen(ev.accepted("2026-03-05T10:00"))
          .expectApplied()
          .expectState(s -> assertThat(s.getStatus()).isEqualTo(CaseStatus.ASSIGNED));
    }

    @Test
    void aCaseAcceptedAfterItWasAssignedShowsTheAcceptance() {
      // ASSIGNED means "accepted and assigned": the step and acceptedAt tell it was accepted.
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.assigned("2026-03-02T10:00", "O-1"))
          .when(ev.accepted("2026-03-05T10:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.ASSIGNED);
                assertThat(s.getAcceptedAt()).isEqualTo(at("2026-03-05T10:00"));
                assertThat(StateFields.legalStep(s)).isEqualTo("THU_LY");
                assertThat(s.getClock().getKind().name()).isEqualTo("RESOLUTION");
              });
    }

    @Test
    void anAssignedCaseNotYetAcceptedIsStillAtReceipt() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.assigned("2026-03-02T10:00", "O-1"))
          .expectApplied()
          .expectState(s -> assertThat(StateFields.legalStep(s)).isEqualTo("TIEP_NHAN"));
    }

    @Test
    void acceptingTwiceIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"))
          .when(ev.accepted("2026-03-06T10:00"))
          .expectRefused(RefusalCode.NOT_SUBMITTED, "ACCEPTED");
    }

    @Test
    void refusalClosesTheCase() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.rejected("2026-03-04T09:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.REJECTED);
                assertThat(s.getClock()).isNull();
                assertThat(s.getClosedAt()).isEqualTo(at("2026-03-04T09:00"));
              });
      assertThat(fixture.nextDueAt()).isNull();
      fixture
          .given()
          .when(ev.accepted("2026-03-05T09:00"))
          .expectRefused(RefusalCode.CASE_CLOSED, "REJECTED");
    }

    @Test
    void refusalAfterAcceptanceIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"))
          .when(ev.rejected("2026-03-06T10:00"))
          .expectRefused(RefusalCode.NOT_SUBMITTED, "ACCEPTED");
    }
  }

  @Nested
  class AssignmentAndTransfer {

    @Test
    void assignmentMakesAnAcceptedCaseAssigned() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"))
          .when(ev.assigned("2026-03-05T11:00", "O-1"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.ASSIGNED);
                assertThat(s.getOfficerId()).isEqualTo("O-1");
              })
          .andWhen(ev.assigned("2026-03-06T11:00", "O-2"))
          .expectApplied()
          .expectState(s -> assertThat(s.getOfficerId()).isEqualTo("O-2"));
    }

    @Test
    void blankOfficerIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.assigned("2026-03-02T10:00", ""))
          .expectRefused(RefusalCode.MISSING_FIELD, "SUBMITTED");
    }

    @Test
    void assignmentOfAResolvedCaseIsRejected() {
      fixture
          .given(
              ev.submittedKn1("2026-03-02T09:00"),
              ev.accepted("2026-03-05T10:00"),
              ev.resolved("2026-03-20T10:00"))
          .when(ev.assigned("2026-03-21T10:00", "O-1"))
          .expectRefused(RefusalCode.NOT_OPEN, "RESOLVED");
    }

    @Test
    void transferMovesTheCaseAndKeepsTheClock() {
      fixture
          .given(
              ev.submittedKn1("2026-03-02T09:00"),
              ev.accepted("2026-03-05T10:00"),
              ev.assigned("2026-03-05T11:00", "O-1"))
          .when(ev.transferred("2026-03-10T09:00", "U-OTHER"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getUnitId()).isEqualTo("U-OTHER");
                assertThat(s.getOfficerId()).isNull();
                assertThat(s.getStatus()).isEqualTo(CaseStatus.ACCEPTED);
                assertThat(s.getTransferCount()).isEqualTo(1);
                assertThat(s.getClock().getStartedAt()).isEqualTo(at("2026-03-05T10:00"));
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-04-07T00:00"));
              });
    }

    @Test
    void transferOfASubmittedCaseKeepsTheAcceptanceClock() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.transferred("2026-03-03T09:00", "U-OTHER"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.SUBMITTED);
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-03-13T00:00"));
              });
    }

    @Test
    void transferToTheSameUnitIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.transferred("2026-03-03T09:00", "U-WARD"))
          .expectRefused(RefusalCode.SAME_UNIT, "SUBMITTED");
    }

    @Test
    void transferToABlankUnitIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.transferred("2026-03-03T09:00", ""))
          .expectRefused(RefusalCode.MISSING_FIELD, "SUBMITTED");
    }

    @Test
    void transferOfAWithdrawnCaseIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.withdrawn("2026-03-03T09:00"))
          .when(ev.transferred("2026-03-04T09:00", "U-OTHER"))
          .expectRefused(RefusalCode.CASE_CLOSED, "WITHDRAWN");
    }
  }

  @Nested
  class Suspension {

    private CaseFixture.When acceptedToCao() {
      return fixture.given(
          ev.submittedTc("2026-03-02T09:00", Complexity.NORMAL), ev.accepted("2026-03-05T10:00"));
    }

    @Test
    void suspensionPausesTheClockAndResumptionMovesTheDueDate() {
      // due 07/04 00:00 (last day 06/04). Suspended 10/03: 27 days remain after 10/03.
      // Resumed 20/03: 20/03 + 27 = Thu 16/04 -> 17/04 00:00 (Luật Tố cáo 2018 Điều 34)
      acceptedToCao()
          .when(ev.suspended("2026-03-10T15:00", "QĐ-12/TĐC"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.SUSPENDED);
                assertThat(s.getClock().getSuspendedAt()).isEqualTo(at("2026-03-10T15:00"));
                assertThat(s.getClock().getSuspensionDecision()).isEqualTo("QĐ-12/TĐC");
              });
      assertThat(fixture.nextDueAt()).isNull();
      fixture
          .given()
          .when(ev.resumed("2026-03-20T09:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.ACCEPTED);
                assertThat(s.getClock().getSuspendedAt()).isNull();
                assertThat(s.getClock().getSuspensionDecision()).isNull();
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-04-17T00:00"));
                assertThat(s.getClock().getArmedAt()).isEqualTo(at("2026-03-20T09:00"));
              });
    }

    @Test
    void resumptionRestoresAssigned() {
      acceptedToCao()
          .andGiven(
              ev.assigned("2026-03-06T09:00", "O-1"), ev.suspended("2026-03-10T15:00", "QĐ-1"))
          .when(ev.resumed("2026-03-11T09:00"))
          .expectApplied()
          .expectState(s -> assertThat(s.getStatus()).isEqualTo(CaseStatus.ASSIGNED));
    }

    @Test
    void suspensionWithoutDecisionNumberIsRejected() {
      acceptedToCao()
          .when(ev.suspended("2026-03-10T15:00", " "))
          .expectRefused(RefusalCode.MISSING_FIELD, "ACCEPTED");
    }

    @Test
    void suspensionBeforeAcceptanceIsRejected() {
      fixture
          .given(ev.submittedTc("2026-03-02T09:00", Complexity.NORMAL))
          .when(ev.suspended("2026-03-03T09:00", "QĐ-1"))
          .expectRefused(RefusalCode.NOT_IN_PROGRESS, "SUBMITTED");
    }

    @Test
    void suspendingTwiceIsRejected() {
      acceptedToCao()
          .andGiven(ev.suspended("2026-03-10T15:00", "QĐ-1"))
          .when(ev.suspended("2026-03-11T15:00", "QĐ-2"))
          .expectRefused(RefusalCode.NOT_IN_PROGRESS, "SUSPENDED");
    }

    @Test
    void khieuNaiCannotBeSuspendedBeforeJuly2026() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"))
          .when(ev.suspended("2026-03-10T15:00", "QĐ-1"))
          .expectRefused(RefusalCode.SUSPENSION_NOT_IN_FORCE, "ACCEPTED");
    }

    @Test
    void khieuNaiCanBeSuspendedFromJuly2026() {
      fixture
          .given(ev.submittedKn1("2026-07-01T09:00"), ev.accepted("2026-07-02T10:00"))
          .when(ev.suspended("2026-07-06T10:00", "QĐ-9"))
          .expectApplied()
          .expectState(s -> assertThat(s.getStatus()).isEqualTo(CaseStatus.SUSPENDED));
    }

    @Test
    void resumingARunningCaseIsRejected() {
      acceptedToCao()
          .when(ev.resumed("2026-03-10T15:00"))
          .expectRefused(RefusalCode.NOT_SUSPENDED, "ACCEPTED");
    }

    @Test
    void resolvingWhileSuspendedIsRejected() {
      acceptedToCao()
          .andGiven(ev.suspended("2026-03-10T15:00", "QĐ-1"))
          .when(ev.resolved("2026-03-12T09:00"))
          .expectRefused(RefusalCode.SUSPENDED, "SUSPENDED");
    }

    @Test
    void aSuspendedCaseCanBeWithdrawn() {
      acceptedToCao()
          .andGiven(ev.suspended("2026-03-10T15:00", "QĐ-1"))
          .when(ev.withdrawn("2026-03-12T09:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
                assertThat(s.getClock()).isNull();
              });
    }
  }

  @Nested
  class AuditOnlyEvents {

    @Test
    void anIdentityRevealedChangesNothingAndIsNotRefused() {
      fixture
          .given(ev.submittedTc("2026-03-02T09:00", Complexity.NORMAL))
          .when(
              ev.event(
                  at("2026-03-03T09:00"),
                  vn.onestop.schema.IdentityRevealed.newBuilder()
                      .setReason("notify the denouncer")
                      .setKeyId("sha256-00")
                      .build()))
          .expectIgnored()
          .expectState(
              s -> {
                assertThat(s.getLastEventAt()).isEqualTo(at("2026-03-02T09:00"));
                assertThat(s.getProcessedEventIds()).hasSize(1);
                assertThat(s.getLastRefusal()).isNull();
              });
    }

    @Test
    void aRefusalIsKeptOnTheStateWithItsCodeAndReason() {
      CaseEvent refused = ev.resolved("2026-03-03T09:00");
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(refused)
          .expectRefused(RefusalCode.NOT_ACCEPTED)
          .expectState(
              s -> {
                assertThat(s.getLastRefusal().getEventId()).isEqualTo(refused.getEventId());
                assertThat(s.getLastRefusal().getAction()).isEqualTo("Resolved");
                assertThat(s.getLastRefusal().getReason())
                    .startsWith("NOT_ACCEPTED: ")
                    .contains("must be accepted (thụ lý)");
                assertThat(s.getProcessedEventIds()).hasSize(1);
              });
    }
  }

  @Nested
  class Extension {

    @Test
    void extensionAndSuspensionDecisionsAreKeptWithNumberAndDate() {
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX),
              ev.accepted("2026-03-05T10:00"),
              ev.extended("2026-04-01T09:00", 30, "QĐ-GH-1"),
              ev.suspended("2026-04-02T09:00", "QĐ-TĐC-1"))
          .when(ev.resumed("2026-04-10T09:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getDecisions())
                    .extracting(x -> x.getKind() + " " + x.getDecisionNumber() + " " + x.getDays())
                    .containsExactly(
                        "EXTENSION QĐ-GH-1 30", "SUSPENSION QĐ-TĐC-1 null", "RESUMPTION TT-1 null");
                assertThat(s.getDecisions().get(0).getDecidedAt())
                    .isEqualTo(at("2026-04-01T09:00"));
              });
    }

    @Test
    void complexToCaoGetsOneExtensionOfAtMostThirtyDays() {
      // due 07/04 00:00 (last day Mon 06/04) + 30 days = Wed 06/05 -> 07/05 00:00
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX),
              ev.accepted("2026-03-05T10:00"))
          .when(ev.extended("2026-04-01T09:00", 30, "QĐ-GH-1"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-05-07T00:00"));
                assertThat(s.getClock().getExtensionsUsed()).isEqualTo(1);
                assertThat(s.getClock().getExtensionDays()).isEqualTo(30);
                assertThat(s.getClock().getArmedAt()).isEqualTo(at("2026-04-01T09:00"));
              })
          .andWhen(ev.extended("2026-04-20T09:00", 10, "QĐ-GH-2"))
          .expectRefused(RefusalCode.EXTENSION_NOT_ALLOWED, "ACCEPTED");
    }

    @Test
    void especiallyComplexToCaoGetsTwoExtensionsAndTheThirdIsRejected() {
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.ESPECIALLY_COMPLEX),
              ev.accepted("2026-03-05T10:00"),
              ev.extended("2026-04-01T09:00", 30, "QĐ-GH-1"))
          .when(ev.extended("2026-05-01T09:00", 30, "QĐ-GH-2"))
          .expectApplied()
          // 06/05 + 30 = Fri 05/06 -> 06/06 00:00
          .expectState(
              s -> {
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-06-06T00:00"));
                assertThat(s.getClock().getExtensionsUsed()).isEqualTo(2);
              })
          .andWhen(ev.extended("2026-06-01T09:00", 5, "QĐ-GH-3"))
          .expectRefused(RefusalCode.EXTENSION_NOT_ALLOWED, "ACCEPTED");
    }

    @Test
    void extensionLongerThanThirtyDaysIsRejected() {
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX),
              ev.accepted("2026-03-05T10:00"))
          .when(ev.extended("2026-04-01T09:00", 31, "QĐ-GH-1"))
          .expectRefused(RefusalCode.EXTENSION_NOT_ALLOWED, "ACCEPTED");
    }

    @Test
    void extensionOfANormalToCaoIsRejected() {
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.NORMAL),
              ev.accepted("2026-03-05T10:00"))
          .when(ev.extended("2026-04-01T09:00", 10, "QĐ-GH-1"))
          .expectRefused(RefusalCode.EXTENSION_NOT_ALLOWED, "ACCEPTED");
    }

    @Test
    void extensionWithoutDecisionNumberIsRejected() {
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX),
              ev.accepted("2026-03-05T10:00"))
          .when(ev.extended("2026-04-01T09:00", 10, ""))
          .expectRefused(RefusalCode.MISSING_FIELD, "ACCEPTED");
    }

    @Test
    void extensionOfZeroDaysIsRejected() {
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX),
              ev.accepted("2026-03-05T10:00"))
          .when(ev.extended("2026-04-01T09:00", 0, "QĐ-1"))
          .expectRefused(RefusalCode.INVALID_VALUE, "ACCEPTED");
    }

    @Test
    void anExtensionEndingBeforeItsDecisionIsRejected() {
      // due 07/04 00:00; decided 10/04 with 2 days -> 09/04 00:00, already past
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX),
              ev.accepted("2026-03-05T10:00"))
          .when(ev.extended("2026-04-10T09:00", 2, "QĐ-GH-1"))
          .expectRefused(RefusalCode.EXTENSION_IN_PAST, "ACCEPTED");
    }

    @Test
    void khieuNaiHasNoExplicitExtension() {
      fixture
          .given(
              ev.submittedKn1("2026-03-02T09:00"),
              ev.accepted("2026-03-05T10:00", Complexity.COMPLEX))
          .when(ev.extended("2026-04-01T09:00", 10, "QĐ-1"))
          .expectRefused(RefusalCode.EXTENSION_NOT_ALLOWED, "ACCEPTED");
    }

    @Test
    void theAcceptancePeriodCannotBeExtended() {
      fixture
          .given(ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX))
          .when(ev.extended("2026-03-03T09:00", 10, "QĐ-1"))
          .expectRefused(RefusalCode.NOT_ON_RESOLUTION_CLOCK, "SUBMITTED");
    }

    @Test
    void extensionDuringSuspensionExtendsThePausedDueDate() {
      // paused due 07/04 00:00 -> +30 days = 07/05 00:00; suspended 10/03, remaining 57 days after
      // 10/03;
      // resumed 20/03 + 57 = Sat 16/05 -> Mon 18/05 -> 19/05 00:00
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX),
              ev.accepted("2026-03-05T10:00"),
              ev.suspended("2026-03-10T15:00", "QĐ-1"))
          .when(ev.extended("2026-03-12T09:00", 30, "QĐ-GH-1"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.SUSPENDED);
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-05-07T00:00"));
              })
          .andWhen(ev.resumed("2026-03-20T09:00"))
          .expectApplied()
          .expectState(s -> assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-05-19T00:00")));
    }
  }

  @Nested
  class ResolutionReopeningWithdrawalRating {

    @Test
    void resolutionStopsTheClocks() {
      fixture
          .given(
              ev.submittedKn1("2026-03-02T09:00"),
              ev.accepted("2026-03-05T10:00"),
              ev.assigned("2026-03-05T11:00", "O-1"))
          .when(ev.resolved("2026-03-20T10:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.RESOLVED);
                assertThat(s.getResolvedAt()).isEqualTo(at("2026-03-20T10:00"));
                assertThat(s.getClock()).isNull();
              });
      assertThat(fixture.nextDueAt()).isNull();
    }

    @Test
    void aSubmittedKhieuNaiCannotBeResolvedWithoutThuLy() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.resolved("2026-03-03T09:00"))
          .expectRefused(RefusalCode.NOT_ACCEPTED, "SUBMITTED");
    }

    @Test
    void aSubmittedToCaoCannotBeResolvedWithoutThuLy() {
      fixture
          .given(ev.submittedTc("2026-03-02T09:00", Complexity.NORMAL))
          .when(ev.resolved("2026-03-03T09:00"))
          .expectRefused(RefusalCode.NOT_ACCEPTED, "SUBMITTED");
    }

    @Test
    void aPhanAnhCanBeAnsweredDirectly() {
      fixture
          .given(
              ev.submitted(
                  "2026-03-02T09:00",
                  CaseScript.submission(Category.PHAN_ANH, null, "U-WARD").build()))
          .when(ev.resolved("2026-03-02T11:00"))
          .expectApplied()
          .expectState(s -> assertThat(s.getStatus()).isEqualTo(CaseStatus.RESOLVED));
    }

    @Test
    void resolvingTwiceIsRejected() {
      fixture
          .given(
              ev.submittedKn1("2026-03-02T09:00"),
              ev.accepted("2026-03-05T10:00"),
              ev.resolved("2026-03-20T10:00"))
          .when(ev.resolved("2026-03-21T10:00"))
          .expectRefused(RefusalCode.NOT_OPEN, "RESOLVED");
    }

    @Test
    void reopeningRestartsTheFullResolutionPeriodFromTheReopening() {
      // reopened Wed 25/03 + 30 = Fri 24/04 -> 25/04 00:00
      fixture
          .given(
              ev.submittedTc("2026-03-02T09:00", Complexity.COMPLEX),
              ev.accepted("2026-03-05T10:00"),
              ev.assigned("2026-03-05T11:00", "O-1"),
              ev.extended("2026-03-10T09:00", 10, "QĐ-1"),
              ev.resolved("2026-03-20T10:00"),
              ev.rated("2026-03-21T10:00", 2))
          .when(ev.reopened("2026-03-25T08:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.ASSIGNED);
                assertThat(s.getResolvedAt()).isNull();
                assertThat(s.getRating()).isNull();
                assertThat(s.getReopenCount()).isEqualTo(1);
                assertThat(s.getClock().getKind()).isEqualTo(CaseClockKind.RESOLUTION);
                assertThat(s.getClock().getStartedAt()).isEqualTo(at("2026-03-25T08:00"));
                assertThat(s.getClock().getDueAt()).isEqualTo(at("2026-04-25T00:00"));
                assertThat(s.getClock().getExtensionsUsed()).isZero();
              })
          .andGiven(ev.resolved("2026-04-01T10:00"))
          .when(ev.rated("2026-04-02T10:00", 5))
          .expectApplied()
          .expectState(s -> assertThat(s.getRating()).isEqualTo(5));
    }

    @Test
    void reopeningAnOpenCaseIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"))
          .when(ev.reopened("2026-03-06T10:00"))
          .expectRefused(RefusalCode.NOT_RESOLVED, "ACCEPTED");
    }

    @Test
    void withdrawalClosesTheCaseAndLaterEventsAreRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"))
          .when(ev.withdrawn("2026-03-06T10:00"))
          .expectApplied()
          .expectState(
              s -> {
                assertThat(s.getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
                assertThat(s.getClosedAt()).isEqualTo(at("2026-03-06T10:00"));
                assertThat(s.getClock()).isNull();
              })
          .andWhen(ev.resolved("2026-03-07T10:00"))
          .expectRefused(RefusalCode.CASE_CLOSED, "WITHDRAWN");
    }

    @Test
    void withdrawalAfterResolutionIsRejected() {
      fixture
          .given(
              ev.submittedKn1("2026-03-02T09:00"),
              ev.accepted("2026-03-05T10:00"),
              ev.resolved("2026-03-20T10:00"))
          .when(ev.withdrawn("2026-03-21T10:00"))
          .expectRefused(RefusalCode.NOT_OPEN, "RESOLVED");
    }

    @Test
    void ratingRules() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"))
          .when(ev.rated("2026-03-06T10:00", 4))
          .expectRefused(RefusalCode.NOT_RESOLVED, "ACCEPTED")
          .andGiven(ev.resolved("2026-03-20T10:00"))
          .when(ev.rated("2026-03-21T10:00", 0))
          .expectRefused(RefusalCode.INVALID_VALUE, "RESOLVED")
          .andWhen(ev.rated("2026-03-21T10:00", 6))
          .expectRefused(RefusalCode.INVALID_VALUE, "RESOLVED")
          .andWhen(ev.rated("2026-03-21T10:00", 4))
          .expectApplied()
          .expectState(s -> assertThat(s.getRating()).isEqualTo(4))
          .andWhen(ev.rated("2026-03-22T10:00", 5))
          .expectRefused(RefusalCode.ALREADY_RATED, "RESOLVED");
    }
  }

  @Nested
  class Envelope {

    @Test
    void aRepeatedEventIdIsIgnored() {
      CaseEvent accept = ev.accepted("2026-03-05T10:00");
      fixture.given(ev.submittedKn1("2026-03-02T09:00"), accept);
      CaseState before = fixture.state();
      fixture.given().when(accept).expectDuplicate();
      assertThat(fixture.state()).isEqualTo(before);
      // same id, different content, later: still a duplicate
      fixture
          .given()
          .when(
              ev.withId(
                  accept.getEventId(),
                  at("2026-03-06T10:00"),
                  ev.resolved("2026-03-06T10:00").getPayload()))
          .expectDuplicate();
      assertThat(fixture.state().getStatus()).isEqualTo(CaseStatus.ACCEPTED);
    }

    @Test
    void aReImportedSubmissionIsADuplicateNotARejection() {
      CaseEvent submit = ev.submittedKn1("2026-03-02T09:00");
      fixture
          .given(submit, ev.accepted("2026-03-05T10:00"), ev.withdrawn("2026-03-06T10:00"))
          .when(submit)
          .expectDuplicate();
    }

    @Test
    void aClockTickIsNotACaseEvent() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(ev.tick("2026-03-03T09:00"))
          .expectRefused(RefusalCode.NOT_A_CASE_EVENT, "SUBMITTED");
    }

    @Test
    void anEventOlderThanTheLastAppliedOneIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"), ev.accepted("2026-03-05T10:00"))
          .when(ev.resolved("2026-03-04T10:00"))
          .expectRefused(RefusalCode.OUT_OF_ORDER, "ACCEPTED");
    }

    @Test
    void anEventOfAnotherCaseIsRejected() {
      fixture
          .given(ev.submittedKn1("2026-03-02T09:00"))
          .when(new CaseScript("C-2").accepted("2026-03-03T09:00"))
          .expectRefused(RefusalCode.CASE_ID_MISMATCH, "SUBMITTED");
    }

    @Test
    void theInputStateIsNotModified() {
      fixture.given(ev.submittedKn1("2026-03-02T09:00"));
      CaseState before = fixture.state();
      CaseState copy = StateCopies.copy(before);
      fixture.given(ev.accepted("2026-03-05T10:00"));
      assertThat(before).isEqualTo(copy);
      assertThat(fixture.state()).isNotSameAs(before);
    }
  }
}
