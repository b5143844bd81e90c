package vn.onestop.sla.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the deadline index encoding: unsigned lexicographic byte order of encodings equals
 * (instant, case id) order, checked against an oracle that does not use the encoding; round trips;
 * range bounds.
 */
class DeadlineIndexKeyProperties {

  /** The oracle: epoch millis as signed longs, then case ids by Unicode code point. */
  private static final Comparator<DeadlineIndexKey> ORACLE =
      Comparator.comparingLong((DeadlineIndexKey k) -> k.due().toEpochMilli())
          .thenComparing(DeadlineIndexKey::caseId, DeadlineIndexKeyProperties::compareCodePoints);

  private static int compareCodePoints(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return java.util.Arrays.compare(x, y);
  }

  @Property(tries = 2000)
  void byteOrderEqualsInstantThenCaseIdOrder(
      @ForAll("keys") DeadlineIndexKey a, @ForAll("keys") DeadlineIndexKey b) {
    int bytes = Integer.signum(DeadlineIndexKey.compareUnsigned(a.encode(), b.encode()));
    assertThat(bytes).isEqualTo(Integer.signum(ORACLE.compare(a, b)));
    assertThat(Integer.signum(a.compareTo(b))).isEqualTo(bytes);
  }

  @Property(tries = 300)
  void sortingByBytesSortsChronologically(
      @ForAll @Size(min = 2, max = 60) List<@net.jqwik.api.From("keys") DeadlineIndexKey> keys) {
    List<byte[]> encoded = new ArrayList<>(keys.stream().map(DeadlineIndexKey::encode).toList());
    encoded.sort(DeadlineIndexKey::compareUnsigned);
    List<DeadlineIndexKey> expected = new ArrayList<>(keys);
    expected.sort(ORACLE);
    assertThat(encoded.stream().map(DeadlineIndexKey::decode).toList()).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void roundTrip(@ForAll("keys") DeadlineIndexKey key) {
    assertThat(DeadlineIndexKey.decode(key.encode())).isEqualTo(key);
  }

  @Property(tries = 2000)
  void upperBoundIncludesExactlyTheKeysDueByThen(
      @ForAll("keys") DeadlineIndexKey key, @ForAll("millis") long bound) {
    Instant b = Instant.ofEpochMilli(bound);
    boolean inRange =
        DeadlineIndexKey.compareUnsigned(key.encode(), DeadlineIndexKey.upperBoundInclusive(b))
            <= 0;
    assertThat(inRange).isEqualTo(!key.due().isAfter(b));
  }

  @Property(tries = 2000)
  void lowerBoundIncludesExactlyTheKeysDueFromThen(
      @ForAll("keys") DeadlineIndexKey key, @ForAll("millis") long bound) {
    Instant b = Instant.ofEpochMilli(bound);
    boolean inRange =
        DeadlineIndexKey.compareUnsigned(key.encode(), DeadlineIndexKey.lowerBoundInclusive(b))
            >= 0;
    assertThat(inRange).isEqualTo(!key.due().isBefore(b));
  }

  @Provide
  Arbitrary<Long> millis() {
    // Whole long range, with extra weight around the epoch (sign change) and today's instants.
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-5_000L, 5_000L),
        Arbitraries.longs().between(1_700_000_000_000L, 1_900_000_000_000L),
        Arbitraries.of(
            Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
  }

  @Provide
  Arbitrary<DeadlineIndexKey> keys() {
    Arbitrary<String> ids =
        Arbitraries.oneOf(
            // short ids from a tiny alphabet make equal instants and common prefixes likely
            Arbitraries.strings().withChars("ab").ofMinLength(1).ofMaxLength(4),
            Arbitraries.strings().withCharRange('0', 'z').ofMinLength(1).ofMaxLength(12),
            codePointStrings());
    // few distinct instants so ties on the instant are frequent
    Arbitrary<Long> ms =
        Arbitraries.oneOf(millis(), Arbitraries.of(-1L, 0L, 1L, 1_767_225_600_000L));
    return Combinators.combine(ms, ids)
        .as((m, id) -> new DeadlineIndexKey(Instant.ofEpochMilli(m), id));
  }

  /** Any Unicode scalar values: ASCII, Vietnamese (1-3 byte UTF-8) and supplementary (4 bytes). */
  private static Arbitrary<String> codePointStrings() {
    Arbitrary<Integer> cp =
        Arbitraries.oneOf(
                Arbitraries.integers().between(1, 0x7F),
                Arbitraries.of((int) 'ă', (int) 'ơ', (int) 'ư', (int) 'đ', (int) 'Ệ', (int) 'ỹ'),
                Arbitraries.integers().between(0x80, 0x10FFFF))
            .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE);
    return cp.list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .map(
            list -> {
              StringBuilder sb = new StringBuilder();
              list.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }
}
