package vn.onestop.bench;

import java.lang.reflect.Constructor;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import vn.onestop.schema.CaseEvent;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.topology.PunctuationSettings;

/**
 * The SLA engine's own processor ({@code vn.onestop.sla.topology.SlaProcessor}, package-private in
 * the streams module), instantiated reflectively so the punctuation benchmark times the engine's
 * real punctuator and deadline index rather than a copy of them.
 */
final class EngineProcessor {
  static final String CLASS = "vn.onestop.sla.topology.SlaProcessor";

  private EngineProcessor() {}

  /**
   * @return a new processor, not initialised
   * @throws IllegalStateException if the streams module no longer has that constructor
   */
  @SuppressWarnings("unchecked")
  static Processor<byte[], byte[], String, SpecificRecord> create(
      Deserializer<CaseEvent> events, PolicyBook policies, PunctuationSettings settings) {
    try {
      Class<?> c = Class.forName(CLASS);
      Constructor<?> k =
          c.getDeclaredConstructor(Deserializer.class, PolicyBook.class, PunctuationSettings.class);
      k.setAccessible(true);
      return (Processor<byte[], byte[], String, SpecificRecord>)
          k.newInstance(events, policies, settings);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot instantiate the engine's processor "
              + CLASS
              + "(Deserializer, PolicyBook, PunctuationSettings): "
              + e,
          e);
    }
  }
}
