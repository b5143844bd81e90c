package vn.onestop.sla.query;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import vn.onestop.schema.OrgUnit;
import vn.onestop.sla.calendar.CalendarBook;
import vn.onestop.sla.calendar.DeadlineArithmetic;
import vn.onestop.sla.escalation.EscalationLadder;
import vn.onestop.sla.escalation.OrgDirectory;
import vn.onestop.sla.policy.PolicyBook;
import vn.onestop.sla.policy.SlaPolicy;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.topology.GlobalStoreOrgDirectory;
import vn.onestop.sla.topology.SlaTopology;

/**
 * Case status through Kafka Streams interactive queries on the engine's case store (for the intake
 * API's status endpoint). Reads are local: in a single-instance deployment every case is here. With
 * several instances ({@code application.server} set), a case whose partition lives elsewhere raises
 * {@link CaseStatusElsewhereException} naming the owner, which the caller asks instead (the app
 * forwards over HTTP). Thread-safe.
 */
public final class CaseStatusQuery {
  private final Function<String, CaseState> lookup;
  private final OrgDirectory org;
  private final EscalationLadder ladder;
  private final PolicyBook policies;
  // The engine's bundled calendars; the acceptance due date shown after acceptance is computed on
  // the policy's calendar (a unit calendar of the acceptance clock is not kept in the state).
  private final CalendarBook calendars = CalendarBook.standard();

  /**
   * A query over any lookup (tests: a TopologyTestDriver store).
   *
   * @param lookup case id → stored state or null; may throw {@link CaseStatusUnavailableException}
   * @param org org directory for the next-alert computation
   * @param policies SLA policies
   */
  public CaseStatusQuery(
      Function<String, CaseState> lookup, OrgDirectory org, PolicyBook policies) {
    this.lookup = Objects.requireNonNull(lookup, "lookup");
    this.org = Objects.requireNonNull(org, "org");
    this.ladder = new EscalationLadder(Objects.requireNonNull(policies, "policies"));
    this.policies = policies;
  }

  /**
   * A query over a running engine's stores.
   *
   * @param streams the engine's KafkaStreams
   * @param policies SLA policies the engine runs with
   * @param self this instance's {@code application.server}, or empty for a single instance
   * @return the query
   */
  public static CaseStatusQuery over(
      KafkaStreams streams, PolicyBook policies, Optional<HostInfo> self) {
    Objects.requireNonNull(streams, "streams");
    Function<String, CaseState> lookup =
        caseId -> {
          requireRunning(streams);
          StoreQueryParameters<ReadOnlyKeyValueStore<String, CaseState>> params =
              StoreQueryParameters.fromNameAndType(
                  SlaTopology.CASE_STORE, QueryableStoreTypes.keyValueStore());
          if (self.isPresent()) {
            KeyQueryMetadata meta =
                streams.queryMetadataForKey(SlaTopology.CASE_STORE, caseId, new StringSerializer());
            if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta)) {
              throw new CaseStatusUnavailableException(
                  "no metadata for the case store yet (rebalancing)", null);
            }
            if (!meta.activeHost().equals(self.get())) {
              throw new CaseStatusElsewhereException(
                  caseId, meta.activeHost().host(), meta.activeHost().port());
            }
            params = params.withPartition(meta.partition());
          }
          try {
            return streams.store(params).get(caseId);
          } catch (InvalidStateStoreException e) {
            throw new CaseStatusUnavailableException(
                "case store not queryable now (" + streams.state() + "): " + e.getMessage(), e);
          }
        };
    OrgDirectory org =
        (unitId, at) -> {
          try {
            ReadOnlyKeyValueStore<String, OrgUnit> units =
                streams.store(
                    StoreQueryParameters.fromNameAndType(
                        SlaTopology.ORG_UNITS_STORE, QueryableStoreTypes.keyValueStore()));
            return new GlobalStoreOrgDirectory(units).unit(unitId, at);
          } catch (InvalidStateStoreException e) {
            throw new CaseStatusUnavailableException(
                "org-unit store not queryable now: " + e.getMessage(), e);
          }
        };
    return new CaseStatusQuery(lookup, org, policies);
  }

  private static void requireRunning(KafkaStreams streams) {
    KafkaStreams.State s = streams.state();
    if (s != KafkaStreams.State.RUNNING) {
      throw new CaseStatusUnavailableException(
          "SLA engine is " + s + ", not RUNNING; case store not queryable now", null);
    }
  }

  /**
   * @param caseId case id
   * @return the case's status, or empty if the engine has never seen a valid Submitted for it
   * @throws CaseStatusUnavailableException while the engine starts, restores or rebalances (retry)
   * @throws CaseStatusElsewhereException if another instance owns the case (multi-instance only)
   * @throws IllegalArgumentException if the case id is blank
   */
  public Optional<CaseStatusResult> status(String caseId) {
    if (caseId == null || caseId.isBlank()) {
      throw new IllegalArgumentException("caseId is required");
    }
    CaseState s = lookup.apply(caseId);
    if (s == null) {
      return Optional.empty();
    }
    Optional<Instant> next = ladder.nextDueAt(s);
    return Optional.of(CaseStatusResult.of(s, next, acceptanceDue(s)));
  }

  /**
   * The acceptance due instant from receipt with the case's policy (the same computation as the
   * decider's acceptance clock), for a case whose acceptance clock no longer runs.
   */
  private Optional<Instant> acceptanceDue(CaseState s) {
    try {
      SlaPolicy p = policies.inUse(s.getPolicyId(), s.getCaseId());
      if (p.dueDateFromSource()) {
        return Optional.empty();
      }
      return p.acceptancePeriod()
          .map(
              period ->
                  DeadlineArithmetic.dueAt(
                      s.getSubmittedAt(), period, calendars.get(p.calendarId())));
    } catch (RuntimeException e) {
      return Optional.empty(); // a policy removed from the book: show no computed date
    }
  }
}
