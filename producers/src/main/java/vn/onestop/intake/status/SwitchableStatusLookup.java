package vn.onestop.intake.status;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link CaseStatusLookup} slot that the app fills once the SLA engine runs. While empty, every
 * lookup throws {@link StatusUnavailableException} with a clear message (503 on the API).
 */
public final class SwitchableStatusLookup implements CaseStatusLookup {
  private final AtomicReference<CaseStatusLookup> target = new AtomicReference<>();

  /**
   * @param lookup the engine's lookup, or null to detach
   */
  public void set(CaseStatusLookup lookup) {
    target.set(lookup);
  }

  @Override
  public Optional<CaseStatusView> find(String caseId) throws StatusUnavailableException {
    CaseStatusLookup t = target.get();
    if (t == null) {
      throw new StatusUnavailableException(
          "the SLA engine's status query is not running in this process");
    }
    return t.find(caseId);
  }
}
