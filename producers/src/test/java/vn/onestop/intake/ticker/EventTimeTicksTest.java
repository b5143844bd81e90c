package vn.onestop.intake.ticker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTimeTicksTest {
  private static Instant t(String s) {
    return Instant.parse(s);
  }

  @Test
  void oneRoundPerCrossedBoundaryAtTheBoundaryTime() {
    EventTimeTicks ticks = new EventTimeTicks(Duration.ofHours(1));
    assertThat(ticks.before(t("2015-01-01T10:15:00Z"))).isEmpty(); // first event starts stream time
    assertThat(ticks.before(t("2015-01-01T10:59:00Z"))).isEmpty();
    assertThat(ticks.before(t("2015-01-01T11:00:00Z"))).contains(t("2015-01-01T11:00:00Z"));
    assertThat(ticks.before(t("2015-01-01T11:30:00Z"))).isEmpty();
    // a jump of several hours gives one round, at the latest boundary
    assertThat(ticks.before(t("2015-01-01T15:20:00Z"))).contains(t("2015-01-01T15:00:00Z"));
    assertThat(ticks.finalRound(t("2015-01-01T15:20:00Z"))).contains(t("2015-01-01T15:20:00Z"));
  }

  @Test
  void finalRoundIsSkippedWhenItWouldRepeatARound() {
    EventTimeTicks ticks = new EventTimeTicks(Duration.ofHours(1));
    ticks.before(t("2015-01-01T10:15:00Z"));
    assertThat(ticks.before(t("2015-01-01T11:00:00Z"))).isPresent();
    assertThat(ticks.finalRound(t("2015-01-01T11:00:00Z"))).isEqualTo(Optional.empty());
  }

  @Test
  void tickIdsAreDeterministic() {
    Instant at = t("2015-01-01T11:00:00Z");
    assertThat(ClockTicks.tick("s", "import:x", 2, at, Instant.now()).getEventId())
        .isEqualTo(ClockTicks.tick("s", "import:x", 2, at, Instant.EPOCH).getEventId())
        .isNotEqualTo(ClockTicks.tick("s", "import:x", 1, at, Instant.EPOCH).getEventId());
  }

  @Test
  void closingRoundsReachTheAsOfInstantAtEveryBoundaryThenAtItself() {
    EventTimeTicks ticks = new EventTimeTicks(Duration.ofHours(1));
    ticks.before(t("2015-01-01T10:15:00Z"));
    assertThat(ticks.closingRounds(t("2015-01-01T13:30:00Z")))
        .containsExactly(
            t("2015-01-01T11:00:00Z"),
            t("2015-01-01T12:00:00Z"),
            t("2015-01-01T13:00:00Z"),
            t("2015-01-01T13:30:00Z"));
    assertThat(ticks.closingRounds(t("2015-01-01T13:30:00Z"))).isEmpty();
  }

  @Test
  void closingRoundsAtTheLastEventTimeAreTheFinalRound() {
    EventTimeTicks ticks = new EventTimeTicks(Duration.ofHours(1));
    ticks.before(t("2015-01-01T10:15:00Z"));
    assertThat(ticks.closingRounds(t("2015-01-01T10:15:00Z")))
        .containsExactly(t("2015-01-01T10:15:00Z"));
    EventTimeTicks onBoundary = new EventTimeTicks(Duration.ofHours(1));
    onBoundary.before(t("2015-01-01T10:15:00Z"));
    assertThat(onBoundary.closingRounds(t("2015-01-01T12:00:00Z")))
        .containsExactly(t("2015-01-01T11:00:00Z"), t("2015-01-01T12:00:00Z"));
  }
}
