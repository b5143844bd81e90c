package vn.onestop.sla.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.Complexity;

/**
 * For random case histories (any order of events, valid or not, duplicates included), firing only
 * before each event ("one call" per gap) and firing at many extra intermediate instants — with the
 * state serialised to Avro and read back at every step, as a store and a restart do — give the
 * identical alert list and final state; and every alert id is unique and every decidedAt is at or
 * before the firing instant that emitted it.
 */
class EscalationLadderProperties {

  @Property(tries = 300)
  void firingInOneCallOrManySmallStepsGivesTheSameAlerts(
      @ForAll("scenarios") LadderReplay.Scenario sc) {
    LadderReplay.Outcome once = LadderReplay.run(sc, false, false);
    LadderReplay.Outcome steps = LadderReplay.run(sc, true, true);
    assertThat(steps.alerts()).isEqualTo(once.alerts());
    assertThat(steps.state()).isEqualTo(once.state());
    assertThat(steps.decisions()).isEqualTo(once.decisions());
    assertThat(once.alerts()).extracting(CaseAlert::getAlertId).doesNotHaveDuplicates();
    assertThat(once.alerts()).extracting(CaseAlert::getDecidedAt).isSorted();
    Statistics.label("alerts")
        .collect(once.alerts().size() > 5 ? ">5" : String.valueOf(once.alerts().size()));
    Statistics.label("applied events")
        .collect(once.decisions().stream().filter("APPLIED"::equals).count() > 3 ? ">3" : "<=3");
    Statistics.label("suspended or extended")
        .collect(
            once.state().getClock() != null
                && (once.state().getClock().getExtensionsUsed() > 0
                    || !once.state()
                        .getClock()
                        .getArmedAt()
                        .equals(once.state().getClock().getStartedAt())));
  }

  @Provide
  Arbitrary<LadderReplay.Scenario> scenarios() {
    // weighted so that most histories get past the acceptance and exercise suspension and extension
    Arbitrary<LadderReplay.Kind> kind =
        Arbitraries.frequency(
            Tuple.of(5, LadderReplay.Kind.ACCEPT),
            Tuple.of(2, LadderReplay.Kind.ASSIGN),
            Tuple.of(2, LadderReplay.Kind.TRANSFER),
            Tuple.of(3, LadderReplay.Kind.SUSPEND),
            Tuple.of(3, LadderReplay.Kind.RESUME),
            Tuple.of(3, LadderReplay.Kind.EXTEND),
            Tuple.of(1, LadderReplay.Kind.RESOLVE),
            Tuple.of(1, LadderReplay.Kind.REOPEN),
            Tuple.of(1, LadderReplay.Kind.WITHDRAW),
            Tuple.of(1, LadderReplay.Kind.RATE),
            Tuple.of(1, LadderReplay.Kind.DUPLICATE));
    Arbitrary<LadderReplay.Step> step =
        Combinators.combine(
                kind,
                Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 100))
            .as(LadderReplay.Step::new);
    return Combinators.combine(
            Arbitraries.of("TEST-SECONDS", "TC-2018", "KN1-2011", "PA-DEFAULT"),
            Arbitraries.of(Complexity.class),
            Arbitraries.integers().between(0, 700),
            Arbitraries.of(true, false),
            step.list().ofMaxSize(14),
            Arbitraries.integers().between(0, 1000).list().ofMaxSize(40))
        .as(LadderReplay.Scenario::new);
  }
}
