package vn.onestop.intake.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import vn.onestop.schema.CaseEvent;
import vn.onestop.schema.ClockTick;
import vn.onestop.schema.Location;
import vn.onestop.schema.Submitted;
import vn.onestop.schema.Transferred;

/**
 * In-memory index of the cases in {@code case-events}, fed by {@link CaseEventsFollower} and by the
 * intake's own acknowledged writes (so a case is known as soon as its 202 is sent): known vs
 * unknown case ids, what was filed, and the Open311 listing. It derives no status; see {@link
 * CaseSummary}.
 *
 * <p>Bound: at most {@code maxCases} cases (default 100,000, about 60 MB with 4000-character
 * descriptions); beyond it the case submitted earliest into this process's view is dropped (the log
 * keeps it; only Open311 reads and the 404 check stop seeing it). Events are applied once per
 * (partition, offset): an event at or below the case's last applied offset is ignored, so replays
 * and write-through do not move a case backwards. It also holds, per Idempotency-Key scope, the id
 * of the event that key wrote ({@link #rememberKeyed}), for the intake's 409 check after a restart.
 * Thread-safe.
 */
public final class CaseReadModel {
  /** Default bound on the number of cases held. */
  public static final int DEFAULT_MAX_CASES = 100_000;

  private final int maxCases;
  private final Map<String, CaseSummary> cases;
  private final Map<String, String> keyed;
  private final Map<String, Handling> handling;

  /**
   * Who submitted a case and which unit handles it now, for the intake's scope checks.
   *
   * @param unitId the unit named at submission, or the {@code toUnitId} of the latest transfer
   * @param submittedBy {@code Actor.officialId} of the Submitted event (the INTAKE principal), or
   *     null (imported history, events written before principals)
   */
  public record Handling(String unitId, String submittedBy) {}

  /** A model holding at most {@link #DEFAULT_MAX_CASES}. */
  public CaseReadModel() {
    this(DEFAULT_MAX_CASES);
  }

  /**
   * @param maxCases bound on the number of cases held, at least 1
   */
  public CaseReadModel(int maxCases) {
    if (maxCases < 1) {
      throw new IllegalArgumentException("maxCases must be >= 1");
    }
    this.maxCases = maxCases;
    this.cases =
        new LinkedHashMap<>(1024, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CaseSummary> eldest) {
            return size() > CaseReadModel.this.maxCases;
          }
        };
    this.handling =
        new LinkedHashMap<>(1024, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Handling> eldest) {
            return size() > CaseReadModel.this.maxCases;
          }
        };
    this.keyed =
        new LinkedHashMap<>(1024, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CaseReadModel.this.maxCases;
          }
        };
  }

  /**
   * Records which event an Idempotency-Key wrote (from the event's record header, or from the
   * intake's own acknowledged write). At most {@code maxCases} keys are held; the earliest recorded
   * is dropped first.
   *
   * @param scopeDigest hex digest of the key's scope (never the key itself)
   * @param eventId id of the event written under it
   */
  public synchronized void rememberKeyed(String scopeDigest, String eventId) {
    keyed.putIfAbsent(scopeDigest, eventId);
  }

  /**
   * @param scopeDigest hex digest of a key's scope
   * @return the id of the event first written under it, if known
   */
  public synchronized Optional<String> keyedEvent(String scopeDigest) {
    return Optional.ofNullable(keyed.get(scopeDigest));
  }

  /**
   * Applies one event read from (or acknowledged by) Kafka.
   *
   * @param event the event
   * @param partition its partition
   * @param offset its offset
   * @return true when the view changed
   */
  public synchronized boolean apply(CaseEvent event, int partition, long offset) {
    Object payload = event.getPayload();
    if (payload instanceof ClockTick) {
      return false;
    }
    CaseSummary old = cases.get(event.getCaseId());
    if (old != null && old.partition() == partition && offset <= old.offset()) {
      return false;
    }
    Instant at = event.getOccurredAt();
    if (payload instanceof Submitted s) {
      if (old != null) {
        return false; // a second Submitted for a known case is the engine's to reject
      }
      handling.put(
          event.getCaseId(),
          new Handling(
              s.getUnitId(), event.getActor() == null ? null : event.getActor().getOfficialId()));
      Location l = s.getLocation();
      cases.put(
          event.getCaseId(),
          new CaseSummary(
              event.getCaseId(),
              s.getCategory().name(),
              s.getServiceCode(),
              s.getDescription(),
              l == null ? null : l.getAddress(),
              l == null ? null : l.getLatitude(),
              l == null ? null : l.getLongitude(),
              s.getUnitId(),
              at,
              at,
              s.getSourceDueAt(),
              s.getAttachmentUrls().isEmpty() ? null : s.getAttachmentUrls().get(0),
              partition,
              offset,
              event.getEventId()));
      return true;
    }
    if (old == null) {
      return false; // event for a case we never saw submitted (or evicted)
    }
    if (payload instanceof Transferred t) {
      // The engine refuses a transfer only of a closed case, on which no further action is
      // allowed anyway; following it here keeps the scope checks on the unit that now handles it.
      Handling h = handling.get(event.getCaseId());
      handling.put(
          event.getCaseId(), new Handling(t.getToUnitId(), h == null ? null : h.submittedBy()));
    }
    // Only the time moves: what the event means for the case's status is the engine's to decide.
    Instant updated = at.isAfter(old.updatedAt()) ? at : old.updatedAt();
    cases.put(
        event.getCaseId(),
        new CaseSummary(
            old.caseId(),
            old.category(),
            old.serviceCode(),
            old.description(),
            old.address(),
            old.latitude(),
            old.longitude(),
            old.submittedUnitId(),
            old.requestedAt(),
            updated,
            old.sourceDueAt(),
            old.mediaUrl(),
            partition,
            offset,
            old.submittedEventId()));
    return true;
  }

  /**
   * @param caseId case id
   * @return its handling unit and submitter, if known
   */
  public synchronized Optional<Handling> handling(String caseId) {
    return Optional.ofNullable(handling.get(caseId));
  }

  /**
   * @param caseId case id
   * @return the case, if known
   */
  public synchronized Optional<CaseSummary> get(String caseId) {
    return Optional.ofNullable(cases.get(caseId));
  }

  /**
   * @param filter which cases
   * @param limit maximum number returned
   * @return matching cases, newest requestedAt first
   */
  public synchronized List<CaseSummary> query(Predicate<CaseSummary> filter, int limit) {
    List<CaseSummary> out = new ArrayList<>();
    for (CaseSummary c : cases.values()) {
      if (filter.test(c)) {
        out.add(c);
      }
    }
    out.sort(
        Comparator.comparing(CaseSummary::requestedAt)
            .reversed()
            .thenComparing(CaseSummary::caseId));
    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
  }

  /**
   * @return number of cases held
   */
  public synchronized int size() {
    return cases.size();
  }
}
