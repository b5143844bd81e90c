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
            + " \"scope\": {\"subtree\": \"HN\"}, \"key\": \"dev-head-key-0001\"},"
            + "{\"id\": \"audit\", \"roles\": [\"AUDITOR\"], \"scope\": \"all\", \"key\": \"audit-key-000001\"}]}",
        StandardCharsets.UTF_8);
    ApiKeyPrincipals keys = ApiKeyPrincipals.load(f);
    assertThat(keys.find(k1)).contains(Principal.of("cb-001", Scope.unit("HK"), Role.OFFICER));
    assertThat(keys.find("dev-head-key-0001").orElseThrow().roles())
        .isEqualTo(Set.of(Role.UNIT_HEAD, Role.SUPERVISOR));
    assertThat(keys.find("dev-head-key-0001").orElseThrow().scope()).isEqualTo(Scope.subtree("HN"));
    assertThat(keys.find("audit-key-000001").orElseThrow().scope()).isEqualTo(Scope.all());
    assertThat(keys.find(k1 + "x")).isEmpty();
    assertThat(keys.find(null)).isEmpty();
    assertThat(keys.toString()).doesNotContain(k1).doesNotContain("dev-head-key-0001");
    assertThat(k1).hasSize(43);
  }

  @Test
  void theFeedsEarlierFormatStillLoads() throws Exception {
    Path f = dir.resolve("feed.json");
    Files.writeString(
        f,
        "[{\"key\": \"k-hk-0000000000001\", \"officialId\": \"cb-001\", \"unitId\": \"HK\"},"
            + "{\"key\": \"k-city-00000000001\", \"officialId\": \"cb-900\", \"unitId\": \"HN\", \"scope\":"
            + " \"SUBTREE\"}]");
    ApiKeyPrincipals keys = ApiKeyPrincipals.load(f);
    assertThat(keys.find("k-hk-0000000000001"))
        .contains(Principal.of("cb-001", Scope.unit("HK"), Role.SUPERVISOR));
    assertThat(keys.find("k-city-00000000001").orElseThrow().scope())
        .isEqualTo(Scope.subtree("HN"));
  }

  @Test
  void badEntriesAreNamedByFileAndIndexWithoutTheKey() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(
        f, "[{\"id\": \"x\", \"roles\": [\"BOSS\"], \"key\": \"secret-key-1234567\"}]");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f))
        .hasMessageContaining("bad.json: entry 1")
        .hasMessageContaining("unknown role 'BOSS'")
        .hasMessageNotContaining("secret-key-1234567");
    Files.writeString(f, "[{\"id\": \"x\", \"roles\": [\"OFFICER\"], \"keySha256\": \"abc\"}]");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f)).hasMessageContaining("64 hex digits");
    Files.writeString(
        f,
        "[{\"id\": \"x\", \"roles\": [\"AUDITOR\"], \"key\": \"a-long-enough-key\"},"
            + "{\"id\": \"y\", \"roles\": [\"AUDITOR\"], \"key\": \"a-long-enough-key\"}]");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f))
        .hasMessageContaining("entry 2: the key repeats");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(dir.resolve("none.json")))
        .hasMessageContaining("principals file not found");
    Files.writeString(f, "{not json");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f)).hasMessageContaining("not JSON");
  }

  private Path file(String... entries) throws Exception {
    Path f = dir.resolve("p.json");
    Files.writeString(f, "[" + String.join(",", entries) + "]", StandardCharsets.UTF_8);
    return f;
  }

  private static String officer(String id, String scope, String key) {
    return "{\"id\": \""
        + id
        + "\", \"roles\": [\"OFFICER\"]"
        + (scope == null ? "" : ", \"scope\": " + scope)
        + ", \"key\": \""
        + key
        + "\"}";
  }

  @Test
  void theFileRefusesBadUnitIdsUnscopedOfficersRepeatedIdsAndShortKeys() throws Exception {
    String ok = officer("cb-1", "{\"unit\": \"HK\"}", "key-of-cb-1-0000001");
    assertThatThrownBy(
            () ->
                ApiKeyPrincipals.load(
                    file(
                        ok,
                        officer(
                            "cb-2",
                            "{\"unit\": \"hn-hoan-kiem-h\u0430ng-bac\"}",
                            "key-of-cb-2-000001"))))
        .hasMessageStartingWith(dir.resolve("p.json") + ": entry 2: ")
        .hasMessageContaining("unit id must be")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("key-of-cb-2");
    assertThatThrownBy(
            () ->
                ApiKeyPrincipals.load(
                    file(officer("cb-2", "{\"subtree\": \"<b>x</b>\"}", "key-of-cb-2-000001"))))
        .hasMessageContaining("p.json: entry 1: ")
        .hasMessageContaining("unit id must be");
    assertThatThrownBy(
            () -> ApiKeyPrincipals.load(file(ok, officer("cb-2", null, "key-of-cb-2-000001"))))
        .hasMessageContaining("entry 2: an OFFICER or UNIT_HEAD needs a 'scope'");
    assertThatThrownBy(
            () ->
                ApiKeyPrincipals.load(
                    file(ok, officer("cb-1", "{\"unit\": \"HK\"}", "another-key-00000001"))))
        .hasMessageContaining("entry 2: principal id repeats");
    assertThatThrownBy(
            () ->
                ApiKeyPrincipals.load(
                    file(officer("cb-2", "{\"unit\": \"HK\"}", "short-key-15chr"))))
        .hasMessageContaining("entry 1: field 'key' is shorter than 16 characters")
        .hasMessageNotContaining("short-key");
    assertThat(ApiKeyPrincipals.load(file(ok)).size()).isEqualTo(1);
  }

  @Test
  void aJsonSyntaxErrorNamesLineAndColumn() throws Exception {
    Path f = dir.resolve("syntax.json");
    Files.writeString(f, "[\n  {\"id\": \"x\",\n   \"roles\" [\"AUDITOR\"]}]");
    assertThatThrownBy(() -> ApiKeyPrincipals.load(f))
        .hasMessageStartingWith("principals file " + f + ":3:")
        .hasMessageContaining("not JSON");
  }

  @Test
  void idsMustBeOfficialIds() throws Exception {
    assertThatThrownBy(
            () ->
                ApiKeyPrincipals.load(
                    file(officer("<b>x</b>", "{\"unit\": \"HK\"}", "key-of-cb-2-000001"))))
        .hasMessageContaining("p.json: entry 1: principal id must be");
    assertThatThrownBy(() -> ApiKeyPrincipals.parseSpec("k=a b:auditor@*", "ONESTOP_API_KEYS"))
        .hasMessageContaining("ONESTOP_API_KEYS: entry 1: principal id must be");
  }

  @Test
  void theSpecRefusesBadUnitIds() {
    assertThatThrownBy(
            () -> ApiKeyPrincipals.parseSpec("k1=a:auditor@*,k=bob:officer@hn-\u0430", "--api-key"))
        .hasMessageStartingWith("--api-key: entry 2: ")
        .hasMessageContaining("unit id must be");
    assertThatThrownBy(() -> ApiKeyPrincipals.parseSpec("k=bob:officer@<b>x</b>/*", "--api-key"))
        .hasMessageContaining("--api-key: entry 1: ");
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
