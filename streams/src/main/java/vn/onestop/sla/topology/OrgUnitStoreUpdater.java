package vn.onestop.sla.topology;

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
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      LOG.warn("org-units record without key skipped ({})", where());
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
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
  }

  private String where() {
    return context
        .recordMetadata()
        .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
        .orElse("?");
  }
}
