package vn.onestop.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.onestop.feed.AlertFeedService;
import vn.onestop.intake.IntakeService;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.directory.UnitDirectoryException;
import vn.onestop.sla.SlaEngine;

/**
 * {@code onestop run}: the whole pipeline in one process (engine, intake, feed, live ticker) on the
 * named cluster, or on the embedded default when none is named, until Ctrl-C.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the engine, the web intake, the alert feed and the clock ticker in one process until Ctrl-C "
            + "(on a local broker and registry unless --bootstrap-servers/--schema-registry-url are given).")
final class RunCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Option(
      names = "--intake-port",
      defaultValue = "8080",
      description = "Web intake port (default ${DEFAULT-VALUE}).")
  int intakePort;

  @Option(
      names = "--feed-port",
      defaultValue = "8090",
      description = "Alert feed port (default ${DEFAULT-VALUE}).")
  int feedPort;

  @Option(
      names = "--api-key",
      defaultValue = "${env:ONESTOP_API_KEYS:-dev-key=dev}",
      description =
          "Intake API keys, key=clientId[,...] (env ONESTOP_API_KEYS; default ${DEFAULT-VALUE}).")
  String apiKeys;

  @Option(
      names = "--principals",
      defaultValue = "${env:ONESTOP_FEED_PRINCIPALS}",
      description =
          "Supervisors' alert feed API keys, JSON file (env ONESTOP_FEED_PRINCIPALS), e.g. [{\"key\": \"k1\", "
              + "\"officialId\": \"cb-001\", \"unitId\": \"HK\", \"scope\": \"UNIT\"}] (scope UNIT or SUBTREE). "
              + "Without it the /supervisor page accepts no key.")
  Path principals;

  @Option(
      names = "--tick-interval",
      defaultValue = "30",
      description =
          "Seconds between clock ticks (or ISO-8601, e.g. PT30S; default ${DEFAULT-VALUE}).")
  String tickInterval;

  @Option(
      names = "--policies",
      description = "SLA policy file (JSON); default: the bundled policies.")
  Path policies;

  @Option(
      names = "--units",
      paramLabel = "FILE",
      description =
          "Org-unit directory file (CSV or .json, see docs/org-units.md) written to org-units at "
              + "start; a file with errors is refused (file:line: message) before anything starts.")
  Path units;

  @Override
  public Integer call() throws Exception {
    List<OrgUnit> directory = List.of();
    if (units != null) {
      try {
        directory = UnitsCommand.read(units);
      } catch (UnitDirectoryException e) {
        e.errors().forEach(System.err::println);
        System.err.println("onestop run: --units " + units + " refused, nothing started");
        return 1;
      }
    }
    try (Shutdown shutdown = new Shutdown()) {
      Cluster c = shutdown.register(cluster.externalOrEmbedded());
      Services.prepareTopics(c, 3);
      Operations ops = shutdown.register(new Operations(c));
      if (!directory.isEmpty()) {
        UnitsCommand.write(c, directory);
        System.out.printf("Units      %d unit versions from %s%n", directory.size(), units);
      }
      Path stateDir = Files.createTempDirectory("onestop-engine-");
      shutdown.register(() -> TempDirs.delete(stateDir));
      SlaEngine engine =
          shutdown.register(Services.engine(c, stateDir, ServeCommands.policies(policies)));
      ops.engine(engine, Operations.CASE_SCAN_INTERVAL);
      IntakeService intake =
          shutdown.register(
              Services.intake(
                  c,
                  "127.0.0.1",
                  intakePort,
                  ServiceSettings.intakeApiKeys(apiKeys),
                  Optional.of(Services.identityKeyOrEphemeral()),
                  ops));
      intake.attachStatus(new EngineStatusLookup(engine.statusQuery()));
      AlertFeedService feed =
          shutdown.register(
              Services.feed(
                  c,
                  "127.0.0.1",
                  feedPort,
                  ServiceSettings.feedPrincipals(principals),
                  System.getenv("ONESTOP_WEBHOOK_SECRET"),
                  ops));
      shutdown.register(Services.ticker(c, ServiceSettings.duration(tickInterval)));
      System.out.printf(
          "Kafka      %s%nRegistry   %s%nIntake API %s/api/v1/cases  (header X-API-Key, keys from --api-key, default dev-key; Open311: %s/open311/v2/services.json)%n"
              + "Supervisor http://127.0.0.1:%d/supervisor%n"
              + "Operations %s/health/ready and %s/metrics (the whole process; also on the feed port)%n"
              + "Ctrl-C stops everything.%n",
          c.bootstrapServers(),
          c.schemaRegistryUrl(),
          intake.baseUrl(),
          intake.baseUrl(),
          feed.port(),
          intake.baseUrl(),
          intake.baseUrl());
      shutdown.awaitSignal();
    }
    return 0;
  }
}
