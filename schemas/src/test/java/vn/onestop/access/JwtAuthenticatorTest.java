package vn.onestop.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens signed with a key pair generated here; the verifier knows only the public half. */
class JwtAuthenticatorTest {
  private static final String ISS = "https://idp.test/realms/onestop";
  private static final String AUD = "onestop-intake";
  private static RSAKey key;
  private static RSAKey other;
  private static JwtAuthenticator jwt;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    other = new RSAKeyGenerator(2048).keyID("k1").generate(); // same kid, other key
    jwt =
        new JwtAuthenticator(
            JwtSettings.of(ISS, AUD, null, Path.of("unused")), new JWKSet(key.toPublicJWK()));
  }

  static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISS)
        .audience(List.of(AUD, "other-app"))
        .subject("cb-001")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("roles", List.of("OFFICER", "offline_access"))
        .claim("unit", "HK");
  }

  static String sign(JWTClaimsSet c, RSAKey with) throws Exception {
    SignedJWT t = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), c);
    t.sign(new RSASSASigner(with));
    return t.serialize();
  }

  @Test
  void aValidTokenGivesItsPrincipal() throws Exception {
    String token = sign(claims().build(), key);
    assertThat(JwtAuthenticator.looksLikeJwt(token)).isTrue();
    assertThat(jwt.verify(token)).isEqualTo(Principal.of("cb-001", Scope.unit("HK"), Role.OFFICER));
    Principal head =
        jwt.verify(
            sign(
                claims()
                    .claim("roles", "UNIT_HEAD SUPERVISOR")
                    .claim("unit_scope", "subtree")
                    .build(),
                key));
    assertThat(head.scope()).isEqualTo(Scope.subtree("HK"));
    assertThat(head.has(Role.UNIT_HEAD) && head.has(Role.SUPERVISOR)).isTrue();
  }

  @Test
  void expiredWrongIssuerWrongAudienceBadSignatureAndUnsignedAreRefused() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    String expired = sign(claims().expirationTime(Date.from(past)).build(), key);
    String wrongIss = sign(claims().issuer("https://evil.test").build(), key);
    String wrongAud = sign(claims().audience("someone-else").build(), key);
    String badSig = sign(claims().build(), other);
    String none = new PlainJWT(claims().build()).serialize();
    String noExp = sign(claims().expirationTime(null).build(), key);
    String noRole = sign(claims().claim("roles", List.of("x")).build(), key);
    for (String t : List.of(expired, wrongIss, wrongAud, badSig, none, noExp, noRole)) {
      assertThatThrownBy(() -> jwt.verify(t))
          .isInstanceOf(AuthenticationException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(t));
    }
    assertThatThrownBy(() -> jwt.verify(expired)).hasMessageContaining("xpired");
    assertThatThrownBy(() -> jwt.verify(none)).hasMessageContaining("refused");
  }

  @Test
  void aUnitClaimThatIsNotAUnitIdIsRefused() throws Exception {
    for (String unit : List.of("hn-hoan-kiem-h\u0430ng-bac", "<b>x</b>", "a".repeat(65))) {
      String t = sign(claims().claim("unit", unit).build(), key);
      assertThatThrownBy(() -> jwt.verify(t))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("unit id must be")
          .hasMessageNotContaining(unit);
    }
  }

  @Test
  void aSubThatIsNotAnOfficialIdIsRefused() throws Exception {
    String bad = "<b>x</b>\u0430 " + "A".repeat(300);
    for (String sub : List.of(bad, "<script>", "a b", "x".repeat(65))) {
      String t = sign(claims().subject(sub).build(), key);
      assertThatThrownBy(() -> jwt.verify(t))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("principal id must be 1-64 letters, digits or . _ : / -")
          .hasMessageNotContaining(sub);
    }
    assertThat(jwt.verify(sign(claims().subject("c\u00e1n-b\u1ed9:01").build(), key)).id())
        .isEqualTo("c\u00e1n-b\u1ed9:01");
  }

  @Test
  void tamperedPayloadIsRefused() throws Exception {
    String[] parts = sign(claims().build(), key).split("\\.");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims().claim("roles", List.of("UNIT_HEAD")).build().toString().getBytes());
    assertThatThrownBy(() -> jwt.verify(parts[0] + "." + forged + "." + parts[2]))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aPemPublicKeyFileAndTheAuthenticatorRouteBearerJwts() throws Exception {
    Path pem = dir.resolve("idp.pem");
    Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    Authenticator auth =
        new Authenticator(
            ApiKeyPrincipals.none(),
            Optional.of(new JwtAuthenticator(JwtSettings.of(ISS, AUD, null, pem))));
    String token = sign(claims().build(), key);
    assertThat(auth.authenticate(new Credentials(null, token)).orElseThrow().id())
        .isEqualTo("cb-001");
    assertThatThrownBy(
            () -> auth.authenticate(new Credentials(null, sign(claims().build(), other))))
        .isInstanceOf(AuthenticationException.class);
    Files.writeString(pem, "garbage");
    assertThatThrownBy(() -> new JwtAuthenticator(JwtSettings.of(ISS, AUD, null, pem)))
        .hasMessageContaining("idp.pem");
  }
}
