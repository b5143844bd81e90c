package vn.onestop.sla.topology;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.OrgUnit;

/**
 * Keeps the global org-unit store in step with the compacted {@code org-units} topic: a value puts
 * the unit, a tombstone deletes it. A value that cannot be read is skipped and logged with its
 * offset (a global processor has no sink to reject to) and the unit keeps its previous value.
 */
final class OrgUnitStoreUpdater implements Processor<String, byte[], Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(OrgUnitStoreUpdater.class);

  /**
   * Bumped after every write to any org-unit store of this JVM and at every (re)initialisation of
   * one (a global store wiped and restored): {@link GlobalStoreOrgDirectory#cached} forgets what it
   * read when it changes. One counter for the JVM, so engines sharing a JVM (tests) only forget
   * more often than needed.
   */
  private static final AtomicLong GENERATION = new AtomicLong();

  private final String storeName;
  private final Deserializer<OrgUnit> deserializer;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, OrgUnit> store;

  OrgUnitStoreUpdater(String storeName, Deserializer<OrgUnit> deserializer) {
    this.storeName = storeName;
    this.deserializer = deserializer;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    GENERATION.incrementAndGet();
  }

  /**
   * @return the write generation of the org-unit stores (see {@link #GENERATION})
   */
  static long generation() {
    return GENERATION.get();
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      LOG.warn("org-units record without key skipped ({})", where());
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      GENERATION.incrementAndGet();
      return;
    }
    OrgUnit unit;
    try {
      unit =
          deserializer.deserialize(SlaTopology.ORG_UNITS_TOPIC, record.headers(), record.value());
    } catch (RuntimeException e) {
      LOG.error(
          "org-units record for unit {} cannot be read, skipped ({}): {}",
          record.key(),
          where(),
          e.getMessage());
      return;
    }
    store.put(record.key(), unit);
    GENERATION.incrementAndGet();
  }

  private String where() {
    return context
        .recordMetadata()
        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("?");
  }
}
