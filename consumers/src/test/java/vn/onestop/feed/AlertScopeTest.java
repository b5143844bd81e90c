package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.testkit.TestRecords;

class AlertScopeTest {
  private final OrgTree org = Fixtures.cityTree();
  private final AlertScope scope = new AlertScope(org);

  private final CaseAlert wardWarning =
      TestRecords.alert("a1", "c1", "HK-P1", "HK-P1", AlertKind.WARNING, 0).build();
  private final CaseAlert wardEscalatedToDistrict =
      TestRecords.alert("a2", "c1", "HK-P1", "HK", AlertKind.ESCALATION, 2).build();
  private final CaseAlert baDinhBreach =
      TestRecords.alert("a3", "c2", "BD", "BD", AlertKind.BREACH, 1).build();

  @Test
  void unitHeadSeesAlertsHandledByOrAddressedToHisUnit() {
    Principal ward = Principal.of("o1", Scope.unit("HK-P1"), Role.SUPERVISOR);
    Principal district = Principal.of("o2", Scope.unit("HK"), Role.SUPERVISOR);
    assertThat(scope.visible(ward, wardWarning)).isTrue();
    assertThat(scope.visible(ward, wardEscalatedToDistrict))
        .as("his case, escalated above him")
        .isTrue();
    assertThat(scope.visible(district, wardWarning))
        .as("UNIT scope does not see the ward's own warnings")
        .isFalse();
    assertThat(scope.visible(district, wardEscalatedToDistrict)).isTrue();
    assertThat(scope.visible(district, baDinhBreach)).isFalse();
  }

  @Test
  void subtreeSeesEverythingBelow() {
    Principal districtTree = Principal.of("o2", Scope.subtree("HK"), Role.SUPERVISOR);
    Principal city = Principal.of("o9", Scope.subtree("HN"), Role.SUPERVISOR);
    assertThat(scope.visible(districtTree, wardWarning)).isTrue();
    assertThat(scope.visible(districtTree, baDinhBreach)).isFalse();
    assertThat(scope.visible(city, wardWarning)).isTrue();
    assertThat(scope.visible(city, baDinhBreach)).isTrue();
  }

  @Test
  void cyclicOrUnknownParentsEndTheWalk() {
    org.apply("X", TestRecords.unit("X", "X", "Y", 3).build());
    org.apply("Y", TestRecords.unit("Y", "Y", "X", 3).build());
    assertThat(org.inSubtree("X", "HN")).isFalse();
    assertThat(org.inSubtree("unknown", "HN")).isFalse();
    org.apply("HK-P1", null);
    assertThat(org.inSubtree("HK-P1", "HK")).as("tombstone removes the unit").isFalse();
  }
}
