package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.testkit.TestRecords;

class AlertLogTest {
  static {
    // The generated classes must be trusted by Avro 1.12 (the schemas serde does the same).
    org.apache.avro.util.ClassSecurityValidator.setGlobal(
        org.apache.avro.util.ClassSecurityValidator.composite(
            org.apache.avro.util.ClassSecurityValidator.getGlobal(),
            c -> c.getName().startsWith("vn.onestop.schema.")));
  }

  @Test
  void marksLaterCopiesOfAnAlertIdAsDuplicatesAndIgnoresRereads() {
    AlertLog log = new AlertLog();
    assertThat(
            log.append(
                0, 0, TestRecords.alert("a1", "c1", "HK", "HK", AlertKind.WARNING, 0).build()))
        .isTrue();
    assertThat(
            log.append(
                1, 0, TestRecords.alert("a2", "c2", "HK", "HK", AlertKind.WARNING, 0).build()))
        .isTrue();
    assertThat(
            log.append(
                0, 1, TestRecords.alert("a1", "c1", "HK", "HK", AlertKind.WARNING, 0).build()))
        .isTrue();
    assertThat(
            log.append(
                0, 1, TestRecords.alert("a9", "c9", "HK", "HK", AlertKind.WARNING, 0).build()))
        .as("re-read")
        .isFalse();
    assertThat(log.since(0))
        .extracting(AlertLog.Entry::duplicate)
        .containsExactly(false, false, true);
    assertThat(log.position().toString()).isEqualTo("0-2,1-1");
  }

  @Test
  void awaitGrowthReturnsFalseWhenNothingArrives() throws InterruptedException {
    AlertLog log = new AlertLog();
    assertThat(log.awaitGrowth(0, 10)).isFalse();
    log.append(0, 5, TestRecords.alert("a1", "c1", "HK", "HK", AlertKind.WARNING, 0).build());
    assertThat(log.awaitGrowth(0, 10)).isTrue();
  }

  private static CaseAlert alert(String id, String caseId, Instant decidedAt) {
    return TestRecords.alert(id, caseId, "HK", "HK", AlertKind.BREACH, 1)
        .setDecidedAt(decidedAt)
        .build();
  }

  private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

  @Test
  void keepsOnlyTheNewestAlertsWhenOverTheCountAndReportsTheGap() {
    AlertLog log = new AlertLog(3, Duration.ofDays(7));
    for (int i = 0; i < 5; i++) {
      assertThat(log.append(0, i, alert("a" + i, "c" + i, T0))).isTrue();
    }
    assertThat(log.size()).isEqualTo(3);
    assertThat(log.evicted()).isEqualTo(2);
    assertThat(log.distinctAppended()).isEqualTo(5);
    assertThat(log.firstIndex()).isEqualTo(2);
    assertThat(log.since(0))
        .extracting(e -> e.alert().getAlertId().toString())
        .containsExactly("a2", "a3", "a4");
    assertThat(log.contains("a1")).isFalse();
    assertThat(log.contains("a2")).isTrue();
    assertThat(log.gaps(FeedPosition.parse("0-1"))).isEqualTo(Map.of(0, 2L));
    assertThat(log.gaps(FeedPosition.parse("0-2"))).isEmpty();
    assertThat(log.snapshot().openCases())
        .extracting(e -> e.alert().getCaseId().toString())
        .containsExactly("c2", "c3", "c4");
  }

  @Test
  void evictsAlertsOlderThanTheAgeOnTheLogsOwnClock() {
    AlertLog log = new AlertLog(100, Duration.ofHours(24));
    log.append(0, 0, alert("old", "c1", T0));
    log.append(1, 0, alert("mid", "c2", T0.plus(Duration.ofHours(2))));
    assertThat(log.size()).as("2 h apart: both within 24 h").isEqualTo(2);
    log.append(0, 1, alert("new", "c3", T0.plus(Duration.ofHours(25))));
    assertThat(log.since(0))
        .extracting(e -> e.alert().getAlertId().toString())
        .containsExactly("mid", "new");
    assertThat(log.gaps(FeedPosition.BEGINNING)).isEqualTo(Map.of(0, 1L));
    assertThat(log.gaps(FeedPosition.parse("0-1"))).isEmpty();
  }

  @Test
  void snapshotHasTheLatestAlertOfEachCaseAndKeepsACaseWhoseOlderAlertIsEvicted() {
    AlertLog log = new AlertLog(3, Duration.ofDays(7));
    log.append(0, 0, alert("c1-warn", "c1", T0));
    log.append(0, 1, alert("c2-warn", "c2", T0));
    log.append(0, 2, alert("c1-breach", "c1", T0));
    log.append(0, 3, alert("c1-warn", "c1", T0)); // re-emitted copy: duplicate, not "latest"
    assertThat(log.since(0))
        .extracting(AlertLog.Entry::duplicate)
        .containsExactly(false, false, true);
    AlertLog.Snapshot s = log.snapshot();
    assertThat(s.openCases())
        .extracting(e -> e.alert().getAlertId().toString())
        .containsExactly("c2-warn", "c1-breach");
    assertThat(s.position().toString()).isEqualTo("0-4");
    assertThat(s.nextIndex()).isEqualTo(4);
    log.append(0, 4, alert("c3-warn", "c3", T0));
    log.append(0, 5, alert("c3-breach", "c3", T0));
    assertThat(log.snapshot().openCases())
        .as("c2-warn and c1-breach evicted")
        .extracting(e -> e.alert().getAlertId().toString())
        .containsExactly("c3-breach");
  }

  @Test
  void aStartAfterTheBeginningIsAGapForOlderPositions() {
    AlertLog log = new AlertLog(10, Duration.ofDays(7));
    log.startAt(1, 40);
    assertThat(log.append(1, 12, alert("before", "c1", T0))).as("below the start").isFalse();
    assertThat(log.gaps(FeedPosition.parse("0-3,1-39"))).isEqualTo(Map.of(1, 40L));
    assertThat(log.gaps(FeedPosition.parse("1-40"))).isEmpty();
    assertThat(log.position().toString()).isEqualTo("1-40");
  }

  /**
   * Measures the retained heap per alert of a full window, with alerts decoded from Avro binary as
   * the tailer's deserializer does (one object per field), and prints it.
   */
  @Test
  void aFullWindowStaysAtItsCountAndPrintsTheHeapPerAlert() {
    int window = 50_000;
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(mem);
    AlertLog log = new AlertLog(window, Duration.ofDays(3650));
    for (int i = 0; i < window + 10_000; i++) {
      CaseAlert a =
          TestRecords.alert(
                  "alert-" + java.util.UUID.randomUUID(),
                  "HS-2026-" + String.format("%06d", i / 3),
                  "UNIT-" + (i % 40),
                  "UNIT-" + (i % 40),
                  AlertKind.BREACH,
                  1)
              .setDecidedAt(T0.plusSeconds(i))
              .build();
      try {
        ByteBuffer bytes = a.toByteBuffer();
        log.append(i % 3, i / 3, CaseAlert.fromByteBuffer(bytes));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    long after = usedAfterGc(mem);
    assertThat(log.size()).isEqualTo(window);
    assertThat(log.evicted()).isEqualTo(10_000);
    long perAlert = (after - before) / window;
    System.out.printf(
        "AlertLog: %d alerts retained, %d bytes per alert, %.1f MB of heap for the window%n",
        log.size(), perAlert, (after - before) / 1e6);
  }

  private static long usedAfterGc(MemoryMXBean mem) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return mem.getHeapMemoryUsage().getUsed();
  }
}
