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

  /**
   * The legal step a case has reached, independent of whether an officer is assigned: the status
   * ASSIGNED means "accepted (thụ lý) and assigned", so a case assigned before its acceptance shows
   * ASSIGNED once accepted, and only the step says it was accepted.
   *
   * <ul>
   *   <li>{@code TIEP_NHAN}: received, not yet accepted (Luật Khiếu nại 2011 Điều 27; Luật Tố cáo
   *       2018 Điều 24); for categories without a formal acceptance it stays so until resolved
   *   <li>{@code THU_LY}: accepted, the resolution clock runs (ACCEPTED or ASSIGNED)
   *   <li>{@code TAM_DINH_CHI}: suspended (Luật Tố cáo 2018 Điều 34)
   *   <li>{@code DA_GIAI_QUYET}: resolved
   *   <li>{@code KHONG_THU_LY}: refused (REJECTED)
   *   <li>{@code RUT_DON}: withdrawn (Luật Khiếu nại 2011 Điều 10)
   * </ul>
   *
   * @param s a case state
   * @return the step's name
   */
  public static String legalStep(CaseState s) {
    return switch (s.getStatus()) {
      case SUBMITTED -> "TIEP_NHAN";
      case ACCEPTED, ASSIGNED -> s.getAcceptedAt() != null ? "THU_LY" : "TIEP_NHAN";
      case SUSPENDED -> "TAM_DINH_CHI";
      case RESOLVED -> "DA_GIAI_QUYET";
      case REJECTED -> "KHONG_THU_LY";
      case WITHDRAWN -> "RUT_DON";
      default -> "UNKNOWN";
    };
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
