package vn.onestop.app.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import vn.onestop.audit.TopicScan;
import vn.onestop.intake.importer.ImportReport;
import vn.onestop.schema.AlertKind;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitKpi;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * What the demo found, read back from the topics after the engine caught up, and printed in a fixed
 * order so two runs on the same data print the same text: import counts, alerts by kind and level,
 * per-unit KPIs per month, and the agreement of the engine's on-time/overdue decision with the
 * source system's own label.
 *
 * <p>The engine's decision for a case is OVERDUE exactly when it emitted a BREACH alert for it: the
 * breach fires once stream time passes the due instant, before a later resolution is applied, and
 * the import's last clock tick is at the last timestamp in the data, which is how the source judged
 * its open cases.
 */
public final class DemoSummary {
  private static final DateTimeFormatter BOSTON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("America/New_York"));

  private final List<CaseAlert> alerts = new ArrayList<>();
  private final Map<String, UnitKpi> kpis = new TreeMap<>();
  private final Set<String> importedCases = new HashSet<>();
  private long caseEvents;

  private DemoSummary() {}

  /** Reads case-events, case-alerts (read_committed) and unit-kpis from the beginning. */
  public static DemoSummary read(String bootstrapServers, String registryUrl) {
    SchemaRegistryClient registry = new SchemaRegistryClient(registryUrl);
    DemoSummary s = new DemoSummary();
    Deserializer<CaseEvent> events = Topics.CASE_EVENTS.valueSerde(registry, false).deserializer();
    TopicScan.scan(
        bootstrapServers,
        Topics.CASE_EVENTS.name(),
        events,
        r -> {
          s.caseEvents++;
          if (r.value() != null && r.value().getPayload() instanceof Submitted) {
            s.importedCases.add(r.value().getCaseId());
          }
        });
    TopicScan.scan(
        bootstrapServers,
        Topics.CASE_ALERTS.name(),
        Topics.CASE_ALERTS.valueSerde(registry, false).deserializer(),
        r -> s.alerts.add(r.value()));
    TopicScan.scan(
        bootstrapServers,
        Topics.UNIT_KPIS.name(),
        Topics.UNIT_KPIS.valueSerde(registry, false).deserializer(),
        r -> {
          if (r.value() == null) {
            s.kpis.remove(r.key());
          } else {
            s.kpis.put(r.key(), r.value());
          }
        });
    return s;
  }

  /**
   * @return the months (YYYY-MM) that have KPIs, sorted
   */
  public java.util.SortedSet<String> kpiMonths() {
    java.util.SortedSet<String> m = new java.util.TreeSet<>();
    kpis.values().forEach(k -> m.add(k.getMonth()));
    return m;
  }

  /**
   * @return every alert read
   */
  public List<CaseAlert> alerts() {
    return alerts;
  }

  /**
   * Prints the summary.
   *
   * @param report the import's counts
   * @param labels source labels by source id (empty for profiles without labels)
   * @param caseIdPrefix prefix the import put before a source id to make the case id
   * @return the number of disagreements on labelled cases
   */
  public long print(
      PrintStream out,
      ImportReport report,
      Map<String, DemoInput.Label> labels,
      String caseIdPrefix) {
    out.println();
    out.println("== Import ==");
    out.printf(
        "rows read %d, cases %d, resolutions %d, rejected rows %d%n",
        report.rowsRead(), report.cases(), report.resolutions(), report.rejected());
    new TreeMap<>(report.rejectedByReason())
        .forEach((reason, n) -> out.printf("  rejected: %s: %d%n", reason, n));
    out.printf(
        "case-events in the log: %d (cases with a Submitted: %d)%n",
        caseEvents, importedCases.size());

    out.println();
    out.println("== Alerts decided by the SLA engine ==");
    Map<String, Long> byKind = new TreeMap<>();
    Set<String> breached = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (CaseAlert a : alerts) {
      ids.add(a.getAlertId());
      byKind.merge(
          a.getKind() + (a.getKind() == AlertKind.WARNING ? "" : " level " + a.getLevel()),
          1L,
          Long::sum);
      if (a.getKind() == AlertKind.BREACH) {
        breached.add(a.getCaseId());
      }
    }
    byKind.forEach((k, n) -> out.printf("  %-22s %d%n", k, n));
    out.printf(
        "  alerts %d, distinct alert ids %d, cases breached %d%n",
        alerts.size(), ids.size(), breached.size());

    out.println();
    out.println("== KPIs per unit and month (unit-kpis) ==");
    out.printf(
        "%-7s %-6s %8s %8s %8s %8s %12s %10s %6s%n",
        "month",
        "unit",
        "received",
        "accepted",
        "resolved",
        "on time",
        "overdue@end",
        "median wd",
        "rating");
    Map<String, UnitKpi> byMonthUnit = new TreeMap<>();
    kpis.values().forEach(k -> byMonthUnit.put(k.getMonth() + "|" + k.getUnitId(), k));
    for (UnitKpi k : byMonthUnit.values()) {
      out.printf(
          "%-7s %-6s %8d %8d %8d %8d %12d %10s %6s%n",
          k.getMonth(),
          k.getUnitId(),
          k.getReceived(),
          k.getAccepted(),
          k.getResolved(),
          k.getResolvedOnTime(),
          k.getOverdueOpenAtMonthEnd(),
          k.getMedianResolutionWorkingDays() == null
              ? "-"
              : String.format("%.1f", k.getMedianResolutionWorkingDays()),
          k.getMeanRating() == null ? "-" : String.format("%.2f", k.getMeanRating()));
    }

    out.println();
    out.println("== Agreement with the source system's OnTime_Status ==");
    if (labels.isEmpty()) {
      out.println("  the input carries no on-time labels");
      return 0;
    }
    long agree = 0;
    long unlabelled = 0;
    long notImported = 0;
    List<String> disagreements = new ArrayList<>();
    Map<String, Long> agreeByLabel = new TreeMap<>();
    for (DemoInput.Label l : labels.values()) {
      String caseId = caseIdPrefix + l.sourceId();
      if (!importedCases.contains(caseId)) {
        notImported++;
        continue;
      }
      if (l.label().isEmpty()) {
        unlabelled++;
        continue;
      }
      String engine = breached.contains(caseId) ? "OVERDUE" : "ONTIME";
      if (engine.equals(l.label())) {
        agree++;
        agreeByLabel.merge(l.label() + " (" + l.status() + ")", 1L, Long::sum);
      } else {
        disagreements.add(
            String.format(
                "  %s: source %s, engine %s (%s; opened %s, due %s, closed %s)",
                caseId,
                l.label(),
                engine,
                l.status(),
                fmt(l.openedAt()),
                fmt(l.dueAt()),
                fmt(l.closedAt())));
      }
    }
    long labelled = agree + disagreements.size();
    out.printf(
        "  labelled cases %d: agree %d (%.2f %%), disagree %d%n",
        labelled, agree, labelled == 0 ? 100.0 : 100.0 * agree / labelled, disagreements.size());
    agreeByLabel.forEach((k, n) -> out.printf("    agree on %s: %d%n", k, n));
    out.printf(
        "  unlabelled cases (counted apart): %d; source rows not imported (rejected): %d%n",
        unlabelled, notImported);
    disagreements.forEach(out::println);
    return disagreements.size();
  }

  private static String fmt(Instant t) {
    return t == null ? "-" : BOSTON.format(t);
  }
}
