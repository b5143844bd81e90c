package vn.onestop.intake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vn.onestop.access.ApiKeyPrincipals;
import vn.onestop.access.Authenticator;
import vn.onestop.access.Principal;
import vn.onestop.access.Role;
import vn.onestop.access.Scope;
import vn.onestop.intake.core.FieldError;

/**
 * A refused credential's 401 names the header that carried it; more than one credential is a 400
 * naming the header, over real HTTP (an intake server with one route, no Kafka).
 */
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

  @Test
  void theRefusedCredentialsHeaderIsTheField() {
    assertThat(refused(null, "Bearer eyJhbGciOi.eyJzdWIi.sig", null).field())
        .isEqualTo("Authorization");
    assertThat(refused(null, "Bearer wrong-key", null).field()).isEqualTo("Authorization");
    assertThat(refused("wrong-key", null, null).field()).isEqualTo("X-API-Key");
    assertThat(refused(null, null, "wrong-key").field()).isEqualTo("api_key");
    assertThat(refused(null, null, null).field()).isEqualTo("X-API-Key");
    assertThat(authn.require(null, "Bearer good-key-0000000001", null).id()).isEqualTo("hotline");
  }

  @Test
  void moreThanOneCredentialIs400NamingTheHeaderWithoutEchoingAKey() throws Exception {
    HttpChannel channel =
        routes -> routes.get("/api/v1/whoami", ctx -> ctx.result(authn.require(ctx).id()));
    IntakeServer server =
        new IntakeServer(
                IntakeHttpConfig.defaults(Map.of()), List.of(channel), new SimpleMeterRegistry())
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      Function<String[], HttpResponse<String>> get =
          headers -> {
            try {
              return http.send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/whoami"))
                      .headers(headers)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          };
      String good = "good-key-0000000001";
      String other = "other-key-000000002";
      assertThat(get.apply(new String[] {"X-API-Key", good}).body()).isEqualTo("hotline");

      HttpResponse<String> twoKeys =
          get.apply(new String[] {"X-API-Key", good, "X-API-Key", other});
      assertThat(twoKeys.statusCode()).isEqualTo(400);
      assertThat(twoKeys.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
      assertThat(twoKeys.body())
          .contains("\"field\":\"X-API-Key\"")
          .doesNotContain(good)
          .doesNotContain(other);

      HttpResponse<String> both =
          get.apply(new String[] {"X-API-Key", good, "Authorization", "Bearer " + other});
      assertThat(both.statusCode()).isEqualTo(400);
      assertThat(both.body())
          .contains("\"field\":\"Authorization\"")
          .contains("X-API-Key")
          .doesNotContain(good)
          .doesNotContain(other);

      HttpResponse<String> twoBearers =
          get.apply(
              new String[] {"Authorization", "Bearer " + good, "Authorization", "Bearer " + other});
      assertThat(twoBearers.statusCode()).isEqualTo(400);
      assertThat(twoBearers.body()).contains("\"field\":\"Authorization\"").doesNotContain(good);
    } finally {
      server.close();
    }
  }

  @Test
  void a403ListsWhatWasMissingInTheShapeOfA400() {
    vn.onestop.access.SigningRules rules = vn.onestop.access.SigningRules.load();
    Principal officer = Principal.of("cb-001", Scope.unit("HK"), Role.OFFICER);
    vn.onestop.access.AccessDeniedException denied =
        catchThrowableOfType(
            vn.onestop.access.AccessDeniedException.class,
            () -> rules.require(officer, "accept", "KHIEU_NAI"));
    Problem p = Authn.forbidden(denied).problem();
    assertThat(p.status()).isEqualTo(403);
    assertThat(p.detail()).isEqualTo(denied.getMessage());
    assertThat(p.errors()).extracting(FieldError::field).containsExactly("role", "article");
    assertThat(p.errors().get(0).message()).startsWith("UNIT_HEAD required");
    assertThat(p.errors().get(1).message()).contains("Luật Khiếu nại 2011, Điều 27");

    Problem bare =
        Authn.forbidden(new vn.onestop.access.AccessDeniedException("not allowed")).problem();
    assertThat(bare.errors()).containsExactly(new FieldError("access", "not allowed"));
  }
}
