package vn.onestop.sla.topology;

import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.sla.escalation.OrgDirectory;

/**
 * {@link OrgDirectory} over the global {@code org-units} store, read at each lookup so a change of
 * head or parent applies to later alerts. A value that cannot be read (bad bytes copied into the
 * store on restore) counts as an unknown unit and is logged.
 */
final class GlobalStoreOrgDirectory implements OrgDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(GlobalStoreOrgDirectory.class);
  private final ReadOnlyKeyValueStore<String, OrgUnit> store;

  GlobalStoreOrgDirectory(ReadOnlyKeyValueStore<String, OrgUnit> store) {
    this.store = store;
  }

  /**
   * A unit written under its plain id, else the version with the greatest {@code validFrom} among
   * the keys {@code unitId|validFrom} ({@code OrgUnitKeys}). The version in force at an alert's
   * decided-at instant is not chosen yet: a future-dated version applies as soon as it is read.
   */
  @Override
  public Optional<OrgUnit> unit(String unitId) {
    try {
      OrgUnit plain = store.get(unitId);
      if (plain != null) {
        return Optional.of(plain);
      }
      OrgUnit latest = null;
      try (KeyValueIterator<String, OrgUnit> it =
          store.prefixScan(unitId + OrgUnitKeys.SEPARATOR, new StringSerializer())) {
        while (it.hasNext()) {
          OrgUnit u = it.next().value;
          if (u != null && (latest == null || !u.getValidFrom().isBefore(latest.getValidFrom()))) {
            latest = u;
          }
        }
      }
      return Optional.ofNullable(latest);
    } catch (SerializationException e) {
      LOG.error(
          "org unit {} in the global store cannot be read; treated as unknown: {}",
          unitId,
          e.getMessage());
      return Optional.empty();
    }
  }
}
