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
import vn.onestop.schema.Complainant;
import vn.onestop.schema.EncryptedIdentity;
import vn.onestop.schema.IdentityRevealed;
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
  private final Map<String, String> byTrackingCode = new java.util.HashMap<>();
  private final Map<String, Object> identities = new java.util.HashMap<>();
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
      boolean open = contentPublic(s);
      Location l = open ? s.getLocation() : null;
      CaseSummary added =
          new CaseSummary(
              event.getCaseId(),
              s.getCategory().name(),
              s.getServiceCode(),
              open ? s.getDescription() : null,
              l == null ? null : l.getAddress(),
              l == null ? null : l.getLatitude(),
              l == null ? null : l.getLongitude(),
              s.getUnitId(),
              at,
              at,
              s.getSourceDueAt(),
              !open || s.getAttachmentUrls().isEmpty() ? null : s.getAttachmentUrls().get(0),
              partition,
              offset,
              event.getEventId(),
              s.getTrackingCode(),
              open);
      cases.put(event.getCaseId(), added);
      if (s.getTrackingCode() != null) {
        byTrackingCode.put(s.getTrackingCode(), event.getCaseId());
      }
      if (s.getEncryptedIdentity() != null) {
        identities.put(event.getCaseId(), s.getEncryptedIdentity());
      } else if (s.getComplainant() != null) {
        identities.put(event.getCaseId(), s.getComplainant()); // written before encryption for all
      }
      dropEvicted();
      return true;
    }
    if (payload instanceof IdentityRevealed) {
      return false; // audit record only: a public read must not show that a reveal happened
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
            old.submittedEventId(),
            old.trackingCode(),
            old.contentPublic()));
    return true;
  }

  /**
   * Whether a submission's content may be public ({@link vn.onestop.schema.ContentSecrecy}): never
   * for a tố cáo (the denouncer is protected, and the text names them and the accused: docs/law.md,
   * "The denouncer's identity is secret") nor for a khiếu nại (documented policy choice: its text
   * names the complainant and the decision complained of); for the other categories unless the
   * submitter asked otherwise.
   *
   * @param s a Submitted payload
   * @return true when description, location and attachments may be shown on public reads
   */
  public static boolean contentPublic(Submitted s) {
    return vn.onestop.schema.ContentSecrecy.contentPublic(s);
  }

  private void dropEvicted() {
    if (byTrackingCode.size() > maxCases) {
      byTrackingCode.values().removeIf(id -> !cases.containsKey(id));
    }
    if (identities.size() > maxCases) {
      identities.keySet().removeIf(id -> !cases.containsKey(id));
    }
  }

  /**
   * The identity filed with a case, for the controlled reveal only: the {@link EncryptedIdentity}
   * (ciphertext), or the plain {@link Complainant} of an event written before every identity was
   * encrypted. Never shown by any read.
   *
   * @param caseId case id
   * @return the stored identity, empty for an anonymous or unknown case
   */
  public synchronized Optional<Object> identity(String caseId) {
    return Optional.ofNullable(identities.get(caseId));
  }

  /**
   * @param trackingCode a code given to a citizen, e.g. {@code OS-7K2M9QX4TB}
   * @return the case it names, if known
   */
  public synchronized Optional<CaseSummary> byTrackingCode(String trackingCode) {
    String id = trackingCode == null ? null : byTrackingCode.get(trackingCode);
    return id == null ? Optional.empty() : Optional.ofNullable(cases.get(id));
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
