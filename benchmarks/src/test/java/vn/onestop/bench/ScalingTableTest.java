package vn.onestop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scaling table: µs per event from the rates, growth against the smallest size, gaps as —. */
class ScalingTableTest {
  @Test
  void microsPerEventIsTheInverseOfTheRate() {
    assertThat(ScalingTable.microsPerEvent(1_000_000)).isEqualTo(1.0);
    assertThat(ScalingTable.microsPerEvent(25_000)).isEqualTo(40.0);
    assertThat(ScalingTable.microsPerEvent(Double.NaN)).isNaN();
    assertThat(ScalingTable.microsPerEvent(0)).isNaN();
  }

  @Test
  void eachRowGivesRatesMicrosPerEventAndGrowthAgainstTheFirstRow() {
    String md =
        ScalingTable.markdown(
            List.of(
                new ScalingTable.Row(10_000, 20_000, 500_000, 20_000, 8.25),
                new ScalingTable.Row(100_000, 200_000, 250_000, 10_000, 8.5)));
    String[] lines = md.split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("| cases | input events | replay events/s | replay µs/event |");
    assertThat(lines[1]).startsWith("|---:|");
    assertThat(lines[2])
        .isEqualTo("| 10,000 | 20,000 | 500,000 | 2.00 | 1.00× | 20,000 | 50.0 | 1.00× | 8.25 |");
    assertThat(lines[3])
        .isEqualTo(
            "| 100,000 | 200,000 | 250,000 | 4.00 | 2.00× | 10,000 | 100.0 | 2.00× | 8.50 |");
  }

  @Test
  void aFigureNotMeasuredPrintsAsADash() {
    String md =
        ScalingTable.markdown(
            List.of(new ScalingTable.Row(10_000, 20_000, 400_000, Double.NaN, Double.NaN)));
    assertThat(md.split("\n")[2])
        .isEqualTo("| 10,000 | 20,000 | 400,000 | 2.50 | 1.00× | — | — | — | — |");
  }
}
