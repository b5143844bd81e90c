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
}
