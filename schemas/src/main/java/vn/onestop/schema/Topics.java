package vn.onestop.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.onestop.schema.registry.SchemaRegistryClient;

/**
 * The one place that names the pipeline's topics (docs/design.md, Topics) and builds their serdes.
 *
 * <p>All topics are keyed by a UTF-8 string. Subjects follow TopicNameStrategy ({@code
 * <topic>-value}).
 */
public final class Topics {
  /** System of record: every change of every case, plus clock ticks. Keyed by case id. */
  public static final Topic<CaseEvent> CASE_EVENTS =
      new Topic<>("case-events", CaseEvent.class, false);

  /** The org-unit directory, compacted, keyed by unit id; read as a GlobalKTable. */
  public static final Topic<OrgUnit> ORG_UNITS = new Topic<>("org-units", OrgUnit.class, true);

  /** Deadline alerts decided by the SLA engine. Keyed by case id. */
  public static final Topic<CaseAlert> CASE_ALERTS =
      new Topic<>("case-alerts", CaseAlert.class, false);

  /** Monthly per-unit indicators, compacted, keyed by {@code unitId|YYYY-MM}. */
  public static final Topic<UnitKpi> UNIT_KPIS = new Topic<>("unit-kpis", UnitKpi.class, true);

  /** Input the SLA engine could not apply, with the reason. Keyed by case id when known. */
  public static final Topic<RejectedEvent> CASE_EVENTS_REJECTED =
      new Topic<>("case-events-rejected", RejectedEvent.class, false);

  /**
   * Acknowledgements and snoozes of cases by supervisors and unit heads (the cockpit's "who saw
   * what, when"). Keyed by case id, kept forever like the other records of the audit trail. The SLA
   * engine never reads it: an acknowledgement cannot move a legal clock.
   */
  public static final Topic<CaseAcknowledgement> CASE_ACKNOWLEDGEMENTS =
      new Topic<>("case-acknowledgements", CaseAcknowledgement.class, false);

  /** Key of ClockTick events and {@link CaseEvent#getCaseId()} of ticks. */
  public static final String CLOCK_KEY = "__clock__";

  /** Every topic, in dependency order. */
  public static final List<Topic<?>> ALL =
      List.of(
          CASE_EVENTS,
          ORG_UNITS,
          CASE_ALERTS,
          UNIT_KPIS,
          CASE_EVENTS_REJECTED,
          CASE_ACKNOWLEDGEMENTS);

  private Topics() {}

  /**
   * Registers the value schema of every topic under its subject.
   *
   * @return subject to schema id
   * @throws vn.onestop.schema.registry.SchemaRegistryException if a schema is refused (e.g. an
   *     incompatible change), naming the subject
   */
  public static Map<String, Integer> registerAll(SchemaRegistryClient registry) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (Topic<?> t : ALL) {
      ids.put(t.valueSubject(), registry.register(t.valueSubject(), t.valueSchema()));
    }
    return ids;
  }
}
