package vn.onestop.sla.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaDriver;
import vn.onestop.sla.topology.SlaSerdes;
import vn.onestop.sla.topology.SlaTopics;
import vn.onestop.sla.topology.SlaTopology;

class CaseStatusQueryTest {
  static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
  static final Instant DUE = T0.plus(Duration.ofDays(10));

  @Test
  void showsStatusClockDueInstantsAndEscalationLevelFromTheCaseStore() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      h.orgUnits(TestRecords.orgChart());
      h.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
      CaseStatusQuery q = new CaseStatusQuery(h::caseState, h.org(), PolicyBook.defaults());

      CaseStatusResult s = q.status("case-1").orElseThrow();
      assertThat(s.caseId()).isEqualTo("case-1");
      assertThat(s.status()).isEqualTo("SUBMITTED");
      assertThat(s.category()).isEqualTo("SERVICE_REQUEST");
      assertThat(s.unitId()).isEqualTo(TestRecords.UNIT);
      assertThat(s.dueAt()).contains(DUE);
      assertThat(s.nextAlertAt()).hasValueSatisfying(t -> assertThat(t).isAfter(T0).isBefore(DUE));
      assertThat(s.escalationLevel()).isZero();
      assertThat(s.suspended()).isFalse();
      assertThat(s.submittedAt()).isEqualTo(T0);

      h.pipe(TestRecords.tick(DUE.plusSeconds(1), 0));
      CaseStatusResult breached = q.status("case-1").orElseThrow();
      assertThat(breached.escalationLevel()).isEqualTo(1);
      assertThat(breached.nextAlertAt()).hasValueSatisfying(t -> assertThat(t).isAfter(DUE));

      h.pipe(TestRecords.resolved("e2", "case-1", DUE.plusSeconds(2)));
      CaseStatusResult resolved = q.status("case-1").orElseThrow();
      assertThat(resolved.status()).isEqualTo("RESOLVED");
      assertThat(resolved.nextAlertAt()).isEmpty();
      assertThat(resolved.resolvedAt()).contains(DUE.plusSeconds(2));
    }
  }

  @Test
  void showsTheRefusedEventTheLegalStepAndTheAcceptanceDueDateAfterAcceptance() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      h.orgUnits(TestRecords.orgChart());
      vn.onestop.schema.testkit.CaseScript ev = new vn.onestop.schema.testkit.CaseScript("kn-1");
      var submitted = ev.submittedKn1("2026-03-02T09:00");
      var early = ev.resolved("2026-03-03T09:00");
      var assigned = ev.assigned("2026-03-03T10:00", "O-1");
      var accepted = ev.accepted("2026-03-05T10:00");
      h.pipe(submitted);
      CaseStatusQuery q = new CaseStatusQuery(h::caseState, h.org(), PolicyBook.defaults());
      Instant acceptanceDue = q.status("kn-1").orElseThrow().acceptanceDueAt().orElseThrow();
      h.pipe(early);
      CaseStatusResult refused = q.status("kn-1").orElseThrow();
      assertThat(refused.lastRefusal())
          .hasValueSatisfying(
              r -> {
                assertThat(r.eventId()).isEqualTo(early.getEventId());
                assertThat(r.action()).isEqualTo("Resolved");
                assertThat(r.reason()).contains("thụ lý");
              });
      assertThat(refused.processedEventIds()).containsExactly(submitted.getEventId());
      h.pipe(assigned);
      h.pipe(accepted);
      CaseStatusResult s = q.status("kn-1").orElseThrow();
      assertThat(s.status()).isEqualTo("ASSIGNED");
      assertThat(s.legalStep()).isEqualTo("THU_LY");
      assertThat(s.acceptedAt()).isPresent();
      assertThat(s.officerId()).contains("O-1");
      assertThat(s.complaintLevel()).contains(1);
      assertThat(s.acceptanceDueAt()).as("computed from receipt").contains(acceptanceDue);
      assertThat(s.resolutionDueAt()).isEqualTo(s.dueAt()).isPresent();
      assertThat(s.processedEventIds()).contains(accepted.getEventId());
    }
  }

  @Test
  void unknownCaseIsEmptyAndBlankIdIsRefused() {
    CaseStatusQuery q =
        new CaseStatusQuery(id -> null, OrgDirectory.empty(), PolicyBook.defaults());
    assertThat(q.status("nope")).isEmpty();
    assertThatThrownBy(() -> q.status(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("caseId");
  }

  @Test
  void anEngineThatIsNotRunningAnswersUnavailableNotEmpty() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "status-query-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"); // never contacted: not started
    p.put(StreamsConfig.STATE_DIR_CONFIG, SlaDriver.tempDir());
    SlaSerdes serdes = SlaDriver.plainSerdes();
    try (KafkaStreams streams =
        new KafkaStreams(
            SlaTopology.build(
                SlaTopics.DEFAULT, serdes, PolicyBook.defaults(), PunctuationSettings.DEFAULT),
            p)) {
      CaseStatusQuery q = CaseStatusQuery.over(streams, PolicyBook.defaults(), Optional.empty());
      assertThatThrownBy(() -> q.status("case-1"))
          .isInstanceOf(CaseStatusUnavailableException.class)
          .hasMessageContaining("CREATED");
    }
  }
}
