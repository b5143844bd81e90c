package vn.onestop.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.onestop.schema.testkit.TestRecords.unit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrgChainTest {
  private final Map<String, OrgUnit> units = new HashMap<>();

  private void put(String id, String parent) {
    units.put(id, unit(id, "Đơn vị " + id, parent, 0).build());
  }

  private java.util.List<String> up(String id) {
    return OrgChain.upFrom(id, u -> Optional.ofNullable(units.get(u)));
  }

  @Test
  void walksUpToTheTopAndKeepsAnUnknownStartOrParent() {
    put("HN", null);
    put("HK", "HN");
    put("HK-P1", "HK");
    put("orphan", "gone");
    assertThat(up("HK-P1")).containsExactly("HK-P1", "HK", "HN");
    assertThat(up("HN")).containsExactly("HN");
    assertThat(up("nobody")).containsExactly("nobody");
    assertThat(up("orphan")).containsExactly("orphan", "gone");
  }

  @Test
  void aCycleEndsTheWalkBeforeAnIdRepeats() {
    put("a", "b");
    put("b", "c");
    put("c", "b");
    put("self", "self");
    assertThat(up("a")).containsExactly("a", "b", "c");
    assertThat(up("self")).containsExactly("self");
  }

  @Test
  void anOverDeepChainIsCut() {
    for (int i = 0; i < 100; i++) {
      put("u" + i, "u" + (i + 1));
    }
    assertThat(up("u0")).hasSize(OrgChain.MAX_DEPTH).startsWith("u0", "u1");
  }
}
