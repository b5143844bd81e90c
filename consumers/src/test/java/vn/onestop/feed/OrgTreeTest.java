package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.onestop.schema.testkit.TestRecords.unit;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;

class OrgTreeTest {

  @Test
  void versionsKeyedByValidFromAreOneUnitAndTheLatestParentDecidesTheSubtree() {
    OrgTree t = Fixtures.cityTree();
    OrgUnit underHk =
        unit("P9", "UBND phường 9", "HK", 2)
            .setValidFrom(Instant.parse("2026-01-01T00:00:00Z"))
            .build();
    OrgUnit underBd =
        unit("P9", "UBND phường 9", "BD", 2)
            .setValidFrom(Instant.parse("2026-03-01T00:00:00Z"))
            .build();
    t.apply(OrgUnitKeys.key(underBd), underBd); // out of order: the later version wins anyway
    t.apply(OrgUnitKeys.key(underHk), underHk);

    assertThat(t.unit("P9")).get().extracting(u -> u.getParentId().toString()).isEqualTo("BD");
    assertThat(t.inSubtree("P9", "BD")).isTrue();
    assertThat(t.inSubtree("P9", "HK")).isFalse();
    assertThat(t.all()).doesNotContainKey(OrgUnitKeys.key(underBd));
  }

  @Test
  void aTombstoneRemovesOneVersionAndTheUnitFallsBackToItsLatestRemainingOne() {
    OrgTree t = Fixtures.cityTree();
    OrgUnit first = unit("P9", "UBND phường 9", "HK", 2).build();
    OrgUnit renamed =
        unit("P9", "UBND phường Chín", "BD", 2)
            .setValidFrom(Instant.parse("2026-03-01T00:00:00Z"))
            .build();
    t.apply(OrgUnitKeys.key(first), first);
    t.apply(OrgUnitKeys.key(renamed), renamed);
    assertThat(t.name("P9")).isEqualTo("UBND phường Chín");

    t.apply(OrgUnitKeys.key(renamed), null);
    assertThat(t.name("P9")).isEqualTo("UBND phường 9");
    assertThat(t.inSubtree("P9", "HK")).isTrue();

    t.apply(OrgUnitKeys.key(first), null);
    assertThat(t.unit("P9")).isEmpty();
    assertThat(t.name("P9")).isEqualTo("P9");
  }
}
