package vn.onestop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedPositionTest {
  @Test
  void roundTripsAndAdvancesPerPartition() {
    FeedPosition p = FeedPosition.BEGINNING.after(2, 6).after(0, 14);
    assertThat(p.toString()).isEqualTo("0-15,2-7");
    assertThat(FeedPosition.parse(p.toString())).isEqualTo(p);
    assertThat(p.next(1)).isZero();
    assertThat(p.after(0, 3)).as("going back is a no-op").isEqualTo(p);
  }

  @Test
  void blankIsBeginning() {
    assertThat(FeedPosition.parse(" ")).isEqualTo(FeedPosition.BEGINNING);
    assertThat(FeedPosition.parse(null).toString()).isEmpty();
  }

  @Test
  void malformedPositionNamesThePair() {
    assertThatThrownBy(() -> FeedPosition.parse("0-15,x-3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x-3'");
    assertThatThrownBy(() -> FeedPosition.parse("0-1,0-2")).hasMessageContaining("'0-2'");
    assertThatThrownBy(() -> FeedPosition.parse("1--2")).hasMessageContaining("'1--2'");
  }
}
