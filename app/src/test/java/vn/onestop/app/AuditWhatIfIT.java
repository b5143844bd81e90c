package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.infra.EmbeddedKafkaBroker;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.sla.topology.TopicSetup;

/**
 * {@code onestop audit what-if} on a real broker (its own; topics created by {@link TopicSetup}
 * with the product's retention settings, since the events are stamped in the past) and the real
 * registry, over the log of {@code KpiPublishIT} (UBND phường Hàng Bạc: c1 received 05/01/2026,
 * accepted 06/01, resolved 20/01; c2 never accepted; c3 received 01/12/2025, accepted 08/12,
 * resolved 09/01/2026). Draft: khiếu nại lần đầu resolution of a normal case 30 → 10 calendar days.
 * c1's due becomes 06/01 + 10 = hết ngày 16/01 (Friday): resolved 20/01, trước hạn becomes quá hạn,
 * with a breach at 24:00 16/01; January resolvedOnTime 1 → 0. Nothing is written to any topic.
 */
@WithKafkaStack
class AuditWhatIfIT {
  static final String THIRTY =
      "{ \"complexity\": [\"NORMAL\"], \"remoteArea\": false, \"period\": \"30 CALENDAR_DAYS\","
          + " \"legalBasis\": \"Luật Khiếu nại 2011, Điều 28 — không quá 30 ngày";

  @TempDir Path tmp;
  private String bootstrap;
  private String registryUrl;

  static Instant local(String t) {
    return RecordedLog.local(t);
  }

  @Test
  void aShorterResolutionPeriodShowsTheCasesItWouldHaveMadeLate(KafkaStack stack) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      bootstrap = broker.bootstrapServers();
      registryUrl = stack.schemaRegistryUrl();
      new RecordedLog(bootstrap, registryUrl).hangBac();
      String text;
      try (var in =
          vn.onestop.sla.policy.PolicyBook.class
              .getClassLoader()
              .getResourceAsStream(vn.onestop.sla.policy.PolicyBook.DEFAULT_RESOURCE)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(text).contains(THIRTY);
      Path draft = tmp.resolve("draft.json");
      Files.writeString(
          draft,
          text.replaceFirst(
              java.util.regex.Pattern.quote(THIRTY),
              THIRTY.replace("30 CALENDAR_DAYS", "10 CALENDAR_DAYS")),
          StandardCharsets.UTF_8);
      RecordedLog log = new RecordedLog(bootstrap, registryUrl);
      Map<TopicPartition, Long> before = log.endOffsets();

      CommandRun r =
          CommandRun.of(
              new String[] {
                "audit",
                "what-if",
                "--policies",
                draft + "",
                "--from",
                "2026-01-01",
                "--to",
                "2026-02-01"
              },
              "--bootstrap-servers",
              bootstrap,
              "--schema-registry-url",
              registryUrl);
      assertThat(r.status()).as(r.out() + r.err()).isZero();
      assertThat(r.out())
          .contains("HK-P1 2026-01:")
          .contains("case c1")
          .contains("+ alert KN1-2011-RESOLUTION/breach level 1 at hết ngày 16/01/2026")
          .contains("RESOLUTION@10:00 20/01/2026=BEFORE_DUE] -> [")
          .contains("RESOLUTION@10:00 20/01/2026=LATE]")
          // c3's deadline moves from hết ngày 07/01 to 18/12 (08/12 + 10): its breach leaves
          // January
          .contains("case c3")
          .contains("- alert KN1-2011-RESOLUTION/breach level 1 at hết ngày 07/01/2026")
          .contains("KPI resolvedOnTime: 1 -> 0")
          .doesNotContain("case c2");
      // read only: no topic got a record
      assertThat(log.endOffsets()).isEqualTo(before);

      CommandRun badWindow =
          CommandRun.of(
              new String[] {
                "audit",
                "what-if",
                "--policies",
                draft + "",
                "--from",
                "2026-02-01",
                "--to",
                "2026-01-01"
              },
              "--bootstrap-servers",
              bootstrap,
              "--schema-registry-url",
              registryUrl);
      assertThat(badWindow.status()).isEqualTo(2);
      assertThat(badWindow.err()).contains("--to");
    }
  }
}
