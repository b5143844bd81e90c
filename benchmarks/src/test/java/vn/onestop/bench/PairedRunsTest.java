package vn.onestop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ratio against the target is the median of the pairs' ratios, not a ratio of medians. */
class PairedRunsTest {
  private static PairedRuns.Pair pair(int i, double baseline, double pipeline) {
    return new PairedRuns.Pair(i, baseline, pipeline, 8.0, Double.NaN, Double.NaN);
  }

  @Test
  void medianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
    assertThat(PairedRuns.median(0.32, 0.10, 0.18)).isEqualTo(0.18);
    assertThat(PairedRuns.median(4, 1, 3, 2)).isEqualTo(2.5);
    assertThat(PairedRuns.median(7)).isEqualTo(7);
    assertThat(PairedRuns.median()).isNaN();
    assertThat(PairedRuns.median(Double.NaN, 5, Double.NaN)).isEqualTo(5);
  }

  @Test
  void theMedianRatioIsTakenOverPairsNotOverTheMediansOfEachSide() {
    // pair ratios: 10 %, 32 %, 20 %  -> 20 %
    List<PairedRuns.Pair> pairs =
        List.of(pair(1, 100_000, 10_000), pair(2, 50_000, 16_000), pair(3, 150_000, 30_000));
    assertThat(PairedRuns.medianRatio(pairs)).isCloseTo(0.20, within(1e-12));
    // median baseline 100 000 and median pipeline 16 000 would give 16 %: not what is reported
    assertThat(PairedRuns.medianRatio(pairs)).isNotCloseTo(0.16, within(1e-3));
  }

  @Test
  void theRealisticRatioIsNotANumberWhenThatWorkloadDidNotRun() {
    List<PairedRuns.Pair> pairs = List.of(pair(1, 100_000, 10_000));
    assertThat(PairedRuns.medianRealisticRatio(pairs)).isNaN();
    List<PairedRuns.Pair> both =
        List.of(
            new PairedRuns.Pair(1, 100_000, 10_000, 8.0, 12_000, 7.0),
            new PairedRuns.Pair(2, 100_000, 11_000, 8.0, 14_000, 7.0));
    assertThat(PairedRuns.medianRealisticRatio(both)).isCloseTo(0.13, within(1e-12));
  }

  @Test
  void aPairLinePrintsBothRatesTheRatioAndTheRecordsWrittenPerEvent() {
    assertThat(pair(2, 150_000, 15_000).line())
        .isEqualTo(
            "pair 2: baseline 150,000 events/s, pipeline 15,000 events/s = 10.0 % (8.00 records"
                + " written per input event)");
    assertThat(new PairedRuns.Pair(1, 100_000, 20_000, 8.26, 25_000, 7.1).line())
        .endsWith("; realistic alert density 25,000 events/s = 25.0 % (7.10 records/event)");
  }
}
