package vn.onestop.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyPrincipalsTest {
  @TempDir Path dir;

  @Test
  void loadsHashedKeysRolesAndScopes() throws Exception {
    String k1 = ApiKeyPrincipals.newKey();
    Path f = dir.resolve("p.json");
    Files.writeString(
        f,
        "{\"principals\": ["
            + "{\"id\": \"cb-001\", \"roles\": [\"OFFICER\"], \"scope\": {\"unit\": \"HK\"},"
            + " \"keySha256\": \""
            + ApiKeyPrincipals.sha256Hex(k1)
            + "\"},"
            + "{\"id\": \"head\", \"roles\": [\"unit_head\", \"SUPERVISOR\"],"
            + " \"scope\": {\"subtree\": \"HN\"}, \"key\": \"dev-head\"},"
            + "{\"id\": \"audit\", \"roles\": [\"AUDITOR\"], \"scope\": \"all\", \"key\": \"a\"}]}",
        StandardCharsets.UTF_8);
    ApiKeyPrincipals keys = ApiKeyPrincipals.load(f);
    assertThat(keys.find(k1)).contains(Principal.of("cb-001", Scope.unit("HK"), Role.OFFICER));
    assertThat(keys.find("dev-head").orElseThrow().roles())
        .isEqualTo(Set.of(Role.UNIT_HEAD, Role.SUPERVISOR));
    assertThat(keys.find("dev-head").orElseThrow().scope()).isEqualTo(Scope.subtree("HN"));
    assertThat(keys.find("a").orElseThrow().scope()).isEqualTo(Scope.all());
    assertThat(keys.find(k1 + "x")).isEmpty();
    assertThat(keys.find(null)).isEmpty();
    assertThat(keys.toString()).doesNotContain(k1).doesNotContain("dev-head");
    assertThat(k1).hasSize(43);
  }

  @Test
  void theFeedsEarlierFormatStillLoads() throws Exception {
    Path f = dir.resolve("feed.json");
    Files.writeString(
        f,
        "[{\"key\": \"k-hk\", \"officialId\": \"cb-001\", \"unitId\": \"HK\"},"
            + "{\"key\": \"k-city\", \"officialId\": \"cb-900\", \"unitId\": \"HN\", \"scope\":"
            + " \"SUBTREE\"}]");
    ApiKeyPrincipals keys = ApiKeyPrincipals.load(f);
    assertThat(keys.find("k-hk"))
        .contains(Principal.of("cb-001", Scope.unit("HK"), Role.SUPERVISOR));
    assertThat(keys.find("k-city").orElseThrow().scope()).isEqualTo(Scope.subtree("HN"));
  }

  @Test
  void badEntriesAreNamedByFileAndIndexWithoutTheKey() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "[{\"id\": \"x\", \"roles\": [\"BOSS\"], \"key\": \"secret-key-123\"}]");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f))
        .hasMessageContaining("bad.json: entry 0")
        .hasMessageContaining("unknown role 'BOSS'")
        .hasMessageNotContaining("secret-key-123");
    Files.writeString(f, "[{\"id\": \"x\", \"roles\": [\"OFFICER\"], \"keySha256\": \"abc\"}]");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f)).hasMessageContaining("64 hex digits");
    Files.writeString(
        f,
        "[{\"id\": \"x\", \"roles\": [\"OFFICER\"], \"key\": \"a\"},"
            + "{\"id\": \"y\", \"roles\": [\"OFFICER\"], \"key\": \"a\"}]");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f)).hasMessageContaining("entry 1");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(dir.resolve("none.json")))
        .hasMessageContaining("principals file not found");
    Files.writeString(f, "{not json");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f)).hasMessageContaining("not JSON");
  }

  @Test
  void commandLineSpecKeepsTheOldSyntaxAndAddsRolesAndScopes() {
    ApiKeyPrincipals keys =
        ApiKeyPrincipals.parseSpec(
            "k1=hotline, k2=ops:admin, k3=cb-001:officer@HK, k4=tp:unit_head+supervisor@HN/*,"
                + " k5=all:auditor@*",
            "ONESTOP_API_KEYS");
    assertThat(keys.find("k1")).contains(Principal.of("hotline", Scope.none(), Role.INTAKE));
    assertThat(keys.find("k2")).contains(Principal.of("ops", Scope.none(), Role.ADMIN));
    assertThat(keys.find("k3")).contains(Principal.of("cb-001", Scope.unit("HK"), Role.OFFICER));
    assertThat(keys.find("k4"))
        .contains(Principal.of("tp", Scope.subtree("HN"), Role.UNIT_HEAD, Role.SUPERVISOR));
    assertThat(keys.find("k5").orElseThrow().scope()).isEqualTo(Scope.all());
    assertThatThrownBy(() -> ApiKeyPrincipals.parseSpec("secretkey", "ONESTOP_API_KEYS"))
        .hasMessageContaining("ONESTOP_API_KEYS: entry 1")
        .hasMessageNotContaining("secretkey");
    assertThatThrownBy(() -> ApiKeyPrincipals.parseSpec("k=a:chief", "X"))
        .hasMessageContaining("unknown role 'chief'");
  }

  @Test
  void credentialsFromHeaders() throws Exception {
    Authenticator auth = Authenticator.of(ApiKeyPrincipals.parseSpec("k1=hotline", "t"));
    assertThat(auth.authenticate(Credentials.fromHeaders(null, null))).isEmpty();
    assertThat(auth.authenticate(Credentials.fromHeaders("k1", null)).orElseThrow().id())
        .isEqualTo("hotline");
    assertThat(auth.authenticate(Credentials.fromHeaders(null, "Bearer k1")).orElseThrow().id())
        .isEqualTo("hotline");
    assertThatThrownBy(() -> auth.authenticate(Credentials.fromHeaders("nope", null)))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("unknown API key");
    assertThatThrownBy(
            () -> auth.authenticate(Credentials.fromHeaders(null, "Bearer eyJhbGciOi.eyJ.sig")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("no issuer is configured");
    assertThat(Credentials.fromHeaders("k1", null).toString()).doesNotContain("k1");
  }
}
