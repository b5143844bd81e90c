package vn.onestop.app;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.onestop.audit.PipelineSource;
import vn.onestop.report.KpiReconciliation;
import vn.onestop.report.KpiReport;

/** {@code onestop kpi report --month YYYY-MM}: the monthly per-unit indicators as CSV and HTML. */
@Command(
    name = "kpi",
    mixinStandardHelpOptions = true,
    description = "Monthly unit indicators.",
    subcommands = {KpiCommand.Report.class})
final class KpiCommand {

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description =
          "Write the month's unit-kpis as CSV and a self-contained HTML page with a chart per unit, and "
              + "check them against a recomputation from case-events (exit 1 if they differ).")
  static final class Report implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Option(
        names = "--month",
        required = true,
        description = "Calendar month YYYY-MM (Asia/Ho_Chi_Minh), a month that has ended.")
    YearMonth month;

    @Option(
        names = "--out",
        defaultValue = "kpi-report",
        description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
        names = "--policies",
        description = "SLA policy file (JSON); default: the bundled policies.")
    Path policies;

    @Override
    public Integer call() throws Exception {
      if (!YearMonth.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).isAfter(month)) {
        // The engine closes a month (and publishes its unit-kpis) only once event time has passed
        // its
        // end; reporting it now gave "published=null recomputed=present" for every unit and exit 1.
        System.err.println(
            "onestop kpi report: "
                + month
                + " is not over yet (Asia/Ho_Chi_Minh); the SLA engine "
                + "publishes a month's unit-kpis after it ends");
        return 2;
      }
      try (Cluster c = cluster.external()) {
        PipelineSource source = PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl());
        KpiReport report = KpiReport.load(source, month);
        long corrected = report.rows().stream().filter(k -> k.getRevision() > 0).count();
        System.out.println(
            "Published figures of "
                + month
                + ": "
                + report.rows().size()
                + " unit(s)"
                + (corrected == 0
                    ? ""
                    : ", " + corrected + " corrected by events after the month closed"));
        List<Path> files = report.writeFiles(out);
        files.forEach(f -> System.out.println("Wrote " + f));
        KpiReconciliation check =
            KpiReconciliation.check(source, ServeCommands.policies(policies), report);
        check.print(System.out);
        return check.reconciled() ? 0 : 1;
      }
    }
  }
}
