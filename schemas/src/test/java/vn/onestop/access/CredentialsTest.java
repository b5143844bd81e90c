package vn.onestop.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One credential per request: a second one is refused naming the header, never the values. */
class CredentialsTest {
  private static AmbiguousCredentialsException refused(List<String> keys, List<String> auth) {
    return catchThrowableOfType(
        AmbiguousCredentialsException.class, () -> Credentials.fromHeaderValues(keys, auth));
  }

  @Test
  void oneCredentialIsRead() {
    assertThat(Credentials.fromHeaderValues(List.of("k-1"), List.of()))
        .isEqualTo(new Credentials("k-1", null));
    assertThat(Credentials.fromHeaderValues(List.of(), List.of("Bearer t-1")))
        .isEqualTo(new Credentials(null, "t-1"));
    assertThat(Credentials.fromHeaderValues(List.of(), List.of()).absent()).isTrue();
    // a proxy's Basic header next to an API key is not a second credential
    assertThat(Credentials.fromHeaderValues(List.of("k-1"), List.of("Basic dXNlcjpwdw==")))
        .isEqualTo(new Credentials("k-1", null));
  }

  @Test
  void twoKeysTwoAuthorizationsOrBothAreRefusedNamingTheHeader() {
    AmbiguousCredentialsException twoKeys = refused(List.of("k-1", "k-2"), List.of());
    assertThat(twoKeys.header()).isEqualTo("X-API-Key");
    assertThat(twoKeys.getMessage())
        .contains("2 times")
        .doesNotContain("k-1")
        .doesNotContain("k-2");

    AmbiguousCredentialsException twoAuth = refused(List.of(), List.of("Bearer t-1", "Bearer t-2"));
    assertThat(twoAuth.header()).isEqualTo("Authorization");
    assertThat(twoAuth.getMessage()).doesNotContain("t-1");

    AmbiguousCredentialsException both = refused(List.of("k-1"), List.of("Bearer t-1"));
    assertThat(both.header()).isEqualTo("Authorization");
    assertThat(both.getMessage()).contains("X-API-Key").doesNotContain("k-1").doesNotContain("t-1");
  }
}
