package vn.onestop.report;

import java.io.PrintStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import vn.onestop.audit.PipelineSource;
import vn.onestop.audit.TopicScan;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topics;
import vn.onestop.schema.UnitKpi;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.kpi.KpiAggregator;
import vn.onestop.sla.kpi.KpiMonths;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;
import vn.onestop.sla.topology.PunctuationSettings;

/**
 * Checks that published KPIs reconcile exactly with the events: recomputes the month from {@code
 * case-events} and {@code org-units} alone with the engine re-run offline ({@link OfflineReplay}:
 * the live engine task per partition, its punctuation, the same KPI stages; stream time then moved
 * to the month's end on every partition so the month is closed) and compares field by field. The
 * {@code revision} is not compared (a month corrected by late events has a higher one than its
 * recomputation), and a row of zeros (no event, no overdue case) equals no row.
 *
 * @param month the month
 * @param differences every field that differs (a unit missing on one side: field {@code <unit>})
 */
public record KpiReconciliation(YearMonth month, List<Difference> differences) {
  private static final String REVISION = "revision";

  /** True for a row without any event and without an overdue case at month end. */
  private static boolean nothing(UnitKpi k) {
    return k.getReceived() == 0
        && k.getAccepted() == 0
        && k.getResolved() == 0
        && k.getRatingCount() == 0
        && k.getOverdueOpenAtMonthEnd() == 0;
  }

  /**
   * One difference.
   *
   * @param unitId unit
   * @param field UnitKpi field name, or {@code <unit>} when the unit is missing on one side
   * @param published published value (null if missing)
   * @param recomputed recomputed value (null if missing)
   */
  public record Difference(String unitId, String field, Object published, Object recomputed) {}

  /**
   * @return true if the published figures equal the recomputed ones
   */
  public boolean reconciled() {
    return differences.isEmpty();
  }

  /**
   * @param out where to print the result (one line per difference)
   */
  public void print(PrintStream out) {
    if (reconciled()) {
      out.println("KPI " + month + ": published figures reconcile exactly with case-events");
      return;
    }
    out.println(
        "KPI "
            + month
            + ": "
            + differences.size()
            + " difference(s) between published and recomputed figures");
    for (Difference d : differences) {
      out.println(
          "  "
              + d.unitId()
              + " "
              + d.field()
              + ": published="
              + d.published()
              + " recomputed="
              + d.recomputed());
    }
    if (differences.stream().anyMatch(d -> d.published() == null && d.recomputed() != null)) {
      out.println(
          "  (published=null: the engine has published no figures for that unit and month yet - the"
              + " month is not closed on every case-events partition, or the engine has not processed"
              + " those events yet; a month corrected by late events is republished)");
    }
  }

  /**
   * Recomputes from the events and compares with the published report.
   *
   * @param source topics
   * @param policies the engine's SLA policies
   * @param published the published report of the month
   * @return the comparison
   */
  public static KpiReconciliation check(
      PipelineSource source, PolicyBook policies, KpiReport published) {
    return compare(
        published.month(), published.rows(), recompute(source, policies, published.month()));
  }

  /**
   * Recomputes every unit's KPIs of a month from case-events (all records are read, so late events
   * correct the month as they do in the engine) and org-units (every version, as the engine's
   * global store), with the engine's default punctuation ({@link PunctuationSettings#DEFAULT}).
   *
   * @param source topics
   * @param policies the engine's SLA policies
   * @param month the month
   * @return unit id → recomputed KPIs of the month
   */
  public static Map<String, UnitKpi> recompute(
      PipelineSource source, PolicyBook policies, YearMonth month) {
    Map<String, UnitKpi> all = new HashMap<>();
    Map<Integer, List<OfflineReplay.LogRecord>> log = new TreeMap<>();
    TopicScan.scan(
        source.bootstrapServers(),
        source.caseEventsTopic(),
        new ByteArrayDeserializer(),
        r ->
            log.computeIfAbsent(r.partition(), p -> new ArrayList<>())
                .add(OfflineReplay.LogRecord.of(r)));
    log.values().forEach(l -> l.sort(Comparator.comparingLong(OfflineReplay.LogRecord::offset)));
    OfflineReplay replay =
        new OfflineReplay(
            policies,
            CalendarBook.standard(),
            PunctuationSettings.DEFAULT,
            log.keySet().stream().mapToInt(p -> p + 1).max().orElse(1),
            source.caseEventsTopic(),
            Topics.CASE_EVENTS.valueSerde(source.registry(), false).deserializer(),
            true,
            new OfflineReplay.Listener() {
              @Override
              public void unitKpi(UnitKpi k) {
                all.put(KpiAggregator.key(k), k); // a month corrected later keeps its last value
              }
            });
    Deserializer<OrgUnit> orgValues =
        Topics.ORG_UNITS.valueSerde(source.registry(), false).deserializer();
    TopicScan.scan(
        source.bootstrapServers(),
        source.orgUnitsTopic(),
        new ByteArrayDeserializer(),
        r -> {
          try {
            replay.orgRecord(
                r.key(),
                r.value() == null
                    ? null
                    : orgValues.deserialize(r.topic(), r.headers(), r.value()));
          } catch (RuntimeException e) {
            // the live engine's global store skips an unreadable org unit too
          }
        });
    replay.acceptAll(log);
    replay.advanceAllTo(KpiMonths.endOf(month));
    Map<String, UnitKpi> out = new TreeMap<>();
    all.values().stream()
        .filter(k -> k.getMonth().toString().equals(month.toString()))
        .forEach(k -> out.put(k.getUnitId().toString(), k));
    return out;
  }

  /**
   * @param month the month
   * @param published published records of the month
   * @param recomputed unit id → recomputed record
   * @return the differences, by unit then field order
   */
  public static KpiReconciliation compare(
      YearMonth month, List<UnitKpi> published, Map<String, UnitKpi> recomputed) {
    Map<String, UnitKpi> pub = new HashMap<>();
    published.forEach(k -> pub.put(k.getUnitId().toString(), k));
    TreeSet<String> units = new TreeSet<>(pub.keySet());
    units.addAll(recomputed.keySet());
    List<Difference> diffs = new ArrayList<>();
    for (String u : units) {
      UnitKpi a = pub.get(u);
      UnitKpi b = recomputed.get(u);
      if ((a == null && nothing(b)) || (b == null && nothing(a))) {
        continue; // a correction may leave a row of zeros where a recomputation has no row
      }
      if (a == null || b == null) {
        diffs.add(
            new Difference(
                u, "<unit>", a == null ? null : "present", b == null ? null : "present"));
        continue;
      }
      for (Schema.Field f : UnitKpi.getClassSchema().getFields()) {
        if (f.name().equals(REVISION)) {
          continue; // how often the engine corrected the month, not a figure
        }
        Object x = a.get(f.pos());
        Object y = b.get(f.pos());
        if (!Objects.equals(x == null ? null : x.toString(), y == null ? null : y.toString())) {
          diffs.add(new Difference(u, f.name(), x, y));
        }
      }
    }
    return new KpiReconciliation(month, List.copyOf(diffs));
  }
}
