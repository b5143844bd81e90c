package vn.onestop.sla.query;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import vn.onestop.schema.Category;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.UnitHead;
import vn.onestop.schema.testkit.CaseScript;
import vn.onestop.schema.testkit.TestRecords;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.cases.UnitCalendars;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.query.OpenCasesQuery.Band;
import vn.onestop.sla.query.OpenCasesQuery.Page;
import vn.onestop.sla.query.OpenCasesQuery.Request;
import vn.onestop.sla.query.OpenCasesQuery.Sort;
import vn.onestop.sla.topology.PunctuationSettings;
import vn.onestop.sla.topology.SlaDriver;

/**
 * Prints what one cockpit page costs with many open cases in the engine's case store: {@code N}
 * cases (default 100 000; phản ánh, khiếu nại and tố cáo in turn) filed through the real SLA
 * topology (TopologyTestDriver, so the case store is the engine's RocksDB store with its serde)
 * over 100 ward units, then {@link OpenCasesQuery#page} for a ward head (one unit, ~1 % of the
 * cases), for the city (every unit) sorted by due instant and by level, the city's at-risk band and
 * the city's last page. Per query: the median of 7 timed calls after 3 warm-up calls, in ms of wall
 * time and of CPU time of the calling thread. No assertion: the figures go to docs/benchmarks.md,
 * Cockpit page. Not a test (surefire does not pick it up); run as described there.
 */
public final class OpenCasesQueryBench {
  private static final int UNITS = 100;
  private static final int ROUNDS = 7;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private OpenCasesQueryBench() {}

  /**
   * Runs the benchmark and prints a Markdown table.
   *
   * @param args optional number of cases (default 100000)
   */
  public static void main(String[] args) {
    int n = args.length == 0 ? 100_000 : Integer.parseInt(args[0]);
    try (SlaDriver h = new SlaDriver(PolicyBook.defaults(), PunctuationSettings.DEFAULT)) {
      List<OrgUnit> units = new ArrayList<>(TestRecords.orgChart());
      for (int u = 0; u < UNITS; u++) {
        units.add(ward(u));
      }
      h.orgUnits(units);
      long fileStart = System.nanoTime();
      Instant t0 = CaseScript.at("2026-03-02T08:00");
      Category[] kinds = {Category.PHAN_ANH, Category.KHIEU_NAI, Category.TO_CAO};
      for (int i = 0; i < n; i++) {
        Category kind = kinds[i % kinds.length];
        String unit = "phuong-" + (i % UNITS);
        CaseScript c = new CaseScript("hs-" + i);
        // one case a minute of filing: 10^5 cases span about 70 calendar days
        String local =
            LocalDateTime.ofInstant(t0.plus(Duration.ofMinutes(i)), CaseScript.ZONE).format(LOCAL);
        h.pipe(
            c.submitted(
                local,
                CaseScript.submission(kind, kind == Category.KHIEU_NAI ? 1 : null, unit)
                    .setTitle("Hồ sơ số " + i)
                    .setTrackingCode("TC-" + i)
                    .setPublicContent(kind == Category.PHAN_ANH)
                    .build()));
      }
      double fileSeconds = (System.nanoTime() - fileStart) / 1e9;
      Instant now = t0.plus(Duration.ofMinutes(n)).plus(Duration.ofHours(1));
      OpenCasesQuery q = new OpenCasesQuery(OpenCasesQueryTest.scan(h), PolicyBook.defaults());
      Set<String> ward = Set.of("phuong-7");
      Duration risk = Duration.ofHours(24);
      System.out.printf(
          Locale.ROOT,
          "%d cases over %d units filed in %.1f s (TopologyTestDriver)%n%n",
          n,
          UNITS,
          fileSeconds);
      System.out.println("| query | matching | rows | wall ms (median) | CPU ms (median) |");
      System.out.println("|---|---:|---:|---:|---:|");
      OpenCasesQuery.Scan scan = OpenCasesQueryTest.scan(h);
      run(
          "the store scan alone (decode every case, no filter)",
          () -> {
            int[] seen = {0};
            scan.forEach(c -> seen[0]++);
            return new Page(List.of(), seen[0], 1, 50);
          });
      run(
          "ward head, one unit, due first, page 1 of 50",
          () -> q.page(new Request(ward, null, null, null, null, Sort.DUE, 1, 50, now, risk)));
      run(
          "city, every unit, due first, page 1 of 50",
          () -> q.page(new Request(null, null, null, null, null, Sort.DUE, 1, 50, now, risk)));
      run(
          "city, level first, page 1 of 200",
          () -> q.page(new Request(null, null, null, null, null, Sort.LEVEL, 1, 200, now, risk)));
      run(
          "city, at risk (24 working hours)",
          () ->
              q.page(
                  new Request(null, null, null, null, Band.AT_RISK, Sort.DUE, 1, 50, now, risk)));
      int last = Math.max(1, (n + 49) / 50);
      run(
          "city, due first, last page",
          () -> q.page(new Request(null, null, null, null, null, Sort.DUE, last, 50, now, risk)));
      // the running engine's query keeps one scan for a while: the same pages within it
      OpenCasesQuery shared =
          new OpenCasesQuery(
              scan,
              PolicyBook.defaults(),
              CalendarBook.standard(),
              UnitCalendars.none(),
              Duration.ofHours(1));
      System.out.println(
          "| *one scan shared by the pages below (a query with a freshness)* | | | | |");
      run(
          "shared: ward head, one unit, due first, page 1 of 50",
          () -> shared.page(new Request(ward, null, null, null, null, Sort.DUE, 1, 50, now, risk)));
      run(
          "shared: city, every unit, due first, page 1 of 50",
          () -> shared.page(new Request(null, null, null, null, null, Sort.DUE, 1, 50, now, risk)));
      run(
          "shared: city, level first, page 1 of 200",
          () ->
              shared.page(
                  new Request(null, null, null, null, null, Sort.LEVEL, 1, 200, now, risk)));
      run(
          "shared: city, at risk (24 working hours)",
          () ->
              shared.page(
                  new Request(null, null, null, null, Band.AT_RISK, Sort.DUE, 1, 50, now, risk)));
      run(
          "shared: city, due first, last page",
          () ->
              shared.page(
                  new Request(null, null, null, null, null, Sort.DUE, last, 50, now, risk)));
    }
  }

  private static void run(String name, Supplier<Page> query) {
    for (int i = 0; i < 3; i++) {
      query.get();
    }
    long[] wall = new long[ROUNDS];
    long[] cpu = new long[ROUNDS];
    Page p = null;
    for (int i = 0; i < ROUNDS; i++) {
      long c0 = CPU.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      p = query.get();
      wall[i] = System.nanoTime() - w0;
      cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %.1f | %.1f |%n",
        name,
        p.total(),
        p.rows().size(),
        wall[ROUNDS / 2] / 1e6,
        cpu[ROUNDS / 2] / 1e6);
  }

  private static OrgUnit ward(int u) {
    return OrgUnit.newBuilder()
        .setUnitId("phuong-" + u)
        .setName("UBND phường " + u)
        .setParentId(TestRecords.PARENT)
        .setLevel(2)
        .setHead(
            UnitHead.newBuilder()
                .setOfficialId("head-" + u)
                .setName("Trưởng phường " + u)
                .setContact(null)
                .build())
        .build();
  }
}
