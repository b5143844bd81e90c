package vn.onestop.report.scorecard;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/**
 * The scorecard of every unit for one month, with the month's ranking.
 *
 * @param month calendar month in Asia/Ho_Chi_Minh
 * @param units one entry per unit, sorted by unit id
 * @param ranking the ranking
 */
public record Scorecard(YearMonth month, List<UnitMonth> units, Ranking ranking) {
  /** Copies the list. */
  public Scorecard {
    units = List.copyOf(units);
  }

  /**
   * @param unitId a unit id
   * @return its entry, if the month has one
   */
  public Optional<UnitMonth> unit(String unitId) {
    return units.stream().filter(u -> u.unitId().equals(unitId)).findFirst();
  }
}
