package vn.onestop.sla.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The {@link #cached} form, for one stream thread, keeps each unit's versions between lookups
 * (the punctuation resolves a recipient chain for every alert: without it each level cost a get, a
 * prefix scan and an Avro decode of every version). It forgets them all whenever the store's
 * updater has written anything since ({@link OrgUnitStoreUpdater#generation()}), so a lookup never
 * sees a version older than an uncached one started at the same moment would.
 */
public final class GlobalStoreOrgDirectory implements OrgDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(GlobalStoreOrgDirectory.class);

  /** Most units kept by the cached form before it starts over (a city has a few thousand). */
  private static final int MAX_CACHED_UNITS = 100_000;

  private final ReadOnlyKeyValueStore<String, OrgUnit> store;
  private final Map<String, List<OrgUnit>> versionsByUnit;
  private long generation = -1;

  /**
   * An uncached directory: every lookup reads the store (safe from any thread the store allows).
   *
   * @param store the topology's {@link SlaTopology#ORG_UNITS_STORE} (a global store)
   */
  public GlobalStoreOrgDirectory(ReadOnlyKeyValueStore<String, OrgUnit> store) {
    this(store, null);
  }

  private GlobalStoreOrgDirectory(
      ReadOnlyKeyValueStore<String, OrgUnit> store, Map<String, List<OrgUnit>> cache) {
    this.store = store;
    this.versionsByUnit = cache;
  }

  /**
   * A directory that keeps each unit's versions until the updater next writes; not thread-safe (one
   * per processor).
   *
   * @param store the topology's {@link SlaTopology#ORG_UNITS_STORE} (a global store)
   * @return the cached directory
   */
  public static GlobalStoreOrgDirectory cached(ReadOnlyKeyValueStore<String, OrgUnit> store) {
    return new GlobalStoreOrgDirectory(store, new HashMap<>());
  }

  /**
   * The version in force at {@code at} ({@link OrgUnitVersions#inForceAt}) among the unit's plain
   * key and its keys {@code unitId|validFrom}, found with one prefix scan (a unit has a handful of
   * versions). The plain key is given first, so a versioned key with the same {@code validFrom}
   * wins the tie.
   */
  @Override
  public Optional<OrgUnit> unit(String unitId, Instant at) {
    if (versionsByUnit == null) {
      return read(unitId).flatMap(v -> OrgUnitVersions.inForceAt(v, at));
    }
    long now = OrgUnitStoreUpdater.generation();
    if (now != generation || versionsByUnit.size() >= MAX_CACHED_UNITS) {
      versionsByUnit.clear();
      generation = now;
    }
    List<OrgUnit> versions = versionsByUnit.get(unitId);
    if (versions == null) {
      Optional<List<OrgUnit>> read = read(unitId);
      if (read.isEmpty()) {
        return Optional.empty(); // unreadable: not cached, logged at each lookup
      }
      versions = read.get();
      versionsByUnit.put(unitId, versions);
    }
    return OrgUnitVersions.inForceAt(versions, at);
  }

  /** The unit's versions (plain key first), empty if one cannot be read. */
  private Optional<List<OrgUnit>> read(String unitId) {
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
      return Optional.of(List.copyOf(versions));
    } catch (SerializationException e) {
      LOG.error(
          "org unit {} in the global store cannot be read; treated as unknown: {}",
          unitId,
          e.getMessage());
      return Optional.empty();
    }
  }
}
