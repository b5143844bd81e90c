package vn.onestop.sla.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineIndexKeyTest {

  @Test
  void negativeInstantsSortBeforeTheEpochAndLaterInstants() {
    byte[] before1970 = DeadlineIndexKey.encode(Instant.parse("1969-12-31T23:59:59.999Z"), "b");
    byte[] epoch = DeadlineIndexKey.encode(Instant.EPOCH, "a");
    byte[] y2026 = DeadlineIndexKey.encode(Instant.parse("2026-02-16T17:00:00Z"), "a");
    assertThat(DeadlineIndexKey.compareUnsigned(before1970, epoch)).isNegative();
    assertThat(DeadlineIndexKey.compareUnsigned(epoch, y2026)).isNegative();
  }

  @Test
  void layoutIsSignFlippedBigEndianMillisThenUtf8() {
    byte[] b = DeadlineIndexKey.encode(Instant.ofEpochMilli(1), "Đ");
    assertThat(b).containsExactly(0x80, 0, 0, 0, 0, 0, 0, 1, 0xC4, 0x90);
  }

  @Test
  void vietnameseCaseIdsRoundTrip() {
    DeadlineIndexKey k =
        new DeadlineIndexKey(Instant.parse("2026-04-27T00:00:00.123Z"), "HS-Hoàn-Kiếm-001");
    assertThat(DeadlineIndexKey.decode(k.encode())).isEqualTo(k);
  }

  @Test
  void subMillisecondPartsAreDropped() {
    DeadlineIndexKey k = new DeadlineIndexKey(Instant.parse("2026-01-01T00:00:00.123456789Z"), "c");
    assertThat(k.due()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
  }

  @Test
  void extremeInstantsDoNotOverflowTheUpperBound() {
    Instant max = Instant.ofEpochMilli(Long.MAX_VALUE);
    byte[] key = DeadlineIndexKey.encode(max, "z");
    assertThat(DeadlineIndexKey.compareUnsigned(key, DeadlineIndexKey.upperBoundInclusive(max)))
        .isNegative();
    Instant min = Instant.ofEpochMilli(Long.MIN_VALUE);
    assertThat(
            DeadlineIndexKey.compareUnsigned(
                DeadlineIndexKey.encode(min, "a"), DeadlineIndexKey.lowerBoundInclusive(min)))
        .isPositive();
  }

  @Test
  void badInputIsRefusedNamingTheProblem() {
    assertThatThrownBy(() -> DeadlineIndexKey.encode(Instant.EPOCH, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("caseId");
    assertThatThrownBy(() -> DeadlineIndexKey.encode(Instant.EPOCH, "x\uD800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> DeadlineIndexKey.decode(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 8 bytes");
    assertThatThrownBy(
            () -> DeadlineIndexKey.decode(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not UTF-8");
  }
}
