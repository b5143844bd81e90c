package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;

/**
 * {@code onestop units import/list/show} against a real broker and registry: a good file is written
 * as a whole, a file with one bad row writes nothing and names the file and line.
 */
@WithKafkaStack
class UnitsCommandIT {

  @Test
  void importWritesAllVersionsAndABadFileWritesNothing(KafkaStack stack, @TempDir Path dir)
      throws Exception {
    String[] cluster = {
      "--bootstrap-servers", stack.bootstrapServers(),
      "--schema-registry-url", stack.schemaRegistryUrl()
    };
    CommandRun imported = run(cluster, "units", "import", "../examples/org-units-district.csv");
    assertThat(imported.status()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("Imported 5 unit versions");

    CommandRun show = run(cluster, "units", "show", "hn-hoan-kiem-hang-trong");
    assertThat(show.status()).isZero();
    assertThat(show.out().lines())
        .containsExactly(
            "valid_from\tunit_id\tname\tparent_id\tlevel\thead_official_id\thead_name\tcalendar_id",
            "always\thn-hoan-kiem-hang-trong\tUBND phường Hàng Trống\thn-hoan-kiem\t1\thk-ht-001"
                + "\tLê Văn Cường\tvn-civil-service",
            "2026-03-01\thn-hoan-kiem-hang-trong\tUBND phường Hàng Trống\thn-hoan-kiem\t1"
                + "\thk-ht-003\tPhạm Thị Dung\tvn-civil-service");

    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad,
        "unit_id,name,parent_id,level,head_official_id,head_name,calendar_id\n"
            + "hn-new,Phường Mới,hn-hoan-kiem,1,n1,Người Mới,vn-civil-service\n"
            + "hn-orphan,Phường Lạc,hn-nowhere,1,n2,Ai Đó,vn-civil-service\n",
        StandardCharsets.UTF_8);
    CommandRun refused = run(cluster, "units", "import", bad.toString());
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err())
        .contains(bad + ":3: unknown parent hn-nowhere of unit hn-orphan")
        .contains("nothing written");
    assertThat(run(cluster, "units", "show", "hn-new").status())
        .as("the good row of a refused file is not written")
        .isEqualTo(1);

    CommandRun list = run(cluster, "units", "list");
    assertThat(list.status()).isZero();
    assertThat(list.out())
        .contains(
            "hn-hoan-kiem-hang-trong\tUBND phường Hàng Trống\thn-hoan-kiem\t1\thk-ht-003\tPhạm"
                + " Thị Dung")
        .doesNotContain("hk-ht-001")
        .doesNotContain("hn-new");
    assertThat(list.out().lines()).hasSize(5);
  }

  private static CommandRun run(String[] cluster, String... args) {
    return CommandRun.of(args, cluster);
  }
}
