package vn.onestop.sla.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.policy.SlaPolicy;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.SlaTopology;

/**
 * "The open cases of these units" from the engine's case store, for the supervisors' cockpit: a
 * scan of the partitions this instance hosts (active ones). With several engine instances each
 * answers for its own partitions; the caller asks every instance (the app's cockpit source fans out
 * over the internal endpoint, addresses from Kafka Streams metadata). Thread-safe.
 *
 * <p>Cost: one pass over every stored case of the local partitions (open and closed), decoding
 * each; measured by {@code vn.onestop.bench.CockpitBench} (docs/benchmarks.md).
 */
public final class OpenCasesQuery {
  /**
   * Visits every stored case of the local partitions; may throw {@link
   * CaseStatusUnavailableException}.
   */
  @FunctionalInterface
  public interface Scan {
    /**
     * @param visitor called once per stored case
     */
    void forEach(Consumer<CaseState> visitor);
  }

  private final Scan scan;
  private final PolicyBook policies;
  private final Map<String, String> policyCalendars =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A query over any scan (tests: a map or a TopologyTestDriver store).
   *
   * @param scan visits the stored cases
   * @param policies SLA policies (for each case's policy calendar)
   */
  public OpenCasesQuery(Scan scan, PolicyBook policies) {
    this.scan = Objects.requireNonNull(scan, "scan");
    this.policies = Objects.requireNonNull(policies, "policies");
  }

  /**
   * A query over a running engine's local case-store partitions.
   *
   * @param streams the engine's KafkaStreams
   * @param policies SLA policies the engine runs with
   * @return the query
   */
  public static OpenCasesQuery over(KafkaStreams streams, PolicyBook policies) {
    Objects.requireNonNull(streams, "streams");
    Scan scan =
        visitor -> {
          KafkaStreams.State s = streams.state();
          if (s != KafkaStreams.State.RUNNING) {
            throw new CaseStatusUnavailableException(
                "SLA engine is " + s + ", not RUNNING; case store not queryable now", null);
          }
          ReadOnlyKeyValueStore<String, CaseState> store;
          try {
            store =
                streams.store(
                    StoreQueryParameters.fromNameAndType(
                        SlaTopology.CASE_STORE, QueryableStoreTypes.keyValueStore()));
          } catch (InvalidStateStoreException e) {
            throw new CaseStatusUnavailableException(
                "case store not queryable now (" + streams.state() + "): " + e.getMessage(), e);
          }
          try (KeyValueIterator<String, CaseState> it = store.all()) {
            while (it.hasNext()) {
              KeyValue<String, CaseState> kv = it.next();
              if (kv.value != null) {
                visitor.accept(kv.value);
              }
            }
          } catch (InvalidStateStoreException e) {
            throw new CaseStatusUnavailableException(
                "case store went away during the scan (rebalancing): " + e.getMessage(), e);
          }
        };
    return new OpenCasesQuery(scan, policies);
  }

  /**
   * @param units handling units whose cases are wanted, or null for every unit
   * @return the open cases (not RESOLVED, REJECTED or WITHDRAWN in the engine's state) of those
   *     units in the local partitions, in store order
   * @throws CaseStatusUnavailableException while the engine starts, restores or rebalances (retry)
   */
  public List<OpenCase> open(Set<String> units) {
    List<OpenCase> out = new ArrayList<>();
    scan.forEach(
        s -> {
          if (units != null && !units.contains(s.getUnitId())) {
            return;
          }
          OpenCase.of(s, policyCalendar(s.getPolicyId())).ifPresent(out::add);
        });
    return out;
  }

  private String policyCalendar(String policyId) {
    if (policyId == null) {
      return null;
    }
    String c = policyCalendars.get(policyId);
    if (c == null) {
      c = policies.byId(policyId).map(SlaPolicy::calendarId).orElse("");
      policyCalendars.put(policyId, c);
    }
    return c.isEmpty() ? null : c;
  }
}
