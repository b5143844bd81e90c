package vn.onestop.sla.topology;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Topics;

/**
 * Reads one raw {@code case-events} record (key bytes, value bytes, headers) into what the engine
 * does with it: the one mapping from the record to the engine's input, used by the live processor
 * ({@link SlaProcessor}) and the offline replay ({@code vn.onestop.sla.replay.OfflineReplay}).
 *
 * <p>A record is {@link Read.Unreadable} when its value is null (a tombstone), does not deserialize
 * (bad wire format, unknown schema id, a payload branch this version does not know), names no case
 * (empty, or the clock key) or has a key that differs from the case id (the key decides the
 * partition, hence the task and its stores: a mismatch would split a case); a {@link ClockTick} is
 * {@link Read.Tick} (it only advances stream time); anything else is {@link Read.Event}.
 *
 * <p>Thread-safe when the deserializer is.
 */
public final class CaseEventReader {
  /** What a record is to the engine. */
  public sealed interface Read {
    /**
     * The record key as text (UTF-8), null when the record has none.
     *
     * @return the key
     */
    String key();
  }

  /**
   * A case event for the engine step.
   *
   * @param key record key (= the case id)
   * @param event the event
   */
  public record Event(String key, CaseEvent event) implements Read {}

  /**
   * A clock tick: advances stream time only.
   *
   * @param key record key
   */
  public record Tick(String key) implements Read {}

  /**
   * A record the engine refuses before any step, for {@code case-events-rejected}.
   *
   * @param key record key
   * @param event the deserialized event when the value was readable, else null
   * @param reason why (names the field or the failure; never the payload's text)
   */
  public record Unreadable(String key, CaseEvent event, String reason) implements Read {}

  private final Deserializer<CaseEvent> deserializer;

  /**
   * @param deserializer the case-events value deserializer
   */
  public CaseEventReader(Deserializer<CaseEvent> deserializer) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
  }

  /**
   * @param topic the topic the record was read from (for the deserializer)
   * @param headers the record's headers
   * @param key key bytes, may be null
   * @param value value bytes, may be null
   * @return what the record is to the engine
   */
  public Read read(String topic, Headers headers, byte[] key, byte[] value) {
    String k = key == null ? null : new String(key, StandardCharsets.UTF_8);
    if (value == null) {
      return new Unreadable(k, null, "null value (tombstone) on the case-events topic");
    }
    CaseEvent event;
    try {
      event = deserializer.deserialize(topic, headers, value);
    } catch (RuntimeException e) {
      return new Unreadable(k, null, "unreadable record: " + e.getMessage());
    }
    if (event.getPayload() instanceof ClockTick) {
      return new Tick(k);
    }
    String caseId = event.getCaseId();
    if (caseId == null || caseId.isEmpty() || Topics.CLOCK_KEY.equals(caseId)) {
      return new Unreadable(k, event, "caseId '" + caseId + "' is not a case id");
    }
    if (!caseId.equals(k)) {
      return new Unreadable(
          k, event, "record key '" + k + "' differs from caseId '" + caseId + "'");
    }
    return new Event(k, event);
  }
}
