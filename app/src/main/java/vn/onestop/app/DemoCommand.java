package vn.onestop.app;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.onestop.app.demo.DemoDirectory;
import vn.onestop.app.demo.DemoInput;
import vn.onestop.app.demo.DemoSummary;
import vn.onestop.app.demo.EngineProgress;
import vn.onestop.app.demo.PhaseTimes;
import vn.onestop.audit.AuditReplay;
import vn.onestop.audit.PipelineSource;
import vn.onestop.audit.ReplayResult;
import vn.onestop.feed.AlertFeedService;
import vn.onestop.infra.ProcessTempFiles;
import vn.onestop.intake.IntakeService;
import vn.onestop.intake.importer.HotlineImporter;
import vn.onestop.intake.importer.ImportOptions;
import vn.onestop.intake.importer.ImportProfile;
import vn.onestop.intake.importer.ImportProfiles;
import vn.onestop.intake.importer.ImportReport;
import vn.onestop.report.KpiReport;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.SlaEngine;
import vn.onestop.sla.SlaEngineConfig;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.PunctuationSettings;

/**
 * {@code onestop demo}: the main job on its embedded default. Starts a local Kafka broker and
 * schema registry, creates the topics, publishes an org-unit directory, starts the SLA engine, the
 * web intake and the alert feed, imports a year of real 311 cases (bundled Boston 2015 data, or
 * {@code --input}) in event-time order through the hotline import, waits until the engine has
 * processed everything, prints a summary (import counts, alerts, KPIs, agreement with the source's
 * own on-time labels, an audit replay), writes the KPI reports, stops everything and exits 0 (1 if
 * a check failed).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Replay a year of real 311 cases through the whole pipeline on a local broker and registry, and "
            + "check the engine's decisions against the source system's labels.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      arity = "1..*",
      description = "Input files instead of the bundled Boston 2015 data.")
  List<Path> input;

  @Option(
      names = "--profile",
      defaultValue = "boston311",
      description = "Mapping profile of --input: boston311 or nyc311 (default ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--as-of",
      paramLabel = "INSTANT",
      converter = AsOfConverter.class,
      description =
          "When the source system produced the input export; open cases are judged at"
              + " that moment (default: the latest time in the files). "
              + AsOfConverter.FORMAT
              + ".")
  Instant asOf;

  @Option(
      names = "--report-dir",
      defaultValue = "onestop-demo-report",
      description = "Where the KPI reports and the reject file go (default ${DEFAULT-VALUE}).")
  Path reportDir;

  @Option(
      names = "--keep-running",
      description = "Leave the services up after the summary (live clock ticker on) until Ctrl-C.")
  boolean keepRunning;

  @Option(
      names = "--timeout",
      defaultValue = "PT20M",
      description = "Longest wait for the engine (ISO-8601).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    PhaseTimes phases = new PhaseTimes(System::nanoTime, "start-up");
    PrintStream out = System.out;
    if (!ImportProfiles.NAMES.contains(profile) || "native".equals(profile)) {
      System.err.println("--profile must be boston311 or nyc311, got '" + profile + "'");
      return 2;
    }
    int failures = 0;
    try (Shutdown shutdown = new Shutdown()) {
      Path work =
          ProcessTempFiles.createDirectory("demo"); // a later start deletes it after a kill -9
      shutdown.register(() -> TempDirs.delete(work));
      List<Path> files = input != null ? input : DemoInput.extractBundled(work);
      for (Path f : files) {
        if (!Files.isReadable(f)) {
          System.err.println("cannot read input file " + f);
          return 2;
        }
      }
      out.println("Starting the local Kafka broker and schema registry ...");
      Cluster c = shutdown.register(cluster.externalOrEmbedded());
      out.printf("  broker %s, registry %s%n", c.bootstrapServers(), c.schemaRegistryUrl());
      Services.prepareTopics(c, 3);

      List<OrgUnit> directory =
          DemoDirectory.units(
              DemoInput.units(
                  files,
                  "nyc311".equals(profile) ? List.of("Agency") : List.of("Department", "QUEUE")));
      publish(c, directory);
      out.printf("Published %d org units (top %s).%n", directory.size(), DemoDirectory.TOP);

      PolicyBook policies = PolicyBook.defaults();
      Path stateDir = Files.createDirectories(work.resolve("engine-state"));
      SlaEngine engine = shutdown.register(Services.engine(c, stateDir, policies));
      IntakeService intake =
          shutdown.register(
              Services.intake(
                  c,
                  "127.0.0.1",
                  0,
                  Map.of("demo-key", ServiceSettings.DEV_PRINCIPAL.replace("dev:", "demo:")),
                  Optional.of(Services.identityKeyOrEphemeral())));
      intake.attachStatus(new EngineStatusLookup(engine.statusQuery()));
      AlertFeedService feed =
          shutdown.register(
              Services.feed(c, "127.0.0.1", 0, DemoDirectory.principals(directory), null));
      out.println("Started the SLA engine, the web intake and the alert feed.");

      Files.createDirectories(reportDir);
      ImportProfile importProfile = ImportProfiles.byName(profile, Optional.empty());
      phases.next("import");
      out.printf(
          "Importing %d file(s) with profile %s in event-time order ...%n", files.size(), profile);
      ImportReport report =
          new HotlineImporter(
                  ImportOptions.defaults(
                          c.bootstrapServers(),
                          c.schemaRegistryUrl(),
                          reportDir.resolve("rejected-rows.csv"))
                      .withOutput(out, System.console() != null)
                      .withAsOf(asOf))
              .run(files, importProfile);
      out.printf(
          "Open cases judged as of %s (%s in Asia/Ho_Chi_Minh, %s).%n",
          report.asOf(),
          report.asOf() == null
              ? "-"
              : java.time.LocalDateTime.ofInstant(
                  report.asOf(), java.time.ZoneId.of("Asia/Ho_Chi_Minh")),
          asOf != null ? "--as-of" : "the latest time in the files");

      phases.next("engine catching up");
      EngineProgress.awaitCaughtUp(
          c.bootstrapServers(),
          SlaEngineConfig.DEFAULT_APPLICATION_ID,
          Topics.CASE_EVENTS.name(),
          timeout,
          System.console() != null,
          out);

      phases.next("summary");
      DemoSummary summary = DemoSummary.read(c.bootstrapServers(), c.schemaRegistryUrl());
      Map<String, DemoInput.Label> labels =
          "boston311".equals(profile) ? DemoInput.bostonLabels(files) : Map.of();
      long disagreements = summary.print(out, report, labels, importProfile.caseId(""));
      failures += disagreements > 0 ? 1 : 0;

      phases.next("audit replay");
      out.println();
      out.println("== Audit replay of the recorded run ==");
      ReplayResult replay =
          AuditReplay.run(
              PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl()),
              policies,
              PunctuationSettings.DEFAULT,
              null,
              null);
      replay.print(out);
      failures += replay.exitCode() != 0 ? 1 : 0;

      phases.next("KPI reports");
      out.println();
      out.println("== KPI reports ==");
      TreeSet<YearMonth> months = new TreeSet<>();
      summary.kpiMonths().forEach(m -> months.add(YearMonth.parse(m)));
      PipelineSource kpiSource = PipelineSource.of(c.bootstrapServers(), c.schemaRegistryUrl());
      for (KpiReport r : KpiReport.loadAll(kpiSource, months).values()) {
        r.writeFiles(reportDir);
      }
      out.printf(
          "Wrote %d monthly reports (CSV + HTML) to %s%n",
          months.size(), reportDir.toAbsolutePath());

      phases.next("stopping");
      if (keepRunning) {
        shutdown.register(Services.ticker(c, Duration.ofSeconds(30)));
        out.printf(
            "%nServices are up (live clock ticker on: the open 2015 cases will breach and escalate).%n"
                + "  Supervisor page: http://127.0.0.1:%d/supervisor?key=demo-city%n"
                + "  Intake API:      %s/api/v1/cases (API key demo-key)%n  Open311:         %s/open311/v2/services.xml%n"
                + "Ctrl-C stops everything.%n",
            feed.port(), intake.baseUrl(), intake.baseUrl());
        shutdown.awaitSignal();
      }
    }
    out.println();
    if (!keepRunning) {
      phases.print(out);
    }
    out.printf(
        "Stopped everything. Wall time %.1f s; peak memory: RSS %s, heap %d MB.%n",
        (System.nanoTime() - t0) / 1e9, peakRss(), peakHeapMb());
    return failures == 0 ? 0 : 1;
  }

  private static void publish(Cluster c, List<OrgUnit> units) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    SchemaRegistryClient registry = new SchemaRegistryClient(c.schemaRegistryUrl());
    try (KafkaProducer<String, OrgUnit> producer =
        new KafkaProducer<>(
            p,
            Topics.ORG_UNITS.keySerde().serializer(),
            Topics.ORG_UNITS.valueSerde(registry, true).serializer())) {
      for (OrgUnit u : units) {
        producer.send(new ProducerRecord<>(Topics.ORG_UNITS.name(), OrgUnitKeys.key(u), u)).get();
      }
    }
  }

  /** Peak resident set of this JVM (VmHWM), or "n/a" where /proc is absent. */
  private static String peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024
              + " MB (this JVM; the registry runs apart)";
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return "n/a";
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }
}
