package vn.onestop.sla.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.policy.PolicyBook;

/** The processor reports its task's stream time to the engine's {@link StreamClock}. */
class StreamClockTest {
  static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

  @Test
  void theProcessorReportsStreamTimeWhichNeverGoesBack() {
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      StreamClock clock = h.streamClock();
      assertThat(clock.earliest()).isEmpty();
      h.pipe(TestRecords.submittedWithSourceDue("e1", "case-1", T0, T0.plus(Duration.ofDays(3))));
      assertThat(clock.streamTime(0)).hasValue(T0.toEpochMilli());
      h.pipe(TestRecords.tick(T0.plus(Duration.ofHours(5)), 0));
      assertThat(clock.streamTime(0)).hasValue(T0.plus(Duration.ofHours(5)).toEpochMilli());
      // A late record does not move stream time back.
      h.pipe(TestRecords.tick(T0.plus(Duration.ofHours(1)), 0));
      assertThat(clock.earliest()).hasValue(T0.plus(Duration.ofHours(5)).toEpochMilli());
      assertThat(clock.streamTime(1)).isEmpty();
    }
  }

  @Test
  void earliestIsThePartitionFurthestBehind() {
    StreamClock clock = new StreamClock();
    clock.advance(0, 5_000);
    clock.advance(1, 2_000);
    clock.advance(1, 1_000);
    clock.advance(2, -1);
    assertThat(clock.earliest()).hasValue(2_000);
    assertThat(clock.streamTime(2)).isEmpty();
  }
}
