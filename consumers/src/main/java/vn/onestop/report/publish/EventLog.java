package vn.onestop.report.publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.replay.OfflineReplay;
import vn.onestop.sla.topology.PunctuationSettings;

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

  /**
   * Re-runs the engine over this log offline ({@link OfflineReplay}: the engine's own task, its
   * STREAM_TIME punctuation, the KPI stages), then moves stream time to {@code upTo}. The events
   * are already decoded: each is given to the replay as a record of one partition, in log order,
   * with its occurredAt as record timestamp (what the producers stamp) and its position in {@link
   * #events} as value, which the replay's deserializer maps back to the event. One partition
   * instead of the topic's several changes no alert (ids and fields are decided by the case alone)
   * and no unit's KPI figures; only the interleaving of outputs across cases differs.
   *
   * @param policies the SLA policies to run
   * @param calendars the working calendars
   * @param upTo stream time is moved to this instant at the end (UTC; alerts due by then fire,
   *     months ending by then close)
   * @param kpiFacts whether to compute KPI facts and monthly unit KPIs
   * @param listener where the alerts, facts, unit KPIs and engine steps go
   * @return the replay, run (for its counters)
   */
  public OfflineReplay replay(
      PolicyBook policies,
      CalendarBook calendars,
      Instant upTo,
      boolean kpiFacts,
      OfflineReplay.Listener listener) {
    OfflineReplay replay =
        new OfflineReplay(
            policies,
            calendars,
            PunctuationSettings.DEFAULT,
            1,
            Topics.CASE_EVENTS.name(),
            (topic, data) -> events.get(ByteBuffer.wrap(data).getInt()),
            kpiFacts,
            listener);
    org.forEach(replay::orgRecord);
    for (int i = 0; i < events.size(); i++) {
      CaseEvent e = events.get(i);
      replay.accept(
          new OfflineReplay.LogRecord(
              0,
              i,
              e.getOccurredAt().toEpochMilli(),
              e.getCaseId() == null ? null : e.getCaseId().getBytes(StandardCharsets.UTF_8),
              ByteBuffer.allocate(Integer.BYTES).putInt(i).array(),
              null));
    }
    replay.advanceAllTo(upTo);
    return replay;
  }
}
