package vn.onestop.sla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import vn.onestop.sla.index.DeadlineIndexKey;

/**
 * The offline index order ({@link EngineTask#ORDER}) is the live index's key order ({@link
 * DeadlineIndexKey}: due instant, then the case id's UTF-8 bytes), also for case ids with
 * characters above U+FFFF, where Java's String order differs.
 */
class EngineTaskOrderProperties {
  @Property(tries = 500)
  void theOfflineOrderIsTheIndexKeyOrder(
      @ForAll("ids") String a,
      @ForAll("ids") String b,
      @ForAll("dues") long x,
      @ForAll("dues") long y) {
    Instant da = Instant.ofEpochMilli(x);
    Instant db = Instant.ofEpochMilli(y);
    int offline = EngineTask.ORDER.compare(new EngineTask.Due(da, a), new EngineTask.Due(db, b));
    int live =
        DeadlineIndexKey.compareUnsigned(
            DeadlineIndexKey.encode(da, a), DeadlineIndexKey.encode(db, b));
    assertThat(Integer.signum(offline)).isEqualTo(Integer.signum(live));
  }

  @Example
  void aCharacterAboveUffffSortsAfterOneBelowItAsInUtf8() {
    Instant t = Instant.EPOCH;
    String emoji = "case-\ud83d\ude00"; // U+1F600
    String fullwidth = "case-\uff21"; // U+FF21
    assertThat(emoji.compareTo(fullwidth)).as("Java's UTF-16 order").isNegative();
    assertThat(
            EngineTask.ORDER.compare(
                new EngineTask.Due(t, emoji), new EngineTask.Due(t, fullwidth)))
        .isPositive();
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings()
        .withChars('a', 'z', '-', '\u00e9', '\uffe0', '\ufffd')
        .withCharRange('0', '9')
        .ofMinLength(1)
        .ofMaxLength(6)
        .flatMap(
            s ->
                Arbitraries.of("", "\ud83d\ude00", "\ud800\udc00", "\uff21")
                    .map(suffix -> s + suffix));
  }

  @Provide
  Arbitrary<Long> dues() {
    return Arbitraries.of(0L, 1L, 1_772_413_200_000L, -5L);
  }
}
