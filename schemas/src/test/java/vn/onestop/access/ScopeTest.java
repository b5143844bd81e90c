package vn.onestop.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopeTest {
  // HN > HK > PH ; HN > BD ; loop A <-> B
  private static final Map<String, String> PARENT =
      Map.of("HK", "HN", "PH", "HK", "BD", "HN", "A", "B", "B", "A");
  private static final UnitParents DIR = id -> Optional.ofNullable(PARENT.get(id));

  @Test
  void unitCoversOnlyItself() {
    assertThat(Scope.unit("HK").covers("HK", DIR)).isTrue();
    assertThat(Scope.unit("HK").covers("PH", DIR)).isFalse();
    assertThat(Scope.unit("HK").covers(null, DIR)).isFalse();
  }

  @Test
  void subtreeFollowsTheParentChain() {
    assertThat(Scope.subtree("HN").covers("PH", DIR)).isTrue();
    assertThat(Scope.subtree("HK").covers("PH", DIR)).isTrue();
    assertThat(Scope.subtree("HK").covers("BD", DIR)).isFalse();
    assertThat(Scope.subtree("HK").covers("HN", DIR)).isFalse();
    assertThat(Scope.subtree("HN").covers("unknown", DIR)).isFalse();
    assertThat(Scope.subtree("C").covers("A", DIR)).isFalse(); // cycle ends the walk
  }

  @Test
  void allAndNone() {
    assertThat(Scope.all().covers("anything", DIR)).isTrue();
    assertThat(Scope.none().covers("HK", DIR)).isFalse();
    assertThatThrownBy(() -> Scope.unit(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accessNamesTheMissingUnit() {
    Principal p = Principal.of("cb-1", Scope.unit("HK"), Role.OFFICER);
    assertThatThrownBy(() -> Access.requireScope(p, "accept case c1", "BD", DIR))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("unit BD is outside the scope of principal cb-1 (unit HK)")
        .satisfies(
            e ->
                assertThat(((AccessDeniedException) e).missing())
                    .containsExactly(
                        java.util.Map.entry(
                            AccessDeniedException.UNIT,
                            "BD is outside the principal's scope (unit HK)")));
    assertThatThrownBy(
            () -> Access.requireRole(p, "read the history", java.util.Set.of(Role.AUDITOR)))
        .hasMessageContaining("role AUDITOR is required to read the history")
        .satisfies(
            e ->
                assertThat(((AccessDeniedException) e).missing())
                    .containsExactly(
                        java.util.Map.entry(
                            AccessDeniedException.ROLE,
                            "AUDITOR required; the principal has [OFFICER]")));
  }
}
