package vn.onestop.sla.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.Complexity;

/**
 * The determinism check of {@link EscalationLadderProperties} on a fixed, seeded set of 400 random
 * histories (plain JUnit, so the check also stands without the property engine), plus a check that
 * the generated histories really exercise the ladder.
 */
class LadderReplayTest {

  private static final String[] POLICIES = {"TEST-SECONDS", "TC-2018", "KN1-2011", "PA-DEFAULT"};

  @Test
  void seededHistoriesGiveTheSameAlertsWhateverTheFiringSteps() {
    Random rnd = new Random(20260302L);
    int withAlerts = 0;
    int escalated = 0;
    for (int n = 0; n < 400; n++) {
      LadderReplay.Scenario sc = scenario(rnd);
      LadderReplay.Outcome once = LadderReplay.run(sc, false, false);
      LadderReplay.Outcome steps = LadderReplay.run(sc, true, true);
      assertThat(steps.alerts()).as("scenario %s", sc).isEqualTo(once.alerts());
      assertThat(steps.state()).as("scenario %s", sc).isEqualTo(once.state());
      withAlerts += once.alerts().isEmpty() ? 0 : 1;
      escalated += once.alerts().stream().anyMatch(a -> a.getLevel() == 3) ? 1 : 0;
    }
    assertThat(withAlerts).isGreaterThan(200);
    assertThat(escalated).isGreaterThan(50);
  }

  private static LadderReplay.Scenario scenario(Random rnd) {
    List<LadderReplay.Step> steps = new ArrayList<>();
    int n = rnd.nextInt(15);
    for (int i = 0; i < n; i++) {
      steps.add(
          new LadderReplay.Step(
              LadderReplay.Kind.values()[rnd.nextInt(LadderReplay.Kind.values().length)],
              rnd.nextInt(1001),
              rnd.nextInt(101)));
    }
    List<Integer> ticks = new ArrayList<>();
    int t = rnd.nextInt(41);
    for (int i = 0; i < t; i++) {
      ticks.add(rnd.nextInt(1001));
    }
    return new LadderReplay.Scenario(
        POLICIES[rnd.nextInt(POLICIES.length)],
        Complexity.values()[rnd.nextInt(3)],
        rnd.nextInt(701),
        rnd.nextBoolean(),
        steps,
        ticks);
  }
}
