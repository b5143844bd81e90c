package vn.onestop.report.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.onestop.audit.PipelineSource;
import vn.onestop.audit.TopicScan;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.Topics;

/**
 * The recorded input of a scorecard: every case event in the order the engine applies them
 * (partitions merged by record timestamp, then partition, then offset, as {@code KpiReconciliation}
 * does) and every version of every unit (org-units, keyed {@code unitId|validFrom}, tombstones
 * applied).
 *
 * @param events case events (ticks included), in replay order
 * @param org org-units key → unit version
 */
public record EventLog(List<CaseEvent> events, Map<String, OrgUnit> org) {
  /** Copies. */
  public EventLog {
    events = List.copyOf(events);
    org = Map.copyOf(org);
  }

  /**
   * Reads both topics from the beginning (read_committed).
   *
   * @param source the cluster and topics
   * @return the log
   * @throws IllegalArgumentException if a topic does not exist
   */
  public static EventLog load(PipelineSource source) {
    Map<String, OrgUnit> org = new HashMap<>();
    TopicScan.scan(
        source.bootstrapServers(),
        source.orgUnitsTopic(),
        Topics.ORG_UNITS.valueSerde(source.registry(), false).deserializer(),
        r -> {
          if (r.value() == null) {
            org.remove(r.key());
          } else {
            org.put(r.key(), r.value());
          }
        });
    record Ordered(CaseEvent e, long ts, int partition, long offset) {}
    List<Ordered> events = new ArrayList<>();
    TopicScan.scan(
        source.bootstrapServers(),
        source.caseEventsTopic(),
        Topics.CASE_EVENTS.valueSerde(source.registry(), false).deserializer(),
        r -> {
          if (r.value() != null) {
            events.add(new Ordered(r.value(), r.timestamp(), r.partition(), r.offset()));
          }
        });
    events.sort(
        Comparator.comparingLong(Ordered::ts)
            .thenComparingInt(Ordered::partition)
            .thenComparingLong(Ordered::offset));
    return new EventLog(events.stream().map(Ordered::e).toList(), org);
  }
}
