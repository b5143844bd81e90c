package vn.onestop.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.onestop.feed.AlertFeedService;
import vn.onestop.intake.IntakeService;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.policy.PolicyBook;

/** The long-running services, one per command, as docker-compose.yml runs them. */
final class ServeCommands {
  private ServeCommands() {}

  /** Loads the SLA policies: a file given by option, or the bundled defaults. */
  static PolicyBook policies(Path file) throws Exception {
    return file == null ? PolicyBook.defaults() : PolicyBook.load(file);
  }

  @Command(
      name = "engine",
      mixinStandardHelpOptions = true,
      description =
          "Run the SLA engine (Kafka Streams, exactly_once_v2) until Ctrl-C; /health/live, "
              + "/health/ready and /metrics on --host:--http-port.")
  static final class Engine implements Callable<Integer> {
    @Mixin ClusterOptions cluster;
    @Mixin TopicOptions topics;
    @Mixin EngineOptions instance;

    @Option(
        names = "--host",
        defaultValue = "${env:ONESTOP_HTTP_HOST:-127.0.0.1}",
        description =
            "Bind address of the health and metrics endpoints (env ONESTOP_HTTP_HOST; "
                + "default ${DEFAULT-VALUE}).")
    String host;

    @Option(
        names = "--http-port",
        defaultValue = "${env:ONESTOP_HTTP_PORT:-8070}",
        description =
            "Port of the health and metrics endpoints (env ONESTOP_HTTP_PORT; default "
                + "${DEFAULT-VALUE}; 0 = any free).")
    int httpPort;

    @Option(
        names = "--state-dir",
        defaultValue = "${env:ONESTOP_STATE_DIR:-onestop-state}",
        description =
            "Directory of the engine's RocksDB stores (env ONESTOP_STATE_DIR; default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
        names = "--policies",
        description = "SLA policy file (JSON); default: the bundled policies.")
    Path policies;

    @Override
    public Integer call() throws Exception {
      try (Shutdown shutdown = new Shutdown()) {
        Cluster c = shutdown.register(cluster.external());
        Services.prepareTopics(c, topics);
        int standbys = instance.standbys();
        Operations ops = shutdown.register(new Operations(c));
        // The HTTP port first: its address is the instance's application.server.
        AtomicReference<EngineStatusLookup> status = new AtomicReference<>();
        // Not ready while the engine is being created (the HTTP port serves before it).
        ops.readiness()
            .check(() -> status.get() == null ? List.of("SLA engine starting") : List.of());
        // The internal status endpoint authenticates other instances and intakes by a shared key.
        Optional<InternalKey> internalKey = InternalKey.fromEnvironment(System.getenv());
        if (internalKey.isEmpty()) {
          System.err.println(
              "Note: "
                  + InternalKey.ENV
                  + " is not set; the internal case-status endpoint answers 401 to every caller"
                  + " (other engine instances, onestop intake --engine-url).");
        }
        OpsServer http = shutdown.register(new OpsServer(host, httpPort, ops, status, internalKey));
        String self = instance.applicationServer(host, http.port());
        SlaEngine engine =
            shutdown.register(
                Services.engine(
                    c,
                    stateDir,
                    policies(policies),
                    self,
                    standbys,
                    (short) (topics.replication > 1 ? topics.replication : -1),
                    instance.streamsProperties));
        ops.engine(engine, Operations.CASE_SCAN_INTERVAL);
        status.set(new EngineStatusLookup(engine.statusQuery(), internalKey));
        System.out.printf(
            "SLA engine running (state in %s; application.server %s, %d standby replica(s);"
                + " health and metrics on http://%s:%d/metrics). Ctrl-C stops it.%n",
            stateDir.toAbsolutePath(), self, standbys, host, http.port());
        shutdown.awaitSignal();
      }
      return 0;
    }
  }

  @Command(
      name = "intake",
      mixinStandardHelpOptions = true,
      description = "Run the web intake (JSON API and Open311 GeoReport v2) until Ctrl-C.")
  static final class Intake implements Callable<Integer> {
    @Mixin ClusterOptions cluster;
    @Mixin TopicOptions topics;

    @Option(
        names = "--host",
        defaultValue = "${env:ONESTOP_HTTP_HOST:-127.0.0.1}",
        description = "Bind address.")
    String host;

    @Option(
        names = "--port",
        defaultValue = "${env:ONESTOP_HTTP_PORT:-8080}",
        description = "Port (0 = any free).")
    int port;

    @Option(
        names = "--principals",
        defaultValue = "${env:ONESTOP_PRINCIPALS}",
        description =
            "Principals file (env ONESTOP_PRINCIPALS): API keys (SHA-256) with roles and scopes,"
                + " see docs/access.md; added to ONESTOP_API_KEYS.")
    Path principals;

    @Option(
        names = "--engine-url",
        paramLabel = "URL[,URL...]",
        defaultValue = "${env:ONESTOP_ENGINE_URLS}",
        description =
            "HTTP base URL(s) of SLA engine instances (their --http-port), e.g."
                + " http://engine:8070 (env ONESTOP_ENGINE_URLS). Case status and the Open311"
                + " status come from there; any instance answers for any case. Without it, status"
                + " requests answer 503.")
    String engineUrls;

    @Override
    public Integer call() throws Exception {
      List<URI> engines =
          engineUrls == null || engineUrls.isBlank()
              ? List.of()
              : RemoteStatusLookup.parse(engineUrls);
      InternalKey internalKey = null;
      if (!engines.isEmpty()) {
        internalKey =
            InternalKey.fromEnvironment(System.getenv())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            InternalKey.ENV
                                + " is required with --engine-url: the engines' internal status"
                                + " endpoint authenticates the intake with it"));
      }
      try (Shutdown shutdown = new Shutdown()) {
        Cluster c = shutdown.register(cluster.external());
        Services.prepareTopics(c, topics);
        Operations ops = shutdown.register(new Operations(c));
        IntakeService intake =
            shutdown.register(
                Services.intake(
                    c,
                    host,
                    port,
                    ServiceSettings.intakeApiKeys(System.getenv("ONESTOP_API_KEYS")),
                    ServiceSettings.feedPrincipals(principals),
                    ServiceSettings.jwt(System.getenv()),
                    Optional.empty(),
                    ops));
        if (!engines.isEmpty()) {
          intake.attachStatus(new RemoteStatusLookup(engines, false, internalKey));
        }
        System.out.printf(
            "Web intake on %s (API keys from ONESTOP_API_KEYS and --principals; JWTs when"
                + " ONESTOP_JWT_ISSUER is set; case status from %s). Ctrl-C stops it.%n",
            intake.baseUrl(), engines.isEmpty() ? "nowhere: no --engine-url" : engines);
        shutdown.awaitSignal();
      }
      return 0;
    }
  }

  @Command(
      name = "feed",
      mixinStandardHelpOptions = true,
      description =
          "Run the supervisors' alert feed (SSE, /supervisor page, webhooks) until Ctrl-C.")
  static final class Feed implements Callable<Integer> {
    @Mixin ClusterOptions cluster;
    @Mixin TopicOptions topics;

    @Option(
        names = "--host",
        defaultValue = "${env:ONESTOP_HTTP_HOST:-127.0.0.1}",
        description = "Bind address.")
    String host;

    @Option(
        names = "--port",
        defaultValue = "${env:ONESTOP_FEED_PORT:-8090}",
        description = "Port (0 = any free).")
    int port;

    @Option(
        names = "--principals",
        defaultValue = "${env:ONESTOP_FEED_PRINCIPALS}",
        description =
            "Principals file (env ONESTOP_FEED_PRINCIPALS; docs/access.md): the feed accepts keys"
                + " with the SUPERVISOR or UNIT_HEAD role; the earlier format [{\"key\", \"officialId\","
                + " \"unitId\", \"scope\": \"UNIT\"|\"SUBTREE\"}] still loads (as SUPERVISOR)."
                + " Bearer JWTs are verified as by the intake when ONESTOP_JWT_ISSUER is set"
                + " (ONESTOP_JWT_AUDIENCE, ONESTOP_JWT_JWKS_URL or ONESTOP_JWT_PUBLIC_KEY).")
    Path principals;

    @Override
    public Integer call() throws Exception {
      try (Shutdown shutdown = new Shutdown()) {
        Cluster c = shutdown.register(cluster.external());
        Services.prepareTopics(c, topics);
        Operations ops = shutdown.register(new Operations(c));
        AlertFeedService feed =
            shutdown.register(
                Services.feed(
                    c,
                    host,
                    port,
                    ServiceSettings.feedPrincipals(principals),
                    ServiceSettings.jwt(System.getenv()),
                    System.getenv("ONESTOP_WEBHOOK_SECRET"),
                    ops));
        System.out.printf(
            "Alert feed on http://%s:%d/supervisor. Ctrl-C stops it.%n", host, feed.port());
        shutdown.awaitSignal();
      }
      return 0;
    }
  }

  @Command(
      name = "ticker",
      mixinStandardHelpOptions = true,
      description =
          "Write a ClockTick to every partition of case-events at a fixed interval until Ctrl-C.")
  static final class Ticker implements Callable<Integer> {
    @Mixin ClusterOptions cluster;
    @Mixin TopicOptions topics;

    @Option(
        names = "--interval",
        defaultValue = "${env:ONESTOP_TICK_INTERVAL:-30}",
        description =
            "Seconds between rounds (or ISO-8601, e.g. PT30S). Default ${DEFAULT-VALUE} s.")
    String interval;

    @Override
    public Integer call() throws Exception {
      Duration every = ServiceSettings.duration(interval);
      try (Shutdown shutdown = new Shutdown()) {
        Cluster c = shutdown.register(cluster.external());
        Services.prepareTopics(c, topics);
        shutdown.register(Services.ticker(c, every));
        System.out.printf("Clock ticker every %s. Ctrl-C stops it.%n", every);
        shutdown.awaitSignal();
      }
      return 0;
    }
  }
}
