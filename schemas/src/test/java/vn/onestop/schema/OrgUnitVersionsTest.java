package vn.onestop.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.onestop.schema.directory.UnitDirectoryFile;
import vn.onestop.schema.testkit.TestRecords;

class OrgUnitVersionsTest {

  /** 00:00 of a local date in Asia/Ho_Chi_Minh, as a directory file's valid_from means. */
  private static Instant day(String date) {
    return LocalDate.parse(date).atStartOfDay(UnitDirectoryFile.ZONE).toInstant();
  }

  private static OrgUnit version(String head, Instant validFrom) {
    return TestRecords.unit("hn-hoan-kiem-hang-trong", "UBND phường Hàng Trống", "hn-hoan-kiem", 1)
        .setHead(UnitHead.newBuilder().setOfficialId(head).setName("Trưởng " + head).build())
        .setValidFrom(validFrom)
        .build();
  }

  private static Optional<String> headAt(List<OrgUnit> versions, Instant at) {
    return OrgUnitVersions.inForceAt(versions, at).map(u -> u.getHead().getOfficialId());
  }

  private final OrgUnit first = version("hk-ht-001", day("2026-01-01"));
  private final OrgUnit second = version("hk-ht-003", day("2026-03-01"));
  private final OrgUnit third = version("hk-ht-005", day("2026-07-01"));

  @Test
  void theVersionWithTheGreatestValidFromAtOrBeforeTheInstantIsInForceInAnyOrder() {
    for (List<OrgUnit> order :
        List.of(
            List.of(first, second, third),
            List.of(third, first, second),
            List.of(second, third, first))) {
      assertThat(headAt(order, day("2026-02-28").plusSeconds(86_399))).hasValue("hk-ht-001");
      assertThat(headAt(order, day("2026-04-15"))).hasValue("hk-ht-003");
      assertThat(headAt(order, day("2027-01-01"))).hasValue("hk-ht-005");
    }
  }

  @Test
  void aVersionIsInForceFromExactlyItsValidFrom() {
    List<OrgUnit> versions = List.of(second, first);
    assertThat(headAt(versions, day("2026-03-01"))).hasValue("hk-ht-003");
    assertThat(headAt(versions, day("2026-03-01").minusMillis(1))).hasValue("hk-ht-001");
  }

  @Test
  void beforeTheFirstVersionTheUnitIsUnknown() {
    assertThat(OrgUnitVersions.inForceAt(List.of(second, first), day("2025-12-31"))).isEmpty();
    assertThat(OrgUnitVersions.inForceAt(List.of(), day("2026-05-01"))).isEmpty();
    OrgUnit always = version("hk-ht-000", Instant.EPOCH);
    assertThat(headAt(List.of(second, always), Instant.EPOCH)).hasValue("hk-ht-000");
  }

  @Test
  void nullVersionsAreIgnoredAndTiesGoToTheLastGiven() {
    OrgUnit correction = version("hk-ht-004", day("2026-03-01"));
    List<OrgUnit> versions = new ArrayList<>(Arrays.asList(first, null, second, correction));
    assertThat(headAt(versions, day("2026-03-02"))).hasValue("hk-ht-004");
    assertThat(OrgUnitVersions.latest(versions)).hasValue(correction);
    assertThatThrownBy(() -> OrgUnitVersions.inForceAt(versions, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void latestIgnoresTheInstantAndTakesEvenAFutureVersion() {
    assertThat(OrgUnitVersions.latest(List.of(third, first, second))).hasValue(third);
    assertThat(OrgUnitVersions.latest(List.of())).isEmpty();
  }
}
