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
import vn.onestop.report.publish.EventLog;
import vn.onestop.report.publish.ScorecardComputation;
import vn.onestop.report.publish.ScorecardPublisher;
import vn.onestop.report.publish.ScorecardVerifier;
import vn.onestop.report.publish.SigningKey;

/**
 * {@code onestop kpi report|publish|verify|keygen}: the monthly per-unit indicators as CSV and
 * HTML, and the signed monthly scorecard site (docs/scorecard.md).
 */
@Command(
    name = "kpi",
    mixinStandardHelpOptions = true,
    description = "Monthly unit indicators and the published scorecard.",
    subcommands = {
      KpiCommand.Report.class,
      KpiCommand.Publish.class,
      KpiCommand.Verify.class,
      KpiCommand.Keygen.class
    })
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

  /** True (and a message on stderr) when the month has not ended in Asia/Ho_Chi_Minh. */
  private static boolean notOver(String command, YearMonth month) {
    if (YearMonth.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).isAfter(month)) {
      return false;
    }
    System.err.println(
        "onestop kpi "
            + command
            + ": "
            + month
            + " is not over yet (Asia/Ho_Chi_Minh); its figures are final only after 24:00 of its"
            + " last day");
    return true;
  }

  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description =
          "Compute the month's scorecard (and the 11 months before it) from case-events and"
              + " org-units, write the static site into --out, and sign the month's record chained"
              + " to the previous published month (docs/scorecard.md).")
  static final class Publish implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Option(
        names = "--month",
        required = true,
        description = "Calendar month YYYY-MM (Asia/Ho_Chi_Minh), a month that has ended.")
    YearMonth month;

    @Option(names = "--out", required = true, description = "Site directory.")
    Path out;

    @Option(
        names = "--key",
        description =
            "Private signing key, a JWK file (EC P-256 or RSA); default: the JWK JSON in "
                + SigningKey.ENV
                + ".")
    Path key;

    @Option(
        names = "--policies",
        description = "SLA policy file (JSON); default: the bundled policies.")
    Path policies;

    @Override
    public Integer call() throws Exception {
      if (notOver("publish", month)) {
        return 2;
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent == null || !java.nio.file.Files.isDirectory(parent)) {
        System.err.println(
            "onestop kpi publish: --out "
                + out
                + ": the parent directory "
                + parent
                + " does not exist (create it first; the site is written beside it, then moved in)");
        return 2;
      }
      if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
        System.err.println("onestop kpi publish: --out " + out + ": not a directory");
        return 2;
      }
      SigningKey k;
      try {
        k = SigningKey.load(key);
      } catch (IllegalArgumentException e) {
        System.err.println("onestop kpi publish: " + e.getMessage());
        return 2;
      }
      try (Cluster c = cluster.external()) {
        EventLog log =
            EventLog.load(PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl()));
        ScorecardPublisher.Published p;
        try {
          p = ScorecardPublisher.publish(log, ServeCommands.policies(policies), month, out, k);
        } catch (IllegalStateException e) {
          System.err.println("onestop kpi publish: " + e.getMessage());
          return 2;
        }
        System.out.println(
            "Published "
                + month
                + " into "
                + out
                + ": "
                + p.files().size()
                + " file(s); record "
                + out.relativize(p.record())
                + " sha256 "
                + p.recordSha256()
                + (p.previousMonth() == null
                    ? " (first record of the chain)"
                    : ", linked to " + p.previousMonth())
                + "; signing key thumbprint "
                + k.thumbprint());
        return 0;
      }
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Re-check a published directory: every record's signature and link to the previous"
              + " month, the published files against their signed hashes, and every figure against"
              + " a recomputation from case-events; exit 1 naming the month and figure on a"
              + " mismatch.")
  static final class Verify implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @picocli.CommandLine.Parameters(index = "0", description = "The published directory.")
    Path dir;

    @Option(
        names = "--public-key",
        description =
            "Public JWK every record must verify with (the key the city announces); default: the"
                + " keys under DIR/records/keys (their thumbprints are printed).")
    Path publicKey;

    @Option(
        names = "--policies",
        description = "SLA policy file (JSON); default: the bundled policies.")
    Path policies;

    @Override
    public Integer call() throws Exception {
      if (ScorecardPublisher.recordedMonths(dir).isEmpty()) {
        System.err.println("onestop kpi verify: no record under " + dir.resolve("records"));
        return 2;
      }
      SigningKey pinned = null;
      if (publicKey != null) {
        try {
          pinned =
              SigningKey.parse(
                      java.nio.file.Files.readString(
                          publicKey, java.nio.charset.StandardCharsets.UTF_8),
                      publicKey.toString())
                  .publicKey();
        } catch (IllegalArgumentException | java.io.IOException e) {
          System.err.println("onestop kpi verify: " + publicKey + ": not a readable JWK");
          return 2;
        }
      }
      try (Cluster c = cluster.external()) {
        EventLog log =
            EventLog.load(PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl()));
        var book = ServeCommands.policies(policies);
        ScorecardVerifier.Report r =
            ScorecardVerifier.verify(
                dir, pinned, (months, drill) -> ScorecardComputation.of(log, book, months, drill));
        r.print(System.out);
        return r.ok() ? 0 : 1;
      }
    }
  }

  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description =
          "Write a new EC P-256 private signing key (JWK) for kpi publish, readable by its owner"
              + " only, and print its public thumbprint.")
  static final class Keygen implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Private JWK file to create.")
    Path out;

    @Option(
        names = "--key-id",
        defaultValue = "onestop-kpi",
        description = "Key id (kid) stored in the JWK (default ${DEFAULT-VALUE}).")
    String keyId;

    @Override
    public Integer call() throws Exception {
      if (java.nio.file.Files.exists(out)) {
        System.err.println("onestop kpi keygen: " + out + " exists; not overwritten");
        return 2;
      }
      SigningKey k = SigningKey.generate(keyId);
      java.nio.file.Path parent = out.toAbsolutePath().getParent();
      java.nio.file.Files.createDirectories(parent);
      java.nio.file.Path tmp;
      try {
        tmp =
            java.nio.file.Files.createTempFile(
                parent,
                ".jwk-",
                ".tmp",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        tmp = java.nio.file.Files.createTempFile(parent, ".jwk-", ".tmp");
      }
      java.nio.file.Files.writeString(tmp, k.jwk().toJSONString());
      java.nio.file.Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      System.out.println(
          "Wrote " + out + " (private: keep it secret); public key thumbprint " + k.thumbprint());
      return 0;
    }
  }
}
