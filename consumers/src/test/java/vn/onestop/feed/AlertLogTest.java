package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.testkit.TestRecords;

class AlertLogTest {
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
}
