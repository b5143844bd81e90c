package vn.onestop.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  @Test
  void withRolesOnlyAdminKeysAreAdminsAndClientIdsLoseTheRole() {
    ApiKeys keys = new ApiKeys(Map.of("k1", "hotline", "k2", "ops:admin"));
    assertThat(keys.clientFor("k1")).hasValue("hotline");
    assertThat(keys.clientFor("k2")).hasValue("ops");
    assertThat(keys.isAdmin("k1")).isFalse();
    assertThat(keys.isAdmin("k2")).isTrue();
    assertThat(keys.isAdmin("nope")).isFalse();
    assertThat(keys.isAdmin(null)).isFalse();
  }

  @Test
  void withoutRolesEveryValidKeyIsAnAdmin() {
    ApiKeys keys = new ApiKeys(Map.of("dev-key", "dev"));
    assertThat(keys.isAdmin("dev-key")).isTrue();
    assertThat(keys.isAdmin("other")).isFalse();
  }
}
