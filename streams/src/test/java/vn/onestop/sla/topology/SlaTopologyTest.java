package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.RejectedEvent;
import vn.onestop.schema.UnitHead;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.index.DeadlineIndexKey;
import vn.onestop.sla.state.CaseState;

/** The SLA processor in a TopologyTestDriver (virtual time: record timestamps only). */
class SlaTopologyTest {
  /** Monday 2 March 2026, 09:00 in Hà Nội. */
  static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

  static final Instant DUE = T0.plus(Duration.ofDays(10));

  private final PlainAvroSerde<CaseEvent> events = new PlainAvroSerde<>(CaseEvent.class);
  @RegisterExtension final SlaDriver d = SlaDriver.perTest();

  @Test
  void breachFiresOnTheFirstTickAtOrAfterTheDueInstantWithDecidedAtEqualToIt() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
    d.pipe(TestRecords.tick(DUE.minusMillis(1), 0));
    List<CaseAlert> before = d.readAlerts();
    assertThat(before).noneMatch(a -> a.getKind() == AlertKind.BREACH);
    assertThat(before)
        .allMatch(
            a -> a.getDecidedAt().isBefore(DUE), "warnings only, decided before the due instant");

    d.pipe(TestRecords.tick(DUE.plus(Duration.ofMinutes(30)), 0));
    List<CaseAlert> at = d.readAlerts();
    assertThat(at)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getKind()).isEqualTo(AlertKind.BREACH);
              assertThat(a.getLevel()).isEqualTo(1);
              assertThat(a.getDecidedAt())
                  .as("decided at the due instant, not when the tick noticed it")
                  .isEqualTo(DUE);
              assertThat(a.getDeadline()).isEqualTo(DUE);
              assertThat(a.getCaseId()).isEqualTo("case-1");
              assertThat(a.getRecipientUnitId()).isEqualTo(TestRecords.UNIT);
              assertThat(a.getRecipientOfficialId()).isEqualTo("head-unit");
            });
  }

  @Test
  void unitVersionsKeyedByValidFromAreFoundAndTheVersionInForceAtDecidedAtAddressesTheBreach() {
    OrgUnit base = TestRecords.orgChart().get(2); // the ward, written under its plain id
    OrgUnit v1 =
        OrgUnit.newBuilder(base)
            .setUnitId("ward-versioned")
            .setHead(UnitHead.newBuilder(base.getHead()).setOfficialId("head-old").build())
            .setValidFrom(T0.minus(Duration.ofDays(30)))
            .build();
    OrgUnit v2 =
        OrgUnit.newBuilder(v1)
            .setHead(UnitHead.newBuilder(base.getHead()).setOfficialId("head-new").build())
            .setValidFrom(T0.minus(Duration.ofDays(1)))
            .build();
    // A successor taking office one minute after the breach is already known, but not yet in
    // office at the first case's breach; a second case breaching after that minute goes to him.
    OrgUnit v3 =
        OrgUnit.newBuilder(v1)
            .setHead(UnitHead.newBuilder(base.getHead()).setOfficialId("head-next").build())
            .setValidFrom(DUE.plus(Duration.ofMinutes(1)))
            .build();
    d.orgUnitRecord(OrgUnitKeys.key(v3), v3); // versions arrive out of order
    d.orgUnitRecord(OrgUnitKeys.key(v2), v2);
    d.orgUnitRecord(OrgUnitKeys.key(v1), v1);
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-v", T0, DUE, "ward-versioned"));
    d.pipe(
        TestRecords.submittedWithSourceDue(
            "e2", "case-w", T0, DUE.plus(Duration.ofMinutes(1)), "ward-versioned"));
    d.pipe(TestRecords.tick(DUE.plus(Duration.ofMinutes(30)), 0));
    assertThat(d.readAlerts())
        .filteredOn(a -> a.getKind() == AlertKind.BREACH)
        .extracting(
            CaseAlert::getCaseId, CaseAlert::getRecipientUnitId, CaseAlert::getRecipientOfficialId)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("case-v", "ward-versioned", "head-new"),
            org.assertj.core.groups.Tuple.tuple("case-w", "ward-versioned", "head-next"));
  }

  @Test
  void aHeadReplacedWhileTheEngineRunsReceivesTheNextBreachThoughTheOldOneWasJustLookedUp() {
    OrgUnit base = TestRecords.orgChart().get(2);
    OrgUnit before =
        OrgUnit.newBuilder(base)
            .setUnitId("ward-live")
            .setHead(UnitHead.newBuilder(base.getHead()).setOfficialId("head-before").build())
            .build();
    d.orgUnitRecord("ward-live", before);
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-a", T0, DUE, "ward-live"));
    d.pipe(
        TestRecords.submittedWithSourceDue(
            "e2", "case-b", T0, DUE.plus(Duration.ofDays(1)), "ward-live"));
    d.pipe(TestRecords.tick(DUE.plus(Duration.ofMinutes(30)), 0));
    // The processor's directory now holds the unit read for case-a's breach.
    OrgUnit after =
        OrgUnit.newBuilder(before)
            .setHead(UnitHead.newBuilder(base.getHead()).setOfficialId("head-after").build())
            .build();
    d.orgUnitRecord("ward-live", after); // the same key: the new value replaces the old one
    d.pipe(TestRecords.tick(DUE.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)), 0));
    assertThat(d.readAlerts())
        .filteredOn(a -> a.getKind() == AlertKind.BREACH)
        .extracting(CaseAlert::getCaseId, CaseAlert::getRecipientOfficialId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("case-a", "head-before"),
            org.assertj.core.groups.Tuple.tuple("case-b", "head-after"));
  }

  @Test
  void escalationsLaterAreDecidedAtTheirOwnInstantsAndGoUpTheHierarchy() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
    Instant muchLater = DUE.plus(Duration.ofDays(40));
    d.pipe(TestRecords.tick(muchLater, 0));
    List<CaseAlert> alerts = d.readAlerts();
    assertThat(alerts).extracting(CaseAlert::getLevel).containsSubsequence(0, 1, 2, 3);
    assertThat(alerts).allMatch(a -> a.getDecidedAt().isBefore(muchLater));
    assertThat(alerts).extracting(CaseAlert::getDecidedAt).isSorted();
    CaseAlert l2 = alerts.stream().filter(a -> a.getLevel() == 2).findFirst().orElseThrow();
    CaseAlert l3 = alerts.stream().filter(a -> a.getLevel() == 3).findFirst().orElseThrow();
    assertThat(l2.getRecipientOfficialId()).isEqualTo("head-parent");
    assertThat(l3.getRecipientOfficialId()).isEqualTo("head-top");
    assertThat(l2.getDecidedAt()).isAfter(DUE);
    assertThat(alerts).extracting(CaseAlert::getAlertId).doesNotHaveDuplicates();
    assertThat(d.indexEntries()).as("nothing pending after level 3").isEmpty();
    d.pipe(TestRecords.tick(muchLater.plus(Duration.ofDays(100)), 0));
    assertThat(d.readAlerts()).isEmpty();
  }

  @Test
  void anEventFiresWhatWasDueBeforeItIsApplied() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
    // No tick at all: the resolution one hour after the due instant must not swallow the breach.
    d.pipe(TestRecords.resolved("e2", "case-1", DUE.plus(Duration.ofHours(1))));
    List<CaseAlert> alerts = d.readAlerts();
    assertThat(alerts)
        .filteredOn(a -> a.getKind() == AlertKind.BREACH)
        .singleElement()
        .satisfies(a -> assertThat(a.getDecidedAt()).isEqualTo(DUE));
    assertThat(d.caseStore().get("case-1").getStatus().name()).isEqualTo("RESOLVED");
    assertThat(d.indexEntries()).isEmpty();
    d.pipe(TestRecords.tick(DUE.plus(Duration.ofDays(60)), 0));
    assertThat(d.readAlerts()).as("no escalation of a resolved case").isEmpty();
  }

  @Test
  void aRepeatedEventIdIsIgnored() {
    CaseEvent submit = TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE);
    d.pipe(submit);
    CaseState first = d.caseStore().get("case-1");
    d.pipe(submit);
    assertThat(d.readRejected()).isEmpty();
    assertThat(d.caseStore().get("case-1")).isEqualTo(first);
    d.pipe(TestRecords.resolved("e2", "case-1", T0.plusSeconds(60)));
    d.pipe(TestRecords.resolved("e2", "case-1", T0.plusSeconds(61)));
    assertThat(d.readRejected()).isEmpty();
    assertThat(d.caseStore().get("case-1").getStatus().name()).isEqualTo("RESOLVED");
  }

  @Test
  void unreadableBytesGoToTheRejectedTopicWithTheOriginalBytesAndTheEngineGoesOn() {
    byte[] garbage = {0, 0, 0, 0, 7, 1, 2, 3};
    d.pipeRaw("case-x", garbage, T0);
    List<KeyValue<String, RejectedEvent>> rejected = d.readRejectedRecords();
    assertThat(rejected)
        .singleElement()
        .satisfies(
            kv -> {
              assertThat(kv.key).isEqualTo("case-x");
              assertThat(bytes(kv.value.getOriginalValue())).isEqualTo(garbage);
              assertThat(kv.value.getReason()).startsWith("unreadable record");
              assertThat(kv.value.getSourceTopic()).isEqualTo("case-events");
              assertThat(kv.value.getSourceOffset()).isZero();
              assertThat(kv.value.getEventId()).isNull();
            });
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
    assertThat(d.caseStore().get("case-1")).isNotNull();
  }

  @Test
  void aPayloadBranchThisVersionDoesNotKnowIsRejectedNotFatal() throws IOException {
    // A newer writer appended a payload branch this reader does not have.
    Schema newer = SlaTopologyTestSchemas.newerCaseEvent();
    List<Schema> branches = newer.getField("payload").schema().getTypes();
    Schema escalatedType = branches.get(branches.size() - 1);
    GenericRecord payload = new GenericData.Record(escalatedType);
    payload.put("note", "Chuyển lên cấp trên");
    GenericRecord env = new GenericData.Record(newer);
    env.put("eventId", "e-new");
    env.put("caseId", "case-1");
    env.put("occurredAt", T0.toEpochMilli());
    env.put("recordedAt", T0.toEpochMilli());
    env.put("sourceSystem", "future-writer");
    env.put("actor", null);
    env.put("payload", payload);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(newer).write(env, enc);
    enc.flush();

    d.pipeRaw("case-1", out.toByteArray(), T0);
    assertThat(d.readRejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getReason()).startsWith("unreadable record");
              assertThat(bytes(r.getOriginalValue())).isEqualTo(out.toByteArray());
            });
  }

  @Test
  void tombstonesMismatchedKeysAndImpossibleEventsAreRejectedWithReasons() {
    d.pipeRaw("case-1", null, T0);
    CaseEvent submit = TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE);
    d.pipeRaw("other-key", events.serializer().serialize("case-events", submit), T0);
    d.pipe(TestRecords.resolved("e9", "never-submitted", T0));
    List<RejectedEvent> rejected = d.readRejected();
    assertThat(rejected).hasSize(3);
    assertThat(rejected.get(0).getReason()).contains("tombstone");
    assertThat(rejected.get(1).getReason()).contains("other-key").contains("case-1");
    assertThat(rejected.get(1).getEventId()).isEqualTo("e1");
    assertThat(rejected.get(2).getCaseId()).isEqualTo("never-submitted");
    assertThat(rejected.get(2).getCaseState()).isEqualTo("NONE");
    assertThat(rejected.get(2).getEventId()).isEqualTo("e9");
    assertThat(d.caseStore().get("case-1")).as("the mis-keyed submit was not applied").isNull();
    assertThat(d.caseStore().get("never-submitted")).isNull();
  }

  @Test
  void theWorkBudgetSpreadsADueBacklogOverPunctuationsWithoutLosingAny() {
    int k = 5;
    d.reopen(new PunctuationSettings(Duration.ofSeconds(1), k));
    for (int i = 0; i < 3 * k; i++) {
      d.pipe(TestRecords.submittedWithSourceDue("e" + i, String.format("case-%02d", i), T0, DUE));
    }
    Instant late = DUE.plus(Duration.ofDays(40)); // every alert of every case is due
    // 3k cases with five ladder steps each at distinct instants: 15k index entries, k per
    // punctuation (each entry handled counts, also a case re-entering the same punctuation).
    List<Integer> perPunctuation = new ArrayList<>();
    List<CaseAlert> all = new ArrayList<>();
    for (int tick = 0; tick <= 15; tick++) {
      d.pipe(
          TestRecords.tick(late.plusSeconds(2L * tick), 0)); // 2 s apart: one punctuation per tick
      List<CaseAlert> some = d.readAlerts();
      perPunctuation.add(some.size());
      all.addAll(some);
    }
    List<Integer> expected = new ArrayList<>(java.util.Collections.nCopies(15, k));
    expected.add(0);
    assertThat(perPunctuation).isEqualTo(expected);
    assertThat(all).isSortedAccordingTo(DueOrderTopologyTest.DUE_ORDER);
    assertThat(all).extracting(CaseAlert::getAlertId).doesNotHaveDuplicates();
    // Every case got the same complete ladder, decided at the same instants whatever punctuation
    // fired it.
    Set<String> ladders = new TreeSet<>();
    all.stream()
        .collect(Collectors.groupingBy(CaseAlert::getCaseId))
        .values()
        .forEach(
            list ->
                ladders.add(
                    list.stream()
                        .map(a -> a.getKind() + "@" + a.getDecidedAt())
                        .toList()
                        .toString()));
    assertThat(ladders).hasSize(1);
    assertThat(d.indexEntries()).isEmpty();
  }

  @Test
  void theIndexHoldsExactlyTheNextDueInstantOfEachOpenCase() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-b", T0, DUE));
    d.pipe(TestRecords.submittedWithSourceDue("e2", "case-a", T0, DUE.plusSeconds(5)));
    d.pipe(TestRecords.submittedWithSourceDue("e3", "case-c", T0, DUE.minusSeconds(5)));
    List<DeadlineIndexKey> entries = d.indexEntries();
    assertThat(entries).hasSize(3);
    assertThat(entries).isSorted();
    d.pipe(TestRecords.resolved("e4", "case-b", T0.plusSeconds(1)));
    assertThat(d.indexEntries())
        .extracting(DeadlineIndexKey::caseId)
        .containsExactlyInAnyOrder("case-a", "case-c");
  }

  @Test
  void aRestartRebuildsTheIndexFromTheCaseStoreAndTheIndexHasNoChangelog() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-b", T0, DUE));
    d.pipe(TestRecords.submittedWithSourceDue("e2", "case-a", T0, DUE.plusSeconds(5)));
    d.pipe(TestRecords.submittedWithSourceDue("e3", "case-c", T0, DUE.minusSeconds(5)));
    d.pipe(TestRecords.resolved("e4", "case-b", T0.plusSeconds(1)));
    List<DeadlineIndexKey> before = d.indexEntries();
    assertThat(before).extracting(DeadlineIndexKey::caseId).containsExactly("case-c", "case-a");
    assertThat(d.producedTopics())
        .contains(SlaDriver.CASE_CHANGELOG)
        .noneMatch(t -> t.contains(SlaTopology.DEADLINE_INDEX_STORE));
    d.restart();
    assertThat(d.indexEntries()).as("rebuilt in init() from the restored cases").isEqualTo(before);
  }

  @Test
  void aRestartRecoversTheCursorFromTheRestoredIndex() {
    d.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, DUE));
    d.restart();
    d.pipe(TestRecords.tick(DUE, 0));
    assertThat(d.readAlerts())
        .as("firing rule: nothing due at d fires while stream time is d")
        .noneMatch(a -> a.getKind() == AlertKind.BREACH);
    d.pipe(
        TestRecords.tick(DUE.plusSeconds(1), 0)); // the next punctuation (1 s of stream time later)
    assertThat(d.readAlerts())
        .filteredOn(a -> a.getKind() == AlertKind.BREACH)
        .singleElement()
        .satisfies(a -> assertThat(a.getDecidedAt()).isEqualTo(DUE));
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer dup = b.duplicate();
    byte[] out = new byte[dup.remaining()];
    dup.get(out);
    return out;
  }
}
