package vn.onestop.sla.topology;

import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.OrgUnit;
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

  @Override
  public Optional<OrgUnit> unit(String unitId) {
    try {
      return Optional.ofNullable(store.get(unitId));
    } catch (SerializationException e) {
      LOG.error(
          "org unit {} in the global store cannot be read; treated as unknown: {}",
          unitId,
          e.getMessage());
      return Optional.empty();
    }
  }
}
