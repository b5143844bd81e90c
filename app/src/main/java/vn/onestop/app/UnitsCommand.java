package vn.onestop.app;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import vn.onestop.audit.TopicScan;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.OrgUnitVersions;
import vn.onestop.schema.TopicAdmin;
import vn.onestop.schema.Topics;
import vn.onestop.schema.directory.UnitDirectoryException;
import vn.onestop.schema.directory.UnitDirectoryFile;
import vn.onestop.schema.registry.SchemaRegistryClient;
import vn.onestop.sla.calendar.Calendars;

/**
 * {@code onestop units import FILE | list | show ID}: the org-unit directory on the cluster's
 * {@code org-units} topic (format: {@code docs/org-units.md}).
 */
@Command(
    name = "units",
    mixinStandardHelpOptions = true,
    description = "The org-unit directory (units, their parents, heads and calendars).",
    subcommands = {
      UnitsCommand.Import.class,
      UnitsCommand.ListUnits.class,
      UnitsCommand.Show.class
    })
final class UnitsCommand {

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Validate a directory file (CSV or .json) as a whole and write its unit versions to "
              + "org-units in one transaction; on any error print file:line: message, exit 1 and "
              + "write nothing.")
  static final class Import implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Parameters(paramLabel = "FILE", description = "Directory file (CSV with header, or JSON).")
    Path file;

    @Override
    public Integer call() throws Exception {
      List<OrgUnit> units;
      try {
        units = read(file);
      } catch (UnitDirectoryException e) {
        e.errors().forEach(System.err::println);
        System.err.println(
            "onestop units import: nothing written (" + e.errors().size() + " errors)");
        return 1;
      }
      try (Cluster c = cluster.external()) {
        int written = write(c, units);
        System.out.println("Imported " + written + " unit versions from " + file);
        return 0;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the units on org-units (the version of each unit in force now).")
  static final class ListUnits implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Override
    public Integer call() {
      try (Cluster c = cluster.external()) {
        Instant now = Instant.now();
        Map<String, List<OrgUnit>> byUnit = new LinkedHashMap<>();
        for (OrgUnit u : versions(c)) {
          byUnit.computeIfAbsent(u.getUnitId(), k -> new ArrayList<>()).add(u);
        }
        List<OrgUnit> inForce = new ArrayList<>();
        byUnit.values().forEach(vs -> OrgUnitVersions.inForceAt(vs, now).ifPresent(inForce::add));
        System.out.println(
            "unit_id\tname\tparent_id\tlevel\thead_official_id\thead_name\tcalendar_id");
        inForce.stream()
            .sorted(Comparator.comparing(OrgUnit::getUnitId))
            .forEach(u -> System.out.println(line(u, false)));
        return 0;
      }
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show every version of one unit, oldest first (exit 1 if unknown).")
  static final class Show implements Callable<Integer> {
    @Mixin ClusterOptions cluster;

    @Parameters(paramLabel = "ID", description = "Unit id.")
    String unitId;

    @Override
    public Integer call() {
      try (Cluster c = cluster.external()) {
        List<OrgUnit> mine =
            versions(c).stream()
                .filter(u -> u.getUnitId().equals(unitId))
                .sorted(Comparator.comparing(OrgUnit::getValidFrom))
                .toList();
        if (mine.isEmpty()) {
          System.err.println("onestop units show: unknown unit " + unitId);
          return 1;
        }
        System.out.println(
            "valid_from\tunit_id\tname\tparent_id\tlevel\thead_official_id\thead_name\tcalendar_id");
        mine.forEach(u -> System.out.println(line(u, true)));
        return 0;
      }
    }
  }

  /**
   * Reads and validates a directory file against the engine's calendars.
   *
   * @throws UnitDirectoryException with every {@code file:line: message}
   */
  static List<OrgUnit> read(Path file) throws java.io.IOException {
    return UnitDirectoryFile.read(file, new HashSet<>(Calendars.ids()));
  }

  /**
   * Writes unit versions to org-units (created with the product's settings if missing) in one
   * transaction, so a failure leaves none of them visible to read_committed readers.
   *
   * @return how many versions were written
   */
  static int write(Cluster c, List<OrgUnit> units) {
    String topic = Topics.ORG_UNITS.name();
    TopicAdmin.create(c.bootstrapServers(), Topics.ORG_UNITS, 1, (short) 1, topic);
    SchemaRegistryClient registry = new SchemaRegistryClient(c.schemaRegistryUrl());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
    p.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        "onestop-units-import-" + UUID.randomUUID().toString().substring(0, 8));
    try (KafkaProducer<String, OrgUnit> producer =
        new KafkaProducer<>(
            p,
            Topics.ORG_UNITS.keySerde().serializer(),
            Topics.ORG_UNITS.valueSerde(registry, true).serializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (OrgUnit u : units) {
        producer.send(new ProducerRecord<>(topic, OrgUnitKeys.key(u), u));
      }
      producer.commitTransaction();
    }
    return units.size();
  }

  /** Every unit version on org-units (the latest record of each key; tombstones delete). */
  static List<OrgUnit> versions(Cluster c) {
    SchemaRegistryClient registry = new SchemaRegistryClient(c.schemaRegistryUrl());
    Map<String, OrgUnit> byKey = new LinkedHashMap<>();
    TopicScan.scan(
        c.bootstrapServers(),
        Topics.ORG_UNITS.name(),
        Topics.ORG_UNITS.valueSerde(registry, false).deserializer(),
        r -> {
          if (r.value() == null) {
            byKey.remove(r.key());
          } else {
            byKey.put(r.key(), r.value());
          }
        });
    return new ArrayList<>(byKey.values());
  }

  private static String line(OrgUnit u, boolean withValidFrom) {
    String validFrom =
        u.getValidFrom().equals(Instant.EPOCH)
            ? "always"
            : LocalDate.ofInstant(u.getValidFrom(), UnitDirectoryFile.ZONE).toString();
    String head =
        u.getHead() == null
            ? "\t(vacant)"
            : u.getHead().getOfficialId() + "\t" + u.getHead().getName();
    return (withValidFrom ? validFrom + "\t" : "")
        + u.getUnitId()
        + "\t"
        + u.getName()
        + "\t"
        + (u.getParentId() == null ? "" : u.getParentId())
        + "\t"
        + u.getLevel()
        + "\t"
        + head
        + "\t"
        + u.getCalendarId();
  }
}
