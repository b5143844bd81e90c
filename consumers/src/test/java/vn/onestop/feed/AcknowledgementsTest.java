package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Acknowledged;
import vn.onestop.schema.CaseAcknowledgement;
import vn.onestop.schema.Snoozed;

/** The cockpit's memory of acknowledgements: latest wins by occurredAt, idempotent, bounded. */
class AcknowledgementsTest {
  private static final Instant T = Instant.parse("2026-03-04T02:00:00Z");

  private static CaseAcknowledgement ack(String id, String caseId, String actor, Instant at) {
    return CaseAcknowledgement.newBuilder()
        .setAckId(id)
        .setCaseId(caseId)
        .setUnitId("HK")
        .setActorId(actor)
        .setActorRole("UNIT_HEAD")
        .setOccurredAt(at)
        .setAction(
            Acknowledged.newBuilder()
                .setAlertId("alert-" + id)
                .setAlertLevel(1)
                .setAlertKind("BREACH")
                .build())
        .build();
  }

  private static CaseAcknowledgement snooze(String id, String caseId, Instant at, Instant until) {
    return CaseAcknowledgement.newBuilder()
        .setAckId(id)
        .setCaseId(caseId)
        .setUnitId("HK")
        .setActorId("cb-hk")
        .setActorRole("UNIT_HEAD")
        .setOccurredAt(at)
        .setAction(Snoozed.newBuilder().setUntil(until).setReason("chờ hồ sơ").build())
        .build();
  }

  @Test
  void aCaseWithoutRecordsHasAnEmptyState() {
    Acknowledgements.State s = new Acknowledgements(10, 10).of("nope");
    assertThat(s.acknowledgedBy()).isNull();
    assertThat(s.snoozed(T)).isFalse();
  }

  @Test
  void theLatestAcknowledgementWinsAndAnOlderOneReadLaterDoesNotReplaceIt() {
    Acknowledgements acks = new Acknowledgements(10, 10);
    acks.apply(ack("2", "c1", "cb-hk", T.plusSeconds(60)));
    acks.apply(ack("1", "c1", "gs-1", T));
    Acknowledgements.State s = acks.of("c1");
    assertThat(s.acknowledgedBy()).isEqualTo("cb-hk");
    assertThat(s.acknowledgedAlertId()).isEqualTo("alert-2");
    assertThat(s.acknowledgedLevel()).isEqualTo(1);
    // the byId memory still knows the older record (Idempotency-Key replays)
    assertThat(acks.byId("1")).isPresent();
  }

  @Test
  void applyingTheSameRecordTwiceChangesNothing() {
    Acknowledgements acks = new Acknowledgements(10, 10);
    CaseAcknowledgement a = ack("1", "c1", "cb-hk", T);
    acks.apply(a);
    Acknowledgements.State once = acks.of("c1");
    acks.apply(a);
    assertThat(acks.of("c1")).isEqualTo(once);
    assertThat(acks.size()).isEqualTo(1);
  }

  @Test
  void aSnoozeKeepsTheAcknowledgementAndIsInForceUntilItsEnd() {
    Acknowledgements acks = new Acknowledgements(10, 10);
    acks.apply(ack("1", "c1", "cb-hk", T));
    acks.apply(snooze("2", "c1", T.plusSeconds(10), T.plusSeconds(3600)));
    Acknowledgements.State s = acks.of("c1");
    assertThat(s.acknowledgedBy()).isEqualTo("cb-hk");
    assertThat(s.snoozeReason()).isEqualTo("chờ hồ sơ");
    assertThat(s.snoozed(T.plusSeconds(3599))).isTrue();
    assertThat(s.snoozed(T.plusSeconds(3600))).isFalse();
  }

  @Test
  void theLeastRecentlyUsedCaseIsForgottenBeyondTheBound() {
    Acknowledgements acks = new Acknowledgements(2, 2);
    acks.apply(ack("1", "c1", "a", T));
    acks.apply(ack("2", "c2", "a", T));
    acks.of("c1"); // touch c1: c2 is now the least recently used
    acks.apply(ack("3", "c3", "a", T));
    assertThat(acks.size()).isEqualTo(2);
    assertThat(acks.of("c2").acknowledgedBy()).isNull();
    assertThat(acks.of("c1").acknowledgedBy()).isEqualTo("a");
    assertThat(acks.byId("1")).isEmpty();
  }
}
