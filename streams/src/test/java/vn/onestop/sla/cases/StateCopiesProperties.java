package vn.onestop.sla.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.StateAvroTrust;

/**
 * {@link StateCopies}: the copy written field by field and the schema-driven copy give equal,
 * independent copies of every generated case state ({@link RandomCaseStates}, which walks the
 * schema, so a field the direct copy forgets fails here).
 */
class StateCopiesProperties {
  static {
    StateAvroTrust.install();
  }

  @Property(tries = 500)
  void theDirectCopyEqualsTheStateAndTheGenericCopy(@ForAll("states") CaseState s) {
    CaseState direct = StateCopies.direct(s);

    assertThat(direct).isEqualTo(s).isEqualTo(StateCopies.generic(s)).isNotSameAs(s);
    // field by field too: equals() of Avro records skips nothing, but says less when it fails
    for (int i = 0; i < CaseState.getClassSchema().getFields().size(); i++) {
      assertThat(direct.get(i))
          .as(CaseState.getClassSchema().getFields().get(i).name())
          .isEqualTo(s.get(i));
    }
  }

  @Property(tries = 200)
  void theDirectCopyIsIndependent(@ForAll("states") CaseState s) {
    CaseState before = StateCopies.generic(s);
    CaseState copy = StateCopies.direct(s);

    copy.getProcessedEventIds().add("e-new");
    copy.getEmittedAlertKeys().add("a-new");
    copy.getDecisions().clear();
    if (copy.getClock() != null) {
      copy.getClock().setExtensionDays(copy.getClock().getExtensionDays() + 1);
    }
    if (copy.getLastRefusal() != null) {
      copy.getLastRefusal().setReason("changed");
    }
    if (copy.getKpiMark() != null) {
      copy.getKpiMark().setOverdue(!copy.getKpiMark().getOverdue());
    }
    if (copy.getNextDue() != null) {
      copy.getNextDue().setWithKpi(!copy.getNextDue().getWithKpi());
    }

    assertThat(s).isEqualTo(before);
  }

  @Example
  void theDirectCopyIsTheOneUsedForTheCurrentSchema() {
    assertThat(StateLayout.isCurrent())
        .as("CaseState.avsc changed: update StateCopies.direct, CaseStateCoder and StateLayout")
        .isTrue();
    CaseState s = RandomCaseStates.generate(new Random(3));
    assertThat(StateCopies.copy(s)).isEqualTo(StateCopies.direct(s));
  }

  @Provide
  Arbitrary<CaseState> states() {
    return RandomCaseStates.arbitrary();
  }
}
