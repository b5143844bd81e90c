package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.EmbeddedKafkaBroker;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.sla.topology.TopicSetup;

/**
 * {@code onestop kpi keygen}, {@code kpi publish} (December 2025, then January 2026) and {@code kpi
 * verify} on a real broker (its own, so the pipeline's default topic names are free; topics created
 * by {@link TopicSetup} with the product's retention settings, since the events are stamped in the
 * past) and the real registry. Three khiếu nại cases of UBND phường Hàng Bạc: c1 received
 * 05/01/2026, accepted 06/01, resolved 20/01 (due hết ngày 05/02: trước hạn); c2 received 05/01,
 * never accepted (acceptance due hết ngày 15/01: overdue open at 24:00 31/01); c3 received
 * 01/12/2025, accepted 08/12, resolved 09/01/2026 (due hết ngày 07/01: quá hạn). January: received
 * 2, trước hạn 1, quá hạn 1, overdue open 1, on-time rate 1 / (2 + 1) = 33.3 %.
 */
@WithKafkaStack
class KpiPublishIT {
  @TempDir Path tmp;
  private String bootstrap;
  private String registryUrl;

  static Instant local(String t) {
    return RecordedLog.local(t);
  }

  @Test
  void publishThenVerifyOnARecordedLog(KafkaStack stack) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      bootstrap = broker.bootstrapServers();
      registryUrl = stack.schemaRegistryUrl();
      new RecordedLog(bootstrap, registryUrl).hangBac();
      Path key = tmp.resolve("keys/kpi.jwk");
      Path site = tmp.resolve("site");
      CommandRun keygen = CommandRun.of(new String[] {"kpi", "keygen", "--out", key + ""});
      assertThat(keygen.status()).as(keygen.err()).isZero();
      assertThat(keygen.out()).contains("public key thumbprint");

      CommandRun dec = publish("2025-12", key, site);
      assertThat(dec.status()).as(dec.out() + dec.err()).isZero();
      assertThat(dec.out()).contains("first record of the chain");
      CommandRun jan = publish("2026-01", key, site);
      assertThat(jan.status()).as(jan.out() + jan.err()).isZero();
      assertThat(jan.out()).contains("linked to 2025-12");

      String csv = Files.readString(site.resolve("2026-01/scorecard.csv"), StandardCharsets.UTF_8);
      assertThat(csv.lines().filter(l -> l.startsWith("2026-01,HK-P1,")).findFirst().orElseThrow())
          .startsWith(
              "2026-01,HK-P1,UBND phường Hàng Bạc,hb-001,Trần Thị Bình,2,1,0,1,0,1,1,1,3,33.3,");
      assertThat(Files.readString(site.resolve("index.html"), StandardCharsets.UTF_8))
          .contains("Đánh giá giải quyết đơn thư — tháng 01/2026", "Chưa xếp hạng (dưới 5 hồ sơ)");

      CommandRun ok = verify(site);
      assertThat(ok.status()).as(ok.out() + ok.err()).isZero();
      assertThat(ok.out())
          .contains("2 month(s) 2025-12..2026-01")
          .contains("every figure reconcile with case-events");

      // a published figure changed by hand: exit 1, naming the month and the figure
      Path json = site.resolve("2026-01/scorecard.json");
      String text = Files.readString(json, StandardCharsets.UTF_8);
      String changed = text.replace("\"resolvedLate\":1,", "\"resolvedLate\":0,");
      assertThat(changed).isNotEqualTo(text);
      Files.writeString(json, changed, StandardCharsets.UTF_8);
      CommandRun bad = verify(site);
      assertThat(bad.status()).isEqualTo(1);
      assertThat(bad.out())
          .contains("MISMATCH 2026-01: 2026-01/scorecard.json was changed after signing")
          .contains("units[HK-P1].resolvedLate: signed 1, in the file 0");
    }
  }

  private CommandRun publish(String month, Path key, Path site) {
    return CommandRun.of(
        new String[] {"kpi", "publish", "--month", month, "--out", site + "", "--key", key + ""},
        "--bootstrap-servers",
        bootstrap,
        "--schema-registry-url",
        registryUrl);
  }

  private CommandRun verify(Path site) {
    return CommandRun.of(
        new String[] {"kpi", "verify", site + ""},
        "--bootstrap-servers",
        bootstrap,
        "--schema-registry-url",
        registryUrl);
  }
}
