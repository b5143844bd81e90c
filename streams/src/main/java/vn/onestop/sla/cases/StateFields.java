package vn.onestop.sla.cases;

import java.util.EnumSet;
import java.util.Set;
import vn.onestop.schema.Category;
import vn.onestop.schema.Complexity;
import vn.onestop.sla.calendar.Period;
import vn.onestop.sla.calendar.PeriodUnit;
import vn.onestop.sla.state.ActiveClock;
import vn.onestop.sla.state.CaseState;
import vn.onestop.sla.state.CaseStatus;

/**
 * Read helpers over a {@link CaseState} (typed views of the fields the Avro record stores as
 * strings, and the status groups the decider and the ladder share).
 */
public final class StateFields {

  /** Statuses in which the case can still change (SUBMITTED, ACCEPTED, ASSIGNED, SUSPENDED). */
  public static final Set<CaseStatus> OPEN =
      EnumSet.of(
          CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.ASSIGNED, CaseStatus.SUSPENDED);

  /** Terminal statuses: nothing is accepted after them (REJECTED, WITHDRAWN). */
  public static final Set<CaseStatus> CLOSED =
      EnumSet.of(CaseStatus.REJECTED, CaseStatus.WITHDRAWN);

  private StateFields() {}

  /**
   * @param s a case state
   * @return its category; {@link Category#UNKNOWN} for a symbol this build does not know
   */
  public static Category category(CaseState s) {
    return parse(Category.class, s.getCategory(), Category.UNKNOWN);
  }

  /**
   * @param s a case state
   * @return its complexity; {@link Complexity#NORMAL} for a symbol this build does not know
   */
  public static Complexity complexity(CaseState s) {
    return parse(Complexity.class, s.getComplexity(), Complexity.NORMAL);
  }

  /**
   * @param s a case state
   * @return true if the case is open (see {@link #OPEN})
   */
  public static boolean isOpen(CaseState s) {
    return OPEN.contains(s.getStatus());
  }

  /**
   * @param s a case state
   * @return true if a clock exists and is not paused by a suspension
   */
  public static boolean clockRunning(CaseState s) {
    ActiveClock c = s.getClock();
    return c != null && c.getSuspendedAt() == null;
  }

  /**
   * The period stored in a clock, used for its unit when a suspension ends.
   *
   * @param c a clock
   * @return the period; for a due date taken from the source system (no period), 1 second — so a
   *     resumption shifts that due instant by the exact suspended time
   */
  public static Period period(ActiveClock c) {
    if (c.getPeriodAmount() == null || c.getPeriodUnit() == null) {
      return new Period(1, PeriodUnit.SECONDS);
    }
    return new Period(c.getPeriodAmount(), PeriodUnit.valueOf(c.getPeriodUnit()));
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String symbol, E fallback) {
    if (symbol == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, symbol);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
