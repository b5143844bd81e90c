package vn.onestop.report.scorecard;

import java.util.List;

/**
 * The month's league table: units ordered by on-time rate, only those with at least {@code
 * minimumCases} cases in the rate's denominator.
 *
 * @param minimumCases the threshold ({@link Scorecards#MINIMUM_CASES})
 * @param ranked ranked units, best first
 * @param unranked ids of units below the threshold (sorted), shown apart with their figures
 */
public record Ranking(int minimumCases, List<Entry> ranked, List<String> unranked) {
  /** Copies the lists. */
  public Ranking {
    ranked = List.copyOf(ranked);
    unranked = List.copyOf(unranked);
  }

  /**
   * One ranked unit.
   *
   * @param rank competition rank (equal rates share a rank: 1, 2, 2, 4)
   * @param unitId unit id
   * @param onTimeRate its on-time rate
   */
  public record Entry(int rank, String unitId, Rate onTimeRate) {}

  /**
   * @return the rule as printed with the table (Vietnamese)
   */
  public String rule() {
    return "Xếp hạng theo tỷ lệ đúng hạn = (trước hạn + đúng hạn) / (đã giải quyết trong tháng + "
        + "quá hạn còn tồn cuối tháng); chỉ xếp hạng đơn vị có từ "
        + minimumCases
        + " hồ sơ trở lên trong mẫu số; bằng tỷ lệ thì cùng hạng.";
  }
}
