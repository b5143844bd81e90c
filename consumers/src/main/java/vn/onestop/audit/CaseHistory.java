package vn.onestop.audit;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.onestop.schema.Acknowledged;
import vn.onestop.schema.CaseAcknowledgement;
import vn.onestop.schema.CaseAlert;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.RejectedEvent;
import vn.onestop.schema.Snoozed;
import vn.onestop.schema.Topics;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * {@code onestop audit history CASE_ID}: the case's events and alerts in time order, times in
 * Asia/Ho_Chi_Minh; an event the SLA engine refused carries {@code REFUSED=<reason>} (from
 * case-events-rejected); acknowledgements and snoozes of the cockpit are lines of kind {@code ACK}
 * (from case-acknowledgements: who saw what, when; they never changed a clock). Scans case-events,
 * case-alerts, case-events-rejected and case-acknowledgements from the beginning (whole topics;
 * fine for moderate logs — an index by case id would be needed at scale). Equal instants: events
 * before alerts, then by partition and offset. No personal data is printed.
 *
 * @param caseId the case
 * @param entries the history, in order
 * @param unreadable records of either topic that could not be read (reported, not hidden)
 */
public record CaseHistory(String caseId, List<HistoryEntry> entries, long unreadable) {
  /** Time zone of the printed times. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

  /**
   * @param source cluster, registry and topics
   * @param caseId the case id
   * @return its history (empty entries if the case is unknown)
   * @throws IllegalArgumentException if a topic does not exist
   */
  public static CaseHistory load(PipelineSource source, String caseId) {
    SchemaRegistryClient registry = source.registry();
    List<HistoryEntry> out = new ArrayList<>();
    Map<String, String> refused = refusals(source, registry, caseId);
    TopicScan.Counts ev =
        TopicScan.scan(
            source.bootstrapServers(),
            source.caseEventsTopic(),
            Topics.CASE_EVENTS.valueSerde(registry, false).deserializer(),
            r -> {
              CaseEvent e = r.value();
              if (e != null && caseId.equals(e.getCaseId().toString())) {
                Map<String, Object> f = new LinkedHashMap<>(RecordJson.event(e, false));
                String type = (String) f.remove("type");
                f.remove("caseId");
                String eventId = (String) f.remove("eventId");
                if (refused.containsKey(eventId)) {
                  f.put("REFUSED", refused.get(eventId));
                }
                out.add(
                    new HistoryEntry(
                        e.getOccurredAt(), "EVENT", type, eventId, f, r.partition(), r.offset()));
              }
            });
    TopicScan.Counts al =
        TopicScan.scan(
            source.bootstrapServers(),
            source.caseAlertsTopic(),
            Topics.CASE_ALERTS.valueSerde(registry, false).deserializer(),
            r -> {
              CaseAlert a = r.value();
              if (a != null && caseId.equals(a.getCaseId().toString())) {
                Map<String, Object> f = new LinkedHashMap<>(RecordJson.alert(a));
                f.remove("caseId");
                out.add(
                    new HistoryEntry(
                        a.getDecidedAt(),
                        "ALERT",
                        a.getKind().name(),
                        (String) f.remove("alertId"),
                        f,
                        r.partition(),
                        r.offset()));
              }
            });
    long ackUnreadable = acknowledgements(source, registry, caseId, out);
    out.sort(
        Comparator.comparing(HistoryEntry::at)
            .thenComparing(HistoryEntry::kind, Comparator.reverseOrder())
            .thenComparingInt(HistoryEntry::partition)
            .thenComparingLong(HistoryEntry::offset));
    return new CaseHistory(
        caseId, List.copyOf(out), ev.unreadable() + al.unreadable() + ackUnreadable);
  }

  /**
   * The engine's refusals of this case's events (topic {@code <case-events>-rejected}), by event
   * id, so the history shows which actions did not take effect and why. Empty when the topic is
   * absent.
   */
  private static Map<String, String> refusals(
      PipelineSource source, SchemaRegistryClient registry, String caseId) {
    Map<String, String> refused = new LinkedHashMap<>();
    try {
      TopicScan.scan(
          source.bootstrapServers(),
          source.caseEventsTopic() + "-rejected",
          Topics.CASE_EVENTS_REJECTED.valueSerde(registry, false).deserializer(),
          r -> {
            RejectedEvent x = r.value();
            if (x != null
                && x.getCaseId() != null
                && caseId.equals(x.getCaseId().toString())
                && x.getEventId() != null) {
              refused.put(x.getEventId().toString(), x.getReason().toString());
            }
          });
    } catch (IllegalArgumentException noTopic) {
      // an older cluster without the topic: no refusals to show
    }
    return refused;
  }

  /**
   * Name of the acknowledgements topic next to {@code caseEventsTopic}: the same prefix as it has
   * ({@code it-x-case-events} → {@code it-x-case-acknowledgements}), {@code case-acknowledgements}
   * for the pipeline's names.
   *
   * @param caseEventsTopic the case-events topic
   * @return the acknowledgements topic
   */
  public static String acknowledgementsTopic(String caseEventsTopic) {
    String events = Topics.CASE_EVENTS.name();
    return caseEventsTopic.endsWith(events)
        ? caseEventsTopic.substring(0, caseEventsTopic.length() - events.length())
            + Topics.CASE_ACKNOWLEDGEMENTS.name()
        : Topics.CASE_ACKNOWLEDGEMENTS.name();
  }

  /**
   * Adds the case's acknowledgements and snoozes ({@code case-acknowledgements}): kind {@code ACK},
   * type {@code ACKNOWLEDGED} or {@code SNOOZED}, with the actor, role, unit and the alert or the
   * snooze's end and reason (an official's text, shown here because this history is for officials
   * and auditors). Nothing when the topic is absent (an older cluster).
   *
   * @return unreadable records of that topic
   */
  private static long acknowledgements(
      PipelineSource source, SchemaRegistryClient registry, String caseId, List<HistoryEntry> out) {
    try {
      return TopicScan.scan(
              source.bootstrapServers(),
              acknowledgementsTopic(source.caseEventsTopic()),
              Topics.CASE_ACKNOWLEDGEMENTS.valueSerde(registry, false).deserializer(),
              r -> {
                CaseAcknowledgement a = r.value();
                if (a == null || !caseId.equals(a.getCaseId())) {
                  return;
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("actorId", a.getActorId());
                f.put("actorRole", a.getActorRole());
                f.put("unitId", a.getUnitId());
                String type;
                if (a.getAction() instanceof Acknowledged k) {
                  type = "ACKNOWLEDGED";
                  f.put("alertId", k.getAlertId());
                  f.put("alertLevel", k.getAlertLevel());
                  f.put("alertKind", k.getAlertKind());
                } else if (a.getAction() instanceof Snoozed z) {
                  type = "SNOOZED";
                  f.put("untilAt", z.getUntil().toString());
                  f.put("reason", z.getReason());
                } else {
                  type = "UNKNOWN";
                }
                out.add(
                    new HistoryEntry(
                        a.getOccurredAt(),
                        "ACK",
                        type,
                        a.getAckId(),
                        f,
                        r.partition(),
                        r.offset()));
              })
          .unreadable();
    } catch (IllegalArgumentException noTopic) {
      return 0;
    }
  }

  /**
   * @return true if anything was found
   */
  public boolean found() {
    return !entries.isEmpty();
  }

  /**
   * Prints one line per entry: local time, EVENT/ALERT, type, id, then {@code key=value} fields
   * (instants shown in Asia/Ho_Chi_Minh).
   *
   * @param out where to print (UTF-8 expected)
   */
  public void print(PrintStream out) {
    out.println("Case " + caseId + " — " + entries.size() + " entries (times Asia/Ho_Chi_Minh)");
    for (HistoryEntry e : entries) {
      StringBuilder b = new StringBuilder();
      b.append(TIME.format(e.at()))
          .append("  ")
          .append(String.format("%-5s %-16s", e.kind(), e.type()))
          .append(' ')
          .append(e.id());
      e.fields()
          .forEach(
              (k, v) -> {
                if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
                  b.append("  ").append(k).append('=').append(local(k, v));
                }
              });
      out.println(b);
    }
    if (unreadable > 0) {
      out.println("WARNING: " + unreadable + " unreadable records were skipped");
    }
  }

  private static Object local(String key, Object v) {
    if (v instanceof String s
        && (key.endsWith("At") || key.equals("deadline"))
        && s.endsWith("Z")) {
      try {
        return TIME.format(java.time.Instant.parse(s));
      } catch (java.time.format.DateTimeParseException e) {
        return s;
      }
    }
    if (v instanceof String s) {
      // one line per entry, also for an official's multi-line snooze reason
      return s.replace("\r", "\\r").replace("\n", "\\n");
    }
    return v;
  }
}
