package vn.onestop.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.onestop.intake.crypto.IdentityCipher;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.intake.importer.HotlineImporter;
import vn.onestop.intake.importer.ImportFailedException;
import vn.onestop.intake.importer.ImportOptions;
import vn.onestop.intake.importer.ImportProfiles;
import vn.onestop.intake.importer.ImportReport;
import vn.onestop.intake.readmodel.OrgUnitsView;

/**
 * {@code onestop import FILE...}: hotline import of CSV or JSON Lines exports into case-events, in
 * event-time order with ClockTicks, without duplicates on re-import.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import hotline exports (CSV or JSON Lines) into case-events, in event-time order with clock ticks. "
            + "Re-importing the same file writes nothing new.")
final class ImportCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Option(
      names = "--profile",
      defaultValue = "native",
      description = "Mapping profile: native, boston311, nyc311 (default ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--reject-file",
      defaultValue = "import-rejects.csv",
      description =
          "Where rejected rows go, with file, line number and reason (default ${DEFAULT-VALUE}).")
  Path rejectFile;

  @Option(
      names = "--as-of",
      paramLabel = "INSTANT",
      converter = AsOfConverter.class,
      description =
          "When the source system produced the export: stream time is advanced to it with clock"
              + " ticks, so open cases are judged at that moment (default: the latest time in the"
              + " files). "
              + AsOfConverter.FORMAT
              + ".")
  Instant asOf;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Files to import (.csv or .jsonl, UTF-8, optionally gzip-compressed: .csv.gz).")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    for (Path f : files) {
      if (!Files.isReadable(f)) {
        System.err.println("cannot read " + f);
        return 2;
      }
    }
    if (!ImportProfiles.NAMES.contains(profile)) {
      System.err.println("unknown --profile '" + profile + "'; one of " + ImportProfiles.NAMES);
      return 2;
    }
    Optional<IdentityCipher> cipher =
        System.getenv(IdentityKey.ENV) == null
            ? Optional.empty()
            : Optional.of(new IdentityCipher(IdentityKey.fromEnvironment()));
    try (Cluster c = cluster.external()) {
      Services.prepareTopics(c, 3);
      ImportReport report =
          new HotlineImporter(
                  ImportOptions.defaults(c.bootstrapServers(), c.schemaRegistryUrl(), rejectFile)
                      .withAsOf(asOf),
                  OrgUnitsView.of(UnitsCommand.versions(c)))
              .run(files, ImportProfiles.byName(profile, cipher));
      return report.rejected() > 0 ? 1 : 0;
    } catch (ImportFailedException e) {
      System.err.println("onestop import: " + e.getMessage());
      return 1;
    }
  }
}
