package vn.onestop.intake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onestop.intake.readmodel.CaseReadModel;
import vn.onestop.intake.readmodel.OrgUnitsView;
import vn.onestop.schema.testkit.TestRecords;

/** A transfer's target and a submission's unit are checked against the directory in force. */
class KnownUnitTest {
  private final OrgUnitsView units =
      OrgUnitsView.of(
          List.of(
              TestRecords.unit("hn", "Hà Nội", null, 0).build(),
              TestRecords.unit("hk", "Hoàn Kiếm", "hn", 1).build()));
  private final CaseIntake intake =
      new CaseIntake(null, null, new CaseReadModel(), () -> true, null, units);

  @Test
  void aTransferToAUnitOutsideTheDirectoryIsA400NamingToUnitId() {
    intake.requireKnownUnit("toUnitId", "hk");
    assertThatThrownBy(() -> intake.requireKnownUnit("toUnitId", "ghost-unit"))
        .isInstanceOf(InvalidFieldsException.class)
        .satisfies(
            e ->
                assertThat(((InvalidFieldsException) e).errors())
                    .extracting(FieldError::field)
                    .containsExactly("toUnitId"));
  }

  @Test
  void theParentRelationIsTheDirectoryInForce() {
    var parents = intake.unitParents(Instant.now());
    assertThat(parents.parentOf("hk")).contains("hn");
    assertThat(parents.parentOf("hn")).isEmpty();
    assertThat(parents.parentOf("ghost")).isEmpty();
  }
}
