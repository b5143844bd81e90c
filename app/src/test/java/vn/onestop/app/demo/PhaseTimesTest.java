package vn.onestop.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PhaseTimesTest {
  @Test
  void eachPhaseLastsUntilTheNextIsMarkedAndTheTableAddsUpToTheTotal() {
    AtomicLong now = new AtomicLong(1_000);
    PhaseTimes t = new PhaseTimes(now::get, "start-up");
    now.addAndGet(2_000_000_000L);
    t.next("import");
    now.addAndGet(6_000_000_000L);
    t.next("engine catching up");
    now.addAndGet(2_000_000_000L);

    assertThat(t.phases())
        .containsExactly(
            new PhaseTimes.Phase("start-up", 2_000_000_000L),
            new PhaseTimes.Phase("import", 6_000_000_000L),
            new PhaseTimes.Phase("engine catching up", 2_000_000_000L));

    ByteArrayOutputStream b = new ByteArrayOutputStream();
    t.print(new PrintStream(b, true, StandardCharsets.UTF_8));
    assertThat(b.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "Wall time by phase:",
            "  start-up                  2.0 s   20 %",
            "  import                    6.0 s   60 %",
            "  engine catching up        2.0 s   20 %",
            "  total                    10.0 s");
  }
}
