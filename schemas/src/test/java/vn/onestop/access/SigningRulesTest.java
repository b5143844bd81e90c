package vn.onestop.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One case per row of signing-rules.csv: the expected roles are written here again, so a change of
 * the table fails a row until this list is changed with it.
 */
class SigningRulesTest {
  private static final SigningRules RULES = SigningRules.load();

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
    "accept, KHIEU_NAI, UNIT_HEAD",
    "reject, KHIEU_NAI, UNIT_HEAD",
    "assign, KHIEU_NAI, UNIT_HEAD",
    "transfer, KHIEU_NAI, UNIT_HEAD",
    "suspend, KHIEU_NAI, UNIT_HEAD",
    "resume, KHIEU_NAI, UNIT_HEAD",
    "extend, KHIEU_NAI, UNIT_HEAD",
    "resolve, KHIEU_NAI, UNIT_HEAD",
    "reopen, KHIEU_NAI, UNIT_HEAD",
    "withdraw, KHIEU_NAI, OFFICER UNIT_HEAD",
    "rate, KHIEU_NAI, OFFICER UNIT_HEAD",
    "accept, TO_CAO, UNIT_HEAD",
    "reject, TO_CAO, UNIT_HEAD",
    "assign, TO_CAO, UNIT_HEAD",
    "transfer, TO_CAO, UNIT_HEAD",
    "suspend, TO_CAO, UNIT_HEAD",
    "resume, TO_CAO, UNIT_HEAD",
    "extend, TO_CAO, UNIT_HEAD",
    "resolve, TO_CAO, UNIT_HEAD",
    "reopen, TO_CAO, UNIT_HEAD",
    "withdraw, TO_CAO, OFFICER UNIT_HEAD",
    "rate, TO_CAO, OFFICER UNIT_HEAD",
    "accept, PHAN_ANH, OFFICER UNIT_HEAD",
    "reject, PHAN_ANH, UNIT_HEAD",
    "assign, PHAN_ANH, OFFICER UNIT_HEAD",
    "transfer, PHAN_ANH, OFFICER UNIT_HEAD",
    "suspend, PHAN_ANH, OFFICER UNIT_HEAD",
    "resume, PHAN_ANH, OFFICER UNIT_HEAD",
    "extend, PHAN_ANH, UNIT_HEAD",
    "resolve, PHAN_ANH, OFFICER UNIT_HEAD",
    "reopen, PHAN_ANH, OFFICER UNIT_HEAD",
    "withdraw, PHAN_ANH, OFFICER UNIT_HEAD",
    "rate, PHAN_ANH, OFFICER UNIT_HEAD",
    "accept, KIEN_NGHI, OFFICER UNIT_HEAD",
    "reject, KIEN_NGHI, UNIT_HEAD",
    "assign, KIEN_NGHI, OFFICER UNIT_HEAD",
    "transfer, KIEN_NGHI, OFFICER UNIT_HEAD",
    "suspend, KIEN_NGHI, OFFICER UNIT_HEAD",
    "resume, KIEN_NGHI, OFFICER UNIT_HEAD",
    "extend, KIEN_NGHI, UNIT_HEAD",
    "resolve, KIEN_NGHI, OFFICER UNIT_HEAD",
    "reopen, KIEN_NGHI, OFFICER UNIT_HEAD",
    "withdraw, KIEN_NGHI, OFFICER UNIT_HEAD",
    "rate, KIEN_NGHI, OFFICER UNIT_HEAD",
    "accept, SERVICE_REQUEST, OFFICER UNIT_HEAD",
    "reject, SERVICE_REQUEST, UNIT_HEAD",
    "assign, SERVICE_REQUEST, OFFICER UNIT_HEAD",
    "transfer, SERVICE_REQUEST, OFFICER UNIT_HEAD",
    "suspend, SERVICE_REQUEST, OFFICER UNIT_HEAD",
    "resume, SERVICE_REQUEST, OFFICER UNIT_HEAD",
    "extend, SERVICE_REQUEST, UNIT_HEAD",
    "resolve, SERVICE_REQUEST, OFFICER UNIT_HEAD",
    "reopen, SERVICE_REQUEST, OFFICER UNIT_HEAD",
    "withdraw, SERVICE_REQUEST, OFFICER UNIT_HEAD",
    "rate, SERVICE_REQUEST, OFFICER UNIT_HEAD"
  })
  void eachRowAllowsExactlyItsRoles(String action, String category, String roles) {
    Set<Role> allowed =
        Arrays.stream(roles.split(" ")).map(Role::valueOf).collect(Collectors.toSet());
    SigningRules.Rule rule = RULES.rule(action, category).orElseThrow();
    assertThat(rule.roles()).isEqualTo(allowed);
    assertThat(rule.source()).isNotBlank();
    for (Role r : Role.values()) {
      Principal p = Principal.of("p-" + r, Scope.all(), r);
      if (allowed.contains(r)) {
        assertThat(RULES.require(p, action, category)).isEqualTo(rule);
      } else {
        assertThatThrownBy(() -> RULES.require(p, action, category))
            .isInstanceOf(AccessDeniedException.class)
            .hasMessageContaining("role " + rule.rolesText() + " is required")
            .hasMessageContaining(category)
            .hasMessageContaining(rule.source())
            .satisfies(
                e ->
                    assertThat(((AccessDeniedException) e).missing())
                        .containsExactly(
                            java.util.Map.entry(
                                AccessDeniedException.ROLE,
                                rule.rolesText() + " required; the principal has [" + r + "]"),
                            java.util.Map.entry(AccessDeniedException.ARTICLE, rule.source())));
      }
    }
  }

  @Test
  void everyActionOfEveryCategoryHasARow() {
    for (String c :
        new String[] {"KHIEU_NAI", "TO_CAO", "PHAN_ANH", "KIEN_NGHI", "SERVICE_REQUEST"}) {
      for (String a :
          new String[] {
            "accept",
            "reject",
            "assign",
            "transfer",
            "suspend",
            "resume",
            "extend",
            "resolve",
            "reopen",
            "withdraw",
            "rate"
          }) {
        assertThat(RULES.rule(a, c)).as(a + " " + c).isPresent();
      }
    }
    assertThat(RULES.rows()).hasSize(55);
  }

  @Test
  void aHeadHoldingSeveralRolesPassesAndAnUnknownCategoryIsRefused() {
    Principal head = new Principal("h", EnumSet.of(Role.OFFICER, Role.UNIT_HEAD), Scope.all());
    assertThat(RULES.require(head, "extend", "TO_CAO").status()).isEqualTo("V");
    assertThatThrownBy(() -> RULES.require(head, "accept", "UNKNOWN"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("no row in the signing table")
        .satisfies(
            e ->
                assertThat(((AccessDeniedException) e).missing())
                    .containsOnlyKeys(AccessDeniedException.ACTION));
  }

  @Test
  void anInvalidRowIsNamedByLine() {
    String csv = "action,category,roles,source,status,note\naccept,TO_CAO,BOSS,x,V,n\n";
    assertThatThrownBy(() -> SigningRules.parse(new StringReader(csv), "t.csv"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t.csv:2")
        .hasMessageContaining("BOSS");
  }
}
