package vn.onestop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onestop.schema.UnitKpi;

class KpiReportTest {
  @TempDir Path dir;

  static UnitKpi kpi(String unit, long received, long overdue, Double median) {
    return UnitKpi.newBuilder()
        .setUnitId(unit)
        .setMonth("2026-01")
        .setReceived(received)
        .setAccepted(received)
        .setResolved(2)
        .setResolvedOnTime(1)
        .setOverdueOpenAtMonthEnd(overdue)
        .setMedianResolutionWorkingDays(median)
        .setRatingCount(2)
        .setMeanRating(3.5)
        .build();
  }

  private final KpiReport report =
      new KpiReport(
          YearMonth.of(2026, 1),
          List.of(kpi("A", 4, 2, 9.5), kpi("B<x>", 3, 0, null)),
          Map.of("A", "UBND phường Hàng Bạc"));

  @Test
  void csvHasOneRowPerUnitWithEmptyCellsForMissingMedians() throws Exception {
    StringWriter w = new StringWriter();
    report.writeCsv(w);
    assertThat(w.toString().split("\r\n"))
        .containsExactly(
            String.join(",", KpiReport.COLUMNS),
            "A,UBND phường Hàng Bạc,2026-01,4,4,2,1,2,9.50,2,3.50",
            "B<x>,B<x>,2026-01,3,3,2,1,0,,2,3.50");
  }

  @Test
  void htmlIsSelfContainedWithOneEscapedSvgChartPerUnit() throws Exception {
    List<Path> files = report.writeFiles(dir);
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("kpi-2026-01.csv", "kpi-2026-01.html");
    String html = Files.readString(files.get(1));
    assertThat(html).contains("UBND phường Hàng Bạc").contains("B&lt;x&gt;").doesNotContain("B<x>");
    assertThat(html.split("<svg ", -1)).hasSize(3);
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("src=")
        .doesNotContain("href=")
        .doesNotContain("https://");
    assertThat(html).contains("<title>Quá hạn tồn: 2</title>");
    try (var s = Files.list(dir)) {
      assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void comparisonNamesEveryDifferingFieldAndMissingUnits() {
    KpiReconciliation r =
        KpiReconciliation.compare(
            YearMonth.of(2026, 1),
            List.of(kpi("A", 4, 2, 9.5), kpi("B", 3, 0, null)),
            Map.of("A", kpi("A", 5, 2, 9.0), "C", kpi("C", 1, 0, null)));
    assertThat(r.reconciled()).isFalse();
    assertThat(r.differences())
        .extracting(d -> d.unitId() + "." + d.field())
        .containsExactly(
            "A.received", "A.accepted", "A.medianResolutionWorkingDays", "B.<unit>", "C.<unit>");
    assertThat(
            KpiReconciliation.compare(
                    YearMonth.of(2026, 1),
                    List.of(kpi("A", 4, 2, 9.5)),
                    Map.of("A", kpi("A", 4, 2, 9.5)))
                .reconciled())
        .isTrue();
  }

  @Test
  void aRevisedMonthAndARowOfZerosReconcileWithTheirRecomputation() {
    UnitKpi revised = UnitKpi.newBuilder(kpi("A", 4, 2, 9.5)).setRevision(3).build();
    UnitKpi zeros =
        UnitKpi.newBuilder()
            .setUnitId("Z")
            .setMonth("2026-01")
            .setReceived(0)
            .setAccepted(0)
            .setResolved(0)
            .setResolvedOnTime(0)
            .setOverdueOpenAtMonthEnd(0)
            .setRevision(2)
            .build();
    assertThat(
            KpiReconciliation.compare(
                    YearMonth.of(2026, 1),
                    List.of(revised, zeros),
                    Map.of("A", kpi("A", 4, 2, 9.5)))
                .differences())
        .isEmpty();
    UnitKpi overdueOnly = UnitKpi.newBuilder(zeros).setOverdueOpenAtMonthEnd(1).build();
    assertThat(
            KpiReconciliation.compare(YearMonth.of(2026, 1), List.of(overdueOnly), Map.of())
                .differences())
        .extracting(d -> d.unitId() + "." + d.field())
        .containsExactly("Z.<unit>");
  }
}
