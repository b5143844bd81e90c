package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalsTest {
  @TempDir Path dir;

  @Test
  void loadsKeysAndDefaultsScopeToUnit() throws Exception {
    Path f = dir.resolve("keys.json");
    Files.writeString(
        f,
        "[{\"key\":\"k1\",\"officialId\":\"cb-1\",\"unitId\":\"HK\"},"
            + "{\"key\":\"k2\",\"officialId\":\"cb-2\",\"unitId\":\"HN\",\"scope\":\"subtree\"}]",
        StandardCharsets.UTF_8);
    Principals p = Principals.load(f);
    assertThat(p.find("k1")).contains(new Principal("cb-1", "HK", Scope.UNIT));
    assertThat(p.find(" k2 ")).contains(new Principal("cb-2", "HN", Scope.SUBTREE));
    assertThat(p.find("k3")).isEmpty();
    assertThat(p.find(null)).isEmpty();
    assertThat(p.toString()).doesNotContain("k1");
  }

  @Test
  void badEntryNamesFileIndexAndField() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(
        f,
        "[{\"key\":\"k1\",\"officialId\":\"cb-1\",\"unitId\":\"HK\"},{\"key\":\"k2\",\"unitId\":\"HK\"}]");
    assertThatThrownBy(() -> Principals.load(f))
        .hasMessageContaining("entry 1")
        .hasMessageContaining("'officialId'");
  }
}
