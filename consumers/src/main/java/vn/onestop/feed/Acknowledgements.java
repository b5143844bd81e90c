package vn.onestop.feed;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.onestop.schema.Acknowledged;
import vn.onestop.schema.CaseAcknowledgement;
import vn.onestop.schema.Snoozed;

/**
 * What the cockpit knows of acknowledgements and snoozes: per case, the latest acknowledgement and
 * the latest snooze read from {@code case-acknowledgements} (or just written by this feed), and the
 * records by id for Idempotency-Key replays. Thread-safe.
 *
 * <p>Bounded: at most {@code maxCases} cases and {@code maxIds} record ids, the least recently
 * touched forgotten first (the feed also reads the topic only from its recent window at start, like
 * {@code case-events}). Applying the same record twice (write-through, then read back by the
 * tailer) changes nothing; an older record of a case never replaces a newer one.
 */
public final class Acknowledgements {
  /**
   * The latest acknowledgement and snooze of a case; instants are UTC.
   *
   * @param acknowledgedBy principal id of the latest acknowledgement, or null
   * @param acknowledgedRole its role (UNIT_HEAD or SUPERVISOR), or null
   * @param acknowledgedAt when, or null
   * @param acknowledgedAlertId the alert it acknowledged, or null
   * @param acknowledgedLevel that alert's escalation level, or null
   * @param snoozedBy principal id of the latest snooze, or null
   * @param snoozedAt when it was made, or null
   * @param snoozedUntil until when, or null
   * @param snoozeReason its reason (officials only), or null
   */
  public record State(
      String acknowledgedBy,
      String acknowledgedRole,
      Instant acknowledgedAt,
      String acknowledgedAlertId,
      Integer acknowledgedLevel,
      String snoozedBy,
      Instant snoozedAt,
      Instant snoozedUntil,
      String snoozeReason) {
    static final State NONE = new State(null, null, null, null, null, null, null, null, null);

    /**
     * @param now the current instant
     * @return whether a snooze is in force at {@code now}
     */
    public boolean snoozed(Instant now) {
      return snoozedUntil != null && snoozedUntil.isAfter(now);
    }
  }

  private final int maxCases;
  private final int maxIds;
  private final Map<String, State> byCase = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, CaseAcknowledgement> byId = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * @param maxCases most cases remembered
   * @param maxIds most record ids remembered for Idempotency-Key replays
   */
  public Acknowledgements(int maxCases, int maxIds) {
    this.maxCases = maxCases;
    this.maxIds = maxIds;
  }

  /**
   * Takes a record into account (idempotent).
   *
   * @param a a record of {@code case-acknowledgements}
   */
  public synchronized void apply(CaseAcknowledgement a) {
    if (a == null) {
      return;
    }
    byId.put(a.getAckId(), a);
    trim(byId, maxIds);
    State s = byCase.getOrDefault(a.getCaseId(), State.NONE);
    Instant at = a.getOccurredAt();
    if (a.getAction() instanceof Acknowledged k) {
      if (s.acknowledgedAt() == null || !at.isBefore(s.acknowledgedAt())) {
        s =
            new State(
                a.getActorId(),
                a.getActorRole(),
                at,
                k.getAlertId(),
                k.getAlertLevel(),
                s.snoozedBy(),
                s.snoozedAt(),
                s.snoozedUntil(),
                s.snoozeReason());
      }
    } else if (a.getAction() instanceof Snoozed z) {
      if (s.snoozedAt() == null || !at.isBefore(s.snoozedAt())) {
        s =
            new State(
                s.acknowledgedBy(),
                s.acknowledgedRole(),
                s.acknowledgedAt(),
                s.acknowledgedAlertId(),
                s.acknowledgedLevel(),
                a.getActorId(),
                at,
                z.getUntil(),
                z.getReason());
      }
    }
    byCase.put(a.getCaseId(), s);
    trim(byCase, maxCases);
  }

  /**
   * @param caseId a case id
   * @return its latest acknowledgement and snooze ({@link State#NONE}-like, all null, if none)
   */
  public synchronized State of(String caseId) {
    return byCase.getOrDefault(caseId, State.NONE);
  }

  /**
   * @param ackId a record id
   * @return the record with that id, if still remembered
   */
  public synchronized Optional<CaseAcknowledgement> byId(String ackId) {
    return Optional.ofNullable(byId.get(ackId));
  }

  /**
   * @param now the current instant
   * @return ids of the remembered cases snoozed at {@code now}
   */
  public synchronized java.util.Set<String> snoozedAt(Instant now) {
    java.util.Set<String> out = new java.util.HashSet<>();
    byCase.forEach(
        (caseId, st) -> {
          if (st.snoozed(now)) {
            out.add(caseId);
          }
        });
    return out;
  }

  /**
   * @return cases remembered
   */
  public synchronized int size() {
    return byCase.size();
  }

  private static void trim(Map<String, ?> m, int max) {
    while (m.size() > max) {
      m.remove(m.keySet().iterator().next());
    }
  }
}
