package vn.onestop.sla.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.onestop.schema.OrgUnit;
import vn.onestop.schema.OrgUnitKeys;
import vn.onestop.schema.OrgUnitVersions;
import vn.onestop.sla.escalation.OrgDirectory;

/**
 * {@link OrgDirectory} over the global {@code org-units} store, which holds every version of every
 * unit (keys {@code unitId|validFrom}, {@code OrgUnitKeys}; a unit written under its plain id is
 * one more version). Read at each lookup, so a version published later applies to the alerts
 * decided from its {@code validFrom} on. A value that cannot be read (bad bytes copied into the
 * store on restore) counts as an unknown unit and is logged.
 */
public final class GlobalStoreOrgDirectory implements OrgDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(GlobalStoreOrgDirectory.class);
  private final ReadOnlyKeyValueStore<String, OrgUnit> store;

  /**
   * @param store the topology's {@link SlaTopology#ORG_UNITS_STORE} (a global store)
   */
  public GlobalStoreOrgDirectory(ReadOnlyKeyValueStore<String, OrgUnit> store) {
    this.store = store;
  }

  /**
   * The version in force at {@code at} ({@link OrgUnitVersions#inForceAt}) among the unit's plain
   * key and its keys {@code unitId|validFrom}, found with one prefix scan (a unit has a handful of
   * versions). The plain key is given first, so a versioned key with the same {@code validFrom}
   * wins the tie.
   */
  @Override
  public Optional<OrgUnit> unit(String unitId, Instant at) {
    try {
      List<OrgUnit> versions = new ArrayList<>();
      OrgUnit plain = store.get(unitId);
      if (plain != null) {
        versions.add(plain);
      }
      try (KeyValueIterator<String, OrgUnit> it =
          store.prefixScan(unitId + OrgUnitKeys.SEPARATOR, new StringSerializer())) {
        while (it.hasNext()) {
          versions.add(it.next().value);
        }
      }
      return OrgUnitVersions.inForceAt(versions, at);
    } catch (SerializationException e) {
      LOG.error(
          "org unit {} in the global store cannot be read; treated as unknown: {}",
          unitId,
          e.getMessage());
      return Optional.empty();
    }
  }
}
