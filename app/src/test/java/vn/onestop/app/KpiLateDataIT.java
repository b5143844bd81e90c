package vn.onestop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.audit.PipelineSource;
import vn.onestop.infra.EmbeddedKafkaBroker;
import vn.onestop.infra.KafkaStack;
import vn.onestop.infra.junit.WithKafkaStack;
import vn.onestop.report.KpiReport;
import vn.onestop.schema.Accepted;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Category;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Outcome;
import vn.onestop.schema.Resolved;
import vn.onestop.schema.UnitHead;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.SlaTopics;

/**
 * Late data on a real broker (its own, so the pipeline's default topic names are free) and the real
 * registry: the running SLA engine closes January 2026 (stream time passes 01/02), then an import
 * of older January records arrives, one of them for a unit the engine had not seen; the engine
 * republishes January with the corrected figures (a higher revision) and {@code onestop kpi report
 * --month 2026-01} reconciles and exits 0.
 */
@WithKafkaStack
class KpiLateDataIT {
  private static final int PARTITIONS = 3;
  private static final YearMonth JAN = YearMonth.of(2026, 1);
  @TempDir Path tmp;
  private String bootstrap;
  private String registryUrl;

  private RecordedLog log;

  static Instant local(String t) {
    return RecordedLog.local(t);
  }

  @Test
  void aMonthClosedBeforeItsEventsArrivedIsRepublishedAndReconciles(KafkaStack stack)
      throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      bootstrap = broker.bootstrapServers();
      registryUrl = stack.schemaRegistryUrl();
      log = new RecordedLog(bootstrap, registryUrl);
      closeJanuaryThenImportOlderRecords();
    }
  }

  private void closeJanuaryThenImportOlderRecords() throws Exception {
    SlaTopics topics = SlaTopics.DEFAULT;
    log.createTopics(PARTITIONS);
    PipelineSource source = PipelineSource.of(bootstrap, registryUrl);
    log.units(
        local("2026-01-01T00:00"),
        List.of(
            org("HN", "Thanh tra Thành phố", null, 0),
            org("HK", "UBND quận Hoàn Kiếm", "HN", 1),
            org("HK-P1", "UBND phường Hàng Bạc", "HK", 2)));
    // The record as the engine first sees it: two January cases of HK-P1, ticks up to 10/02.
    List<CaseEvent> first = new ArrayList<>();
    first.add(RecordedLog.event("c1", "2026-01-05T09:00", submitted("HK-P1")));
    first.add(RecordedLog.event("c2", "2026-01-05T10:00", submitted("HK-P1")));
    first.add(RecordedLog.event("c1", "2026-01-07T09:00", Accepted.newBuilder().build()));
    first.add(
        RecordedLog.event(
            "c1", "2026-01-20T15:00", Resolved.newBuilder().setOutcome(Outcome.ANSWERED).build()));
    log.eventsWithTicks(first, local("2026-01-05T00:00"), local("2026-02-10T00:00"), PARTITIONS);

    SlaEngineConfig config =
        SlaEngineConfig.builder(bootstrap, registryUrl)
            .applicationId("it-late-kpi-engine")
            .stateDir(tmp.resolve("engine"))
            .topics(topics)
            .build();
    try (SlaEngine engine = new SlaEngine(config, PolicyBook.defaults())) {
      engine.start();
      await().atMost(Duration.ofSeconds(120)).until(() -> latest(source).containsKey("HK-P1"));
      UnitKpi closed = latest(source).get("HK-P1");
      assertThat(closed.getReceived()).isEqualTo(2);
      assertThat(closed.getRevision()).isZero();
      CommandRun before = kpiReport("before");
      assertThat(before.status()).as(before.out() + before.err()).isZero();

      // An import of older January records into the running engine (its stream time is 10/02):
      // c7 of HK-P1 accepted and resolved, c8 of HK (a unit without KPIs so far) never accepted.
      List<CaseEvent> late = new ArrayList<>();
      late.add(RecordedLog.event("c7", "2026-01-12T09:00", submitted("HK-P1")));
      late.add(RecordedLog.event("c8", "2026-01-13T09:00", submitted("HK")));
      late.add(RecordedLog.event("c7", "2026-01-14T09:00", Accepted.newBuilder().build()));
      late.add(
          RecordedLog.event(
              "c7", "2026-01-26T10:00", Resolved.newBuilder().setOutcome(Outcome.FIXED).build()));
      log.eventsWithTicks(late, local("2026-01-12T00:00"), local("2026-01-27T00:00"), PARTITIONS);
      // The live clock ticker goes on: stream time moves past the late cases' due instants.
      log.eventsWithTicks(
          List.of(), local("2026-02-10T06:00"), local("2026-02-10T12:00"), PARTITIONS);
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> consumedAll(config.applicationId(), topics.caseEvents()));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                Map<String, UnitKpi> jan = latest(source);
                assertThat(jan.get("HK-P1").getReceived()).isEqualTo(3);
                assertThat(jan.get("HK-P1").getResolved()).isEqualTo(2);
                assertThat(jan.get("HK")).isNotNull();
                assertThat(jan.get("HK").getOverdueOpenAtMonthEnd())
                    .as("c8 never accepted: overdue at 24:00 of 31/01")
                    .isEqualTo(1);
              });
    }
    Map<String, UnitKpi> jan = latest(source);
    assertThat(jan.get("HK-P1").getRevision()).as("corrected after the close").isPositive();
    assertThat(jan.get("HK").getReceived()).isEqualTo(1);

    CommandRun after = kpiReport("after");
    assertThat(after.status()).as(after.out() + after.err()).isZero();
    assertThat(after.out())
        .contains("KPI 2026-01: published figures reconcile exactly with case-events");
    List<String> csv =
        Files.readAllLines(tmp.resolve("after").resolve("kpi-2026-01.csv"), StandardCharsets.UTF_8);
    assertThat(csv).hasSize(3); // header, HK, HK-P1
    assertThat(csv.get(2)).startsWith("HK-P1,UBND phường Hàng Bạc,2026-01,3,2,2,");
  }

  /** {@code onestop kpi report --month 2026-01} against the broker, into {@code tmp/<dir>}. */
  private CommandRun kpiReport(String dir) {
    return CommandRun.of(
        new String[] {"kpi", "report", "--month", JAN.toString(), "--out", tmp.resolve(dir) + ""},
        "--bootstrap-servers",
        bootstrap,
        "--schema-registry-url",
        registryUrl);
  }

  // --- helpers ---

  /** The last published value per unit of January on unit-kpis. */
  private static Map<String, UnitKpi> latest(PipelineSource source) {
    Map<String, UnitKpi> out = new HashMap<>();
    for (UnitKpi k : KpiReport.load(source, JAN).rows()) {
      out.put(k.getUnitId().toString(), k);
    }
    return out;
  }

  private static vn.onestop.schema.Submitted submitted(String unit) {
    return TestRecords.submitted(Category.KHIEU_NAI, unit)
        .setComplaintLevel(1)
        .setDescription("Khiếu nại quyết định hành chính về đất đai")
        .build();
  }

  private static OrgUnit org(String id, String name, String parent, int level) {
    return TestRecords.unit(id, name, parent, level)
        .setHead(
            UnitHead.newBuilder().setOfficialId("cb-" + id).setName("Thủ trưởng " + id).build())
        .build();
  }

  private boolean consumedAll(String group, String topic) throws Exception {
    try (Admin admin = log.admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < PARTITIONS; i++) {
        latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      for (var e : admin.listOffsets(latest).all().get().entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        if (c == null || c.offset() < e.getValue().offset()) {
          return false;
        }
      }
      return true;
    }
  }
}
