package vn.onestop.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Baseline and pipeline measured in alternation (A B A B A B): on a shared 2-core machine one pair
 * varies from 10 % to 32 %, so the ratio reported against the target is the median of the pairs'
 * ratios, each pair's baseline and pipeline measured back to back under the same load.
 */
final class PairedRuns {
  private PairedRuns() {}

  /**
   * One pair.
   *
   * @param index pair number, from 1
   * @param baseline raw produce + consume, events/s
   * @param pipeline the pipeline on the standard workload (1 alert per input event), events/s
   * @param recordsPerEvent records the engine wrote per input event in that pipeline run
   *     (changelogs, repartition, alerts, unit KPIs; the input itself not counted)
   * @param realistic the pipeline on the workload of about 0.7 alerts per event, events/s, NaN when
   *     not run
   * @param realisticRecordsPerEvent records written per input event in that run, NaN when not run
   */
  record Pair(
      int index,
      double baseline,
      double pipeline,
      double recordsPerEvent,
      double realistic,
      double realisticRecordsPerEvent) {
    /**
     * @return pipeline / baseline (a fraction, 0.25 = 25 %)
     */
    double ratio() {
      return pipeline / baseline;
    }

    /**
     * @return realistic pipeline / baseline of the same pair, NaN when not run
     */
    double realisticRatio() {
      return realistic / baseline;
    }

    /**
     * @return one line: both rates, the ratio and the records written per input event beside it
     */
    String line() {
      String s =
          String.format(
              Locale.ROOT,
              "pair %d: baseline %,.0f events/s, pipeline %,.0f events/s = %.1f %% (%.2f records"
                  + " written per input event)",
              index,
              baseline,
              pipeline,
              100 * ratio(),
              recordsPerEvent);
      if (!Double.isNaN(realistic)) {
        s +=
            String.format(
                Locale.ROOT,
                "; realistic alert density %,.0f events/s = %.1f %% (%.2f records/event)",
                realistic,
                100 * realisticRatio(),
                realisticRecordsPerEvent);
      }
      return s;
    }
  }

  /**
   * The median: the middle value of an odd count, the mean of the two middle values of an even
   * count; NaN values are left out.
   *
   * @param values the sample (not modified)
   * @return the median, NaN when no value is a number
   */
  static double median(double... values) {
    double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  /**
   * @param pairs the pairs of a run
   * @return median of the pairs' pipeline / baseline ratios (not the ratio of medians)
   */
  static double medianRatio(List<Pair> pairs) {
    return median(pairs.stream().mapToDouble(Pair::ratio).toArray());
  }

  /**
   * @param pairs the pairs of a run
   * @return median of the pairs' realistic pipeline / baseline ratios, NaN when none ran
   */
  static double medianRealisticRatio(List<Pair> pairs) {
    return median(pairs.stream().mapToDouble(Pair::realisticRatio).toArray());
  }
}
