package vn.onestop.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.onestop.access.JwtSettings;
import vn.onestop.feed.AlertFeedService;
import vn.onestop.infra.ProcessTempFiles;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.crypto.IdentityKey;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.directory.UnitDirectoryException;
import vn.onestop.sla.SlaEngine;

/**
 * {@code onestop run}: the whole pipeline in one process (engine, intake, feed, live ticker) on the
 * named cluster, or on the embedded default when none is named, until Ctrl-C.
 *
 * <p>Everything it keeps is in its {@link DataDirectory} ({@code --data-dir}), which one run at a
 * time may use: on the embedded default the broker's log and metadata, the registry's schemas and
 * the identity key; in every case the engine's state stores. A named cluster needs {@code
 * ONESTOP_IDENTITY_KEY} and intake API keys of its own: the built-in {@code dev-key} serves only
 * the embedded default.
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

  /** The intake API key of the embedded default when none is given. */
  static final String DEV_API_KEYS = "dev-key=" + ServiceSettings.DEV_PRINCIPAL;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:ONESTOP_DATA_DIR:-onestop-data}",
      description =
          "Directory of everything the run keeps: broker log, schemas, engine state, identity key "
              + "(env ONESTOP_DATA_DIR; default ${DEFAULT-VALUE}); one run at a time.")
  Path dataDir;

  @Option(
      names = "--api-key",
      defaultValue = "${env:ONESTOP_API_KEYS}",
      description =
          "Intake API keys, key=clientId[,...] (env ONESTOP_API_KEYS; default on the embedded "
              + "default only: "
              + "dev-key with every role on every unit; required on a named cluster). Syntax "
              + "key=clientId[:roles[@scope]], e.g. k1=portal, k2=cb-001:officer@HK, "
              + "k3=tp:unit_head+supervisor@HN/* (docs/access.md).")
  String apiKeys;

  @Option(
      names = "--principals",
      defaultValue = "${env:ONESTOP_FEED_PRINCIPALS}",
      description =
          "Principals file (env ONESTOP_FEED_PRINCIPALS): API keys (SHA-256) with roles and scopes "
              + "for the intake and the alert feed, see docs/access.md; the feed's earlier format "
              + "[{\"key\", \"officialId\", \"unitId\", \"scope\"}] still loads. Without it the "
              + "/supervisor page accepts only --api-key keys with a feed role.")
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
    boolean named = cluster.named();
    String refusal = namedClusterRefusal(named);
    if (refusal != null) {
      System.err.println("onestop run: " + refusal);
      return 1;
    }
    Map<String, String> keys =
        ServiceSettings.intakeApiKeys(isBlank(apiKeys) ? DEV_API_KEYS : apiKeys);
    vn.onestop.access.ApiKeyPrincipals filePrincipals = ServiceSettings.feedPrincipals(principals);
    ProcessTempFiles.deleteLeftoversOfDeadProcesses();
    DataDirectory data;
    try {
      data = DataDirectory.lock(dataDir);
    } catch (DataDirectory.InUseException e) {
      System.err.println("onestop run: " + e.getMessage());
      return 1;
    }
    try (Shutdown shutdown = new Shutdown()) {
      shutdown.register(data); // released last, after everything using the directory stopped
      System.out.printf("Data       %s%n", data.root());
      IdentityKey identityKey;
      try {
        identityKey = identityKey(named, data);
        if (!named) {
          data.checkEmbeddedComplete();
        }
      } catch (IllegalStateException e) {
        System.err.println("onestop run: " + e.getMessage());
        return 1;
      }
      Cluster c =
          shutdown.register(
              named ? cluster.external() : Cluster.startEmbedded(data.kafka(), data.registry()));
      Services.prepareTopics(c, 3);
      Operations ops = shutdown.register(new Operations(c));
      if (!directory.isEmpty()) {
        UnitsCommand.write(c, directory);
        System.out.printf("Units      %d unit versions from %s%n", directory.size(), units);
      }
      // An internal HTTP port answering case status for other engine instances of the same
      // application.id (an `onestop engine` started beside this run); its address is this
      // instance's application.server, so each instance forwards a query to the case's owner.
      AtomicReference<EngineStatusLookup> status = new AtomicReference<>();
      // Authenticated by the shared ONESTOP_INTERNAL_KEY; without it the port answers no one.
      Optional<InternalKey> internalKey = InternalKey.fromEnvironment(System.getenv());
      OpsServer internal =
          shutdown.register(new OpsServer("127.0.0.1", 0, ops, status, internalKey));
      SlaEngine engine =
          shutdown.register(
              Services.engine(
                  c,
                  data.engine(),
                  ServeCommands.policies(policies),
                  "127.0.0.1:" + internal.port(),
                  0,
                  (short) -1,
                  Map.of()));
      ops.engine(engine, Operations.CASE_SCAN_INTERVAL);
      EngineStatusLookup lookup = new EngineStatusLookup(engine.statusQuery(), internalKey);
      status.set(lookup);
      // one principals model: the feed verifies the same keys and JWTs as the intake
      JwtSettings jwt = ServiceSettings.jwt(System.getenv());
      IntakeService intake =
          shutdown.register(
              Services.intake(
                  c,
                  "127.0.0.1",
                  intakePort,
                  keys,
                  filePrincipals,
                  jwt,
                  Optional.of(identityKey),
                  ops));
      intake.attachStatus(lookup);
      AlertFeedService feed =
          shutdown.register(
              Services.feed(
                  c,
                  "127.0.0.1",
                  feedPort,
                  ServiceSettings.feedKeys(keys).plus(filePrincipals),
                  jwt,
                  System.getenv("ONESTOP_WEBHOOK_SECRET"),
                  ops));
      // The cockpit follows the engine's case state (cases without alerts, closures as applied).
      feed.openCases(vn.onestop.feed.OpenCasesSource.of(engine.openCasesQuery()));
      shutdown.register(Services.ticker(c, ServiceSettings.duration(tickInterval)));
      System.out.printf(
          "Kafka      %s%nRegistry   %s%nIntake API %s/api/v1/cases  (header X-API-Key, %s; Open311: %s/open311/v2/services.json)%n"
              + "Supervisor http://127.0.0.1:%d/supervisor%n"
              + "Operations %s/health/ready and %s/metrics (the whole process; also on the feed port)%n"
              + "Ctrl-C stops everything.%n",
          c.bootstrapServers(),
          c.schemaRegistryUrl(),
          intake.baseUrl(),
          isBlank(apiKeys) ? "key dev-key" : "keys from --api-key / ONESTOP_API_KEYS",
          intake.baseUrl(),
          feed.port(),
          intake.baseUrl(),
          intake.baseUrl());
      shutdown.awaitSignal();
    }
    return 0;
  }

  /**
   * @return why a named cluster cannot be served as configured (no identity key, no API keys of its
   *     own, or the built-in dev-key), or null
   */
  private String namedClusterRefusal(boolean named) {
    if (!named) {
      return null;
    }
    if (isBlank(System.getenv(IdentityKey.ENV))) {
      return IdentityKey.ENV
          + " is not set: on a named cluster denouncers' identities need a key that outlives "
          + "this process (create one with `openssl rand -base64 32`)";
    }
    if (isBlank(apiKeys)) {
      return "no intake API keys: on a named cluster set ONESTOP_API_KEYS or --api-key "
          + "key=clientId[,...] (the built-in dev-key serves only the embedded default)";
    }
    if (ServiceSettings.intakeApiKeys(apiKeys).containsKey("dev-key")) {
      return "the built-in API key dev-key is refused on a named cluster; choose keys of your own";
    }
    return null;
  }

  /**
   * The identity key: ONESTOP_IDENTITY_KEY when set (required on a named cluster), else the data
   * directory's key file, created on the first run. Prints where it comes from, never the key.
   */
  private static IdentityKey identityKey(boolean named, DataDirectory data) throws Exception {
    if (named || !isBlank(System.getenv(IdentityKey.ENV))) {
      IdentityKey key = IdentityKey.fromEnvironment();
      System.out.printf("Identity   key %s from %s%n", key.keyId(), IdentityKey.ENV);
      return key;
    }
    DataDirectory.StoredKey stored = data.identityKey();
    if (stored.exposed()) {
      System.err.printf(
          "Note: %s can be read by others than its owner; chmod 600 %s%n",
          stored.file(), stored.file());
    }
    System.out.printf(
        "Identity   key %s in %s%s (back it up: without it denouncers' identities cannot be read)%n",
        stored.key().keyId(), stored.file(), stored.created() ? ", created now" : "");
    return stored.key();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
