package vn.onestop.intake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Authenticator;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.intake.core.FieldError;

/** A refused credential's 401 names the header that carried it. */
class AuthnTest {
  private final Authn authn =
      new Authn(
          Authenticator.of(
              ApiKeyPrincipals.of(
                  Map.of(
                      "good-key-0000000001", Principal.of("hotline", Scope.none(), Role.INTAKE)))));

  private FieldError refused(String apiKey, String authorization, String fallback) {
    ProblemException e =
        catchThrowableOfType(
            ProblemException.class, () -> authn.require(apiKey, authorization, fallback));
    assertThat(e.problem().status()).isEqualTo(401);
    assertThat(e.problem().errors()).hasSize(1);
    return e.problem().errors().get(0);
  }

  @org.junit.jupiter.api.Test
  void theRefusedCredentialsHeaderIsTheField() {
    assertThat(refused(null, "Bearer eyJhbGciOi.eyJzdWIi.sig", null).field())
        .isEqualTo("Authorization");
    assertThat(refused(null, "Bearer wrong-key", null).field()).isEqualTo("Authorization");
    assertThat(refused("wrong-key", null, null).field()).isEqualTo("X-API-Key");
    assertThat(refused(null, null, "wrong-key").field()).isEqualTo("api_key");
    assertThat(refused(null, null, null).field()).isEqualTo("X-API-Key");
    assertThat(authn.require(null, "Bearer good-key-0000000001", null).id()).isEqualTo("hotline");
  }
}
