package vn.onestop.sla.cases;

import java.util.Objects;
import vn.onestop.schema.CaseEvent;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.Refusal;

/**
 * Keeps the latest refused event on a case's state ({@code CaseState.lastRefusal}), so the status
 * query can tell the intake that the action it wrote was refused, and why. Pure: the refusal is
 * derived from the event and the decider's reason only, so a replay records the same one.
 */
public final class Refusals {
  private Refusals() {}

  /**
   * @param current the stored state (not modified)
   * @param event the refused event
   * @param reason the decider's reason ({@link Decision.Rejected#reason()})
   * @return a copy of {@code current} whose {@code lastRefusal} names the event and reason
   */
  public static CaseState recorded(CaseState current, CaseEvent event, String reason) {
    Objects.requireNonNull(current, "current");
    CaseState n = StateCopies.copy(current);
    Object payload = event.getPayload();
    n.setLastRefusal(
        Refusal.newBuilder()
            .setEventId(event.getEventId())
            .setAction(payload == null ? "null" : payload.getClass().getSimpleName())
            .setReason(reason)
            .setOccurredAt(event.getOccurredAt())
            .build());
    return n;
  }
}
