package vn.onestop.sla.topology;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import vn.onestop.schema.CaseEvent;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.policy.PolicyBook;

/**
 * Supplies the engine's processor (a new instance per task): what {@link SlaTopology} wires and
 * what the benchmarks drive on a mock context. The processor needs the stores {@link
 * SlaTopology#CASE_STORE}, {@link SlaTopology#DEADLINE_INDEX_STORE}, the global {@link
 * SlaTopology#ORG_UNITS_STORE} and, with KPI facts, {@link SlaTopology#KPI_MARKS_STORE}; it
 * forwards to the children {@link SlaTopology#ALERTS_SINK}, {@link SlaTopology#REJECTED_SINK} and,
 * with KPI facts, {@link SlaTopology#KPI_FACTS}.
 */
public final class SlaProcessorSupplier
    implements ProcessorSupplier<byte[], byte[], String, SpecificRecord> {
  private final Deserializer<CaseEvent> deserializer;
  private final PolicyBook policies;
  private final CalendarBook calendars;
  private final PunctuationSettings settings;
  private final boolean kpiFacts;

  /**
   * On the bundled calendars ({@link CalendarBook#standard()}).
   *
   * @param deserializer case-events value deserializer
   * @param policies SLA policies
   * @param settings punctuation settings
   * @param kpiFacts whether the processor produces KPI facts
   * @throws NullPointerException if an argument is null
   */
  public SlaProcessorSupplier(
      Deserializer<CaseEvent> deserializer,
      PolicyBook policies,
      PunctuationSettings settings,
      boolean kpiFacts) {
    this(deserializer, policies, CalendarBook.standard(), settings, kpiFacts);
  }

  /**
   * @param deserializer case-events value deserializer
   * @param policies SLA policies
   * @param calendars working calendars the policies and units name
   * @param settings punctuation settings
   * @param kpiFacts whether the processor produces KPI facts
   * @throws NullPointerException if an argument is null
   */
  public SlaProcessorSupplier(
      Deserializer<CaseEvent> deserializer,
      PolicyBook policies,
      CalendarBook calendars,
      PunctuationSettings settings,
      boolean kpiFacts) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.calendars = Objects.requireNonNull(calendars, "calendars");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.kpiFacts = kpiFacts;
  }

  /**
   * @return a new processor, not initialised
   */
  @Override
  public Processor<byte[], byte[], String, SpecificRecord> get() {
    return new SlaProcessor(deserializer, policies, calendars, settings, kpiFacts);
  }
}
