package vn.onestop.audit;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import vn.onestop.schema.CaseAlert;

/**
 * Outcome of {@code onestop audit replay}: the alerts re-derived from the recorded events compared
 * by alertId with the recorded alerts whose decidedAt lies in the window.
 *
 * <ul>
 *   <li>matches — same id, all fields equal;
 *   <li>missing — derived by the replay but absent from the recorded case-alerts (the record lacks
 *       an alert the engine should have emitted);
 *   <li>extra — recorded but not derived by the replay (the record holds an alert the engine would
 *       not emit);
 *   <li>differing — same id, some field differs (listed by name).
 * </ul>
 *
 * @param from start of the compared window (decidedAt, inclusive, UTC)
 * @param to end of the compared window (decidedAt, exclusive, UTC)
 * @param eventsReplayed case-events records fed to the engine
 * @param matches number of matching alerts
 * @param missing derived but not recorded
 * @param extra recorded but not derived
 * @param differing same id, different fields
 * @param recordedDuplicates recorded copies of an alert id beyond the first (de-duplicated,
 *     informative)
 */
public record ReplayResult(
    Instant from,
    Instant to,
    long eventsReplayed,
    long matches,
    List<CaseAlert> missing,
    List<CaseAlert> extra,
    List<Differing> differing,
    long recordedDuplicates) {

  /**
   * An alert whose recorded and derived copies differ.
   *
   * @param recorded the recorded alert
   * @param derived the replay's alert
   * @param fields names of the differing fields
   */
  public record Differing(CaseAlert recorded, CaseAlert derived, List<String> fields) {}

  /**
   * @return true if any alert is missing, extra or differing
   */
  public boolean hasDifferences() {
    return !missing.isEmpty() || !extra.isEmpty() || !differing.isEmpty();
  }

  /**
   * @return the process exit status: 0 without differences, 1 otherwise
   */
  public int exitCode() {
    return hasDifferences() ? 1 : 0;
  }

  /**
   * Prints a summary line and one line per difference.
   *
   * @param out destination
   */
  public void print(PrintStream out) {
    out.printf(
        "replay of %d events, alerts decided in [%s, %s): %d match, %d missing, %d extra, %d differing%s%n",
        eventsReplayed,
        from,
        to,
        matches,
        missing.size(),
        extra.size(),
        differing.size(),
        recordedDuplicates > 0
            ? " (" + recordedDuplicates + " duplicate recorded copies ignored)"
            : "");
    for (CaseAlert a : missing) {
      out.println("MISSING   " + line(a));
    }
    for (CaseAlert a : extra) {
      out.println("EXTRA     " + line(a));
    }
    for (Differing d : differing) {
      StringBuilder b = new StringBuilder("DIFFERING " + line(d.recorded()) + " fields:");
      for (String f : d.fields()) {
        int pos = CaseAlert.getClassSchema().getField(f).pos();
        b.append(' ')
            .append(f)
            .append(" recorded=")
            .append(d.recorded().get(pos))
            .append(" replayed=")
            .append(d.derived().get(pos));
      }
      out.println(b);
    }
  }

  private static String line(CaseAlert a) {
    return a.getAlertId()
        + " case="
        + a.getCaseId()
        + " "
        + a.getKind()
        + " L"
        + a.getLevel()
        + " unit="
        + a.getUnitId()
        + " rule="
        + a.getRuleId()
        + " decidedAt="
        + a.getDecidedAt();
  }
}
