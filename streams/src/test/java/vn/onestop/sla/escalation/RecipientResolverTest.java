package vn.onestop.sla.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.onestop.sla.cases.CaseFixture;

/**
 * Recipient rules of {@link RecipientResolver} on the fixture's org chart (see {@link
 * CaseFixture}).
 */
class RecipientResolverTest {

  private final CaseFixture fixture = new CaseFixture();

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  private Recipient resolve(String unit, int level, String subject, String officer) {
    return new RecipientResolver(fixture.org()).resolve(unit, level, subject, officer, NOW);
  }

  private Recipient resolveAt(Instant at, String unit, int level) {
    return new RecipientResolver(fixture.org()).resolve(unit, level, null, null, at);
  }

  @Test
  void levelsAddressTheHandlingUnitItsParentAndTheTop() {
    assertThat(resolve("U-WARD", 0, null, null)).isEqualTo(new Recipient("U-WARD", "H-WARD"));
    assertThat(resolve("U-WARD", 1, null, null)).isEqualTo(new Recipient("U-WARD", "H-WARD"));
    assertThat(resolve("U-WARD", 2, null, null)).isEqualTo(new Recipient("U-DISTRICT", "H-DIST"));
    assertThat(resolve("U-WARD", 3, null, null)).isEqualTo(new Recipient("U-CITY", "H-CITY"));
  }

  @Test
  void warningsPreferTheOfficerUnlessHeIsTheSubject() {
    assertThat(resolve("U-WARD", 0, null, "O-1")).isEqualTo(new Recipient("U-WARD", "O-1"));
    assertThat(resolve("U-WARD", 0, "O-1", "O-1")).isEqualTo(new Recipient("U-WARD", "H-WARD"));
    assertThat(resolve("U-WARD", 1, null, "O-1")).isEqualTo(new Recipient("U-WARD", "H-WARD"));
  }

  @Test
  void aSubjectHeadAndDeputyAreBothSkipped() {
    fixture.putUnit("U-WARD", "U-DISTRICT", 2, "H-WARD", "H-WARD");
    assertThat(resolve("U-WARD", 1, "H-WARD", null))
        .isEqualTo(new Recipient("U-DISTRICT", "H-DIST"));
  }

  @Test
  void aSubjectHeadOfTheTopWithoutDeputyLeavesTheTopUnitWithoutOfficial() {
    assertThat(resolve("U-CITY", 1, "H-CITY", null)).isEqualTo(new Recipient("U-CITY", null));
  }

  @Test
  void aVacantHeadGoesToTheDeputyElseToTheUnitWithoutOfficial() {
    fixture.putUnit("U-WARD", "U-DISTRICT", 2, null, "D-WARD");
    assertThat(resolve("U-WARD", 1, null, null)).isEqualTo(new Recipient("U-WARD", "D-WARD"));
    fixture.putUnit("U-WARD", "U-DISTRICT", 2, null, null);
    assertThat(resolve("U-WARD", 1, null, null)).isEqualTo(new Recipient("U-WARD", null));
  }

  @Test
  void aParentUnknownToTheDirectoryIsStillAddressedByItsId() {
    fixture.putUnit("U-WARD", "U-MISSING", 2, "H-WARD", null);
    assertThat(resolve("U-WARD", 2, null, null)).isEqualTo(new Recipient("U-MISSING", null));
    assertThat(resolve("U-WARD", 3, null, null)).isEqualTo(new Recipient("U-MISSING", null));
  }

  @Test
  void aCycleInTheOrgDataTerminates() {
    fixture.putUnit("U-A", "U-B", 1, "H-A", null).putUnit("U-B", "U-A", 1, "H-B", null);
    assertThat(resolve("U-A", 3, null, null).unitId()).isIn("U-A", "U-B");
    assertThat(resolve("U-A", 1, "H-A", null)).isEqualTo(new Recipient("U-B", "H-B"));
    fixture.putUnit("U-B", "U-A", 1, "H-A", null);
    assertThat(resolve("U-A", 1, "H-A", null)).isEqualTo(new Recipient("U-A", null));
  }

  @Test
  void everyLevelReadsTheDirectoryAtTheDecidedAtInstant() {
    Instant change = Instant.parse("2026-03-01T00:00:00Z");
    fixture
        .putUnitFrom(change, "U-WARD", "U-DISTRICT", 2, "H-WARD-2", null)
        .putUnitFrom(change, "U-DISTRICT", "U-CITY", 1, "H-DIST-2", null)
        .putUnitFrom(change, "U-CITY", null, 0, "H-CITY-2", null);
    Instant before = change.minusMillis(1);
    assertThat(resolveAt(before, "U-WARD", 1)).isEqualTo(new Recipient("U-WARD", "H-WARD"));
    assertThat(resolveAt(before, "U-WARD", 2)).isEqualTo(new Recipient("U-DISTRICT", "H-DIST"));
    assertThat(resolveAt(before, "U-WARD", 3)).isEqualTo(new Recipient("U-CITY", "H-CITY"));
    assertThat(resolveAt(change, "U-WARD", 1)).isEqualTo(new Recipient("U-WARD", "H-WARD-2"));
    assertThat(resolveAt(change, "U-WARD", 2)).isEqualTo(new Recipient("U-DISTRICT", "H-DIST-2"));
    assertThat(resolveAt(change, "U-WARD", 3)).isEqualTo(new Recipient("U-CITY", "H-CITY-2"));
  }

  @Test
  void theParentChainIsWalkedAsItStoodAtTheInstant() {
    Instant moved = Instant.parse("2026-03-01T00:00:00Z");
    fixture
        .putUnit("U-NEW-TOP", null, 0, "H-NEW-TOP", null)
        .putUnitFrom(moved, "U-DISTRICT", "U-NEW-TOP", 1, "H-DIST", null);
    assertThat(resolveAt(moved.minusMillis(1), "U-WARD", 3))
        .isEqualTo(new Recipient("U-CITY", "H-CITY"));
    assertThat(resolveAt(moved, "U-WARD", 3)).isEqualTo(new Recipient("U-NEW-TOP", "H-NEW-TOP"));
  }
}
